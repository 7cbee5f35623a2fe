import Foundation
import HTTP
import Testing

@testable import LandMon

/// What issue 10 asks of the exchange itself: a stored assessment can be sent back as it came,
/// every registered method is known, and caches always revalidate.
@Suite struct RoundTripTests {
    @Test func aStoredAssessmentWithAChangedValueGoesBackWithPUT() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        // The Akmola fixture sends soc in % (0.84 %), stored as 8.4 g/kg with its original value.
        let created = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-RT-1"))
        #expect(created.status == 201)
        let id = try #require(created.object["id"] as? Int)
        let fetched = t.send(.get, "/v1/assessments/\(id)", key: key)
        var document = try #require(
            try JSONSerialization.jsonObject(with: Data(fetched.body)) as? [String: Any])
        var layers = try #require(document["layers"] as? [[String: Any]])
        var measurements = try #require(layers[0]["measurements"] as? [[String: Any]])
        let ph = try #require(measurements.firstIndex { $0["indicator"] as? String == "ph_h2o" })
        measurements[ph]["value"] = 8.1
        layers[0]["measurements"] = measurements
        document["layers"] = layers
        let body = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
        let etag = try #require(fetched.headers["ETag"])
        let revised = t.send(
            .put, "/v1/assessments/\(id)?reason=pH+re-measured", key: key, body: body, headers: [("If-Match", etag)])
        #expect(revised.status == 200, "\(revised.text)")
        #expect(revised.object["revision"] as? Int == 2)
        // The changed value changed, and nothing else: the rest of the document reads as before.
        func normalized(_ reply: TestReply) throws -> [String: Any] {
            var object = reply.object
            for member in ["revision", "updated_at"] { object[member] = nil }
            return object
        }
        var expected = try normalized(fetched)
        expected["layers"] = layers
        let actual = try normalized(revised)
        #expect(NSDictionary(dictionary: actual).isEqual(to: expected), "\(revised.text)")
        let soc = (actual["layers"] as? [[String: Any]])?[0]["measurements"] as? [[String: Any]]
        let stored = try #require(soc?.first { $0["indicator"] as? String == "soc" })
        #expect(stored["original_unit"] as? String == "%" && stored["unit"] as? String == "g/kg")
    }

    @Test func readOnlyFieldsMustMatchTheStoredRecord() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let created = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-RT-2"))
        let id = try #require(created.object["id"] as? Int)
        let etag = try #require(created.headers["ETag"])
        var document = created.object
        document["id"] = id + 1
        document["submitted_by"] = "someone else"
        let body = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
        let refused = t.send(.put, "/v1/assessments/\(id)", key: key, body: body, headers: [("If-Match", etag)])
        #expect(refused.status == 422)
        #expect(Set(refused.errorPaths) == ["/id", "/submitted_by"])
        #expect(Set(refused.errorCodes) == ["inconsistent"])
        // A well-formed correction under a stale tag is 412; a malformed one is told so first.
        let staleTag = [("If-Match", "\"a\(id)-r9\"")]
        let valid = T5Documents.kz("KZ-RT-2", notes: "second look")
        #expect(t.send(.put, "/v1/assessments/\(id)", key: key, body: valid, headers: staleTag).status == 412)
        #expect(t.send(.put, "/v1/assessments/\(id)", key: key, body: "{}", headers: staleTag).status == 422)
    }

    @Test func everyRegisteredMethodIsKnownAndQueryIs405() throws {
        let t = try TestApp(.queries)
        for method in ["QUERY", "PROPFIND", "MKCOL", "LINK", "TRACE", "PATCH"] {
            let reply = t.request(HTTPMethod(rawValue: method), "/v1/assessments")
            #expect(reply.status == 405, "\(method)")
            #expect(reply.headers["Allow"] == "GET, HEAD, POST, OPTIONS", "\(method)")
        }
        #expect(HTTPMethod(rawValue: "QUERY").isKnown && !HTTPMethod(rawValue: "BREW").isKnown)
    }

    @Test func readsRevalidateAndKeyedOnesStayPrivate() throws {
        let t = try TestApp(.queries) { $0.publicRead = true }
        let keyed = t.request(.get, "/v1/assessments")
        #expect(keyed.headers["Cache-Control"] == "private, no-cache")
        let anonymous = t.request(.get, "/v1/assessments", authorized: false)
        #expect(anonymous.headers["Cache-Control"] == "no-cache")
        let etag = try #require(keyed.headers["ETag"])
        let again = t.request(.get, "/v1/assessments", headers: [("If-None-Match", etag)])
        #expect(again.status == 304 && again.headers["Cache-Control"] == "private, no-cache")
        #expect(t.request(.get, "/v1/regions").headers["Cache-Control"] == "private, no-cache")
        #expect(t.request(.get, "/health", authorized: false).headers["Cache-Control"] == "no-cache")
    }
}
