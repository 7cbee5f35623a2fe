import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// Rules found by trying the API as a client: another country's agency is refused before its body
/// is read; every problem of a layer is reported; unknown parameters, unsatisfiable `Accept`, and
/// `Location` only on `201`.
@Suite struct ContractTests {
    @Test func anotherCountrysAgencyGets403WhateverItsBodyHolds() throws {
        let t = try TestApp()
        let kazakh = try t.key("kz", .submitter, "KZ")
        let uzbek = try t.key("uz", .submitter, "UZ")
        let created = t.send(.post, "/v1/assessments", key: kazakh, body: T5Documents.kz("KZ-C-1"))
        #expect(created.status == 201)
        let id = try #require(created.object["id"] as? Int)
        let etag = try #require(created.headers["ETag"])
        let path = "/v1/assessments/\(id)"
        for body in ["{}", T5Documents.brokenKZ, "not json", T5Documents.uz("UZ-C-1")] {
            let reply = t.send(.put, path, key: uzbek, body: body, headers: [("If-Match", etag)])
            #expect(reply.status == 403, "PUT with \(body.prefix(20)) answered \(reply.status)")
        }
        #expect(t.send(.put, path, key: uzbek, body: "{}").status == 403)
        #expect(t.send(.delete, path + "?reason=mine", key: uzbek).status == 403)
        #expect(t.send(.delete, path, key: uzbek).status == 403)
        // The owner still gets the validation and precondition answers.
        #expect(t.send(.put, path, key: kazakh, body: "{}", headers: [("If-Match", etag)]).status == 422)
        #expect(t.send(.put, path, key: kazakh, body: "{}").status == 428)
        #expect(t.send(.get, path, key: kazakh).object["revision"] as? Int == 1)
    }

    @Test func aRepeatedIndicatorDoesNotHideTheLayersOtherProblems() throws {
        let t = try TestApp(.queries)
        var document = T6Doc.make("KZ", reference: "KZ-DUP-1")
        document["layers"] = [
            [
                "top_cm": 0, "bottom_cm": 30,
                "measurements": [
                    ["indicator": "clay", "value": 60], ["indicator": "silt", "value": 38],
                    ["indicator": "sand", "value": 48], ["indicator": "ph_h2o", "value": 7.1],
                    ["indicator": "ph_h2o", "value": 7.2],
                ],
            ]
        ]
        let reply = t.submit(document)
        #expect(reply.status == 422)
        #expect(Set(reply.errorCodes) == ["duplicate", "inconsistent"])
        #expect(reply.errorPaths.contains("/layers/0/measurements/4/indicator"))
        #expect(reply.errorPaths.contains("/layers/0"))
    }

    @Test func oneAssessmentAndItsHistoryRefuseUnknownParameters() throws {
        let t = try TestApp(.queries)
        let id = try t.store(T6Doc.make("KZ", reference: "KZ-P-1"))
        for target in ["/v1/assessments/\(id)?colour=red", "/v1/assessments/\(id)/history?colour=red"] {
            let reply = t.request(.get, target)
            #expect(reply.status == 400 && reply.parameter == "colour", "\(target)")
        }
        #expect(t.request(.get, "/v1/assessments/\(id)?pretty&lang=ru").status == 200)
        #expect(t.request(.get, "/v1/health?x=1").status == 404)
        #expect(t.request(.get, "/health?x=1").status == 400)
    }

    @Test func anAcceptNoFormatSatisfiesIs406() throws {
        let t = try TestApp(.queries)
        let reply = t.request(.get, "/v1/assessments", headers: [("Accept", "text/html, image/png;q=0.5")])
        #expect(reply.status == 406)
        #expect(reply.object["type"] as? String == "/problems/not-acceptable")
        #expect(t.request(.get, "/v1/assessments", headers: [("Accept", "text/html, */*;q=0.1")]).status == 200)
        #expect(t.request(.get, "/v1/assessments?format=csv", headers: [("Accept", "text/html")]).status == 200)
    }

    @Test func onlyA201CarriesLocation() throws {
        let t = try TestApp(.queries)
        let created = t.submit(T6Doc.make("KZ", reference: "KZ-L-1"))
        #expect(created.status == 201 && created.headers["Location"] != nil)
        let id = try #require(created.object["id"] as? Int)
        let fetched = t.request(.get, "/v1/assessments/\(id)")
        #expect(fetched.status == 200 && fetched.headers["Location"] == nil)
        let again = t.submit(T6Doc.make("KZ", reference: "KZ-L-1"))
        #expect(again.status == 200 && again.headers["Location"] == nil)
    }

    @Test func bodyLimitsAreDeclaredWithTheRoute() throws {
        let t = try TestApp { $0.maxBodyBytes = 2048 }
        func head(_ method: HTTPMethod, _ target: String) -> RequestHead {
            RequestHead(
                method: method, target: target, version: .http11, headers: Headers(), framing: .none,
                keepAlive: true, expectsContinue: false)
        }
        #expect(t.router.bodyLimit(for: head(.post, "/v1/assessments")) == 2048)
        #expect(t.router.bodyLimit(for: head(.put, "/v1/assessments/7?reason=x")) == 2048)
        #expect(t.router.bodyLimit(for: head(.post, "/v1/assessments/batch")) == t.app.configuration.maxBatchBodyBytes)
        #expect(
            t.router.bodyLimit(for: head(.post, "/v1/assessments/batch?x=1")) == t.app.configuration.maxBatchBodyBytes)
        #expect(t.router.bodyLimit(for: head(.get, "/v1/assessments")) == nil)
    }
}
