import Foundation
import HTTP
import Testing

@testable import LandMon

/// `POST /v1/assessments` through the router: every answer of API.md "Submitting".
@Suite struct SubmitTests {
    @Test func createdAnswerCarriesLocationETagAndTheStoredAssessment() throws {
        let t = try TestApp()
        let key = try t.key("kz-agency", .submitter, "KZ")
        let reply = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-S-1"))
        #expect(reply.status == 201)
        let object = reply.object
        let id = try #require(object["id"] as? Int)
        #expect(reply.headers["Location"] == "/v1/assessments/\(id)")
        let etag = try #require(reply.headers["ETag"])
        #expect(etag.hasPrefix("\"") && !etag.hasPrefix("W/"))
        #expect(reply.headers["Content-Type"]?.hasPrefix("application/json") == true)
        #expect(object["revision"] as? Int == 1)
        #expect(object["status"] as? String == "active")
        #expect(object["submitted_by"] as? String == "kz-agency")
        #expect((object["submitted_at"] as? String)?.hasSuffix("Z") == true)
        #expect((object["schema_version"] as? String)?.isEmpty == false)
        #expect(object["reference"] as? String == "KZ-S-1")
        // soc 1.84 % is normalized to 18.4 g/kg, with the original value and unit kept beside it.
        let layers = try #require(object["layers"] as? [[String: Any]])
        let soc = try #require(
            (layers[0]["measurements"] as? [[String: Any]])?.first { $0["indicator"] as? String == "soc" })
        #expect(abs((soc["value"] as? Double ?? 0) - 18.4) < 1e-9)
        #expect(soc["unit"] as? String == "g/kg")
        #expect(soc["original_value"] as? Double == 1.84)
        #expect(soc["original_unit"] as? String == "%")
        let derived = try #require(object["derived"] as? [String: Any])
        #expect(derived["soc_stock_0_30_t_ha"] is Double)
        #expect(object["qa_flags"] is [Any])

        let fetched = t.send(.get, "/v1/assessments/\(id)", key: key)
        #expect(fetched.status == 200)
        #expect(fetched.body == reply.body)
        #expect(fetched.headers["ETag"] == etag)
        #expect(try t.count("assessments") == 1)
        #expect(try t.count("changes", where: "kind = 'created' AND assessment_id = \(id)") == 1)
    }

    @Test func identicalResubmissionAnswers200AndCreatesNothing() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let first = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-S-2"))
        #expect(first.status == 201)
        let (rows, changes, revisions) = (try t.count("assessments"), try t.count("changes"), try t.count("revisions"))
        // The same document with other whitespace is the same content.
        let again = t.send(.post, "/v1/assessments", key: key, body: T5Documents.oneLine(T5Documents.kz("KZ-S-2")))
        #expect(again.status == 200)
        #expect(again.object["id"] as? Int == first.object["id"] as? Int)
        #expect(again.body == first.body)
        // A 200 names no new resource: Location belongs to the 201 alone.
        #expect(first.headers["Location"] == "/v1/assessments/\(first.object["id"] as? Int ?? 0)")
        #expect(again.headers["Location"] == nil)
        #expect(try t.count("assessments") == rows)
        #expect(try t.count("changes") == changes)
        #expect(try t.count("revisions") == revisions)
    }

    @Test func sameReferenceOtherContentIs409NamingTheExistingID() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let first = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-S-3"))
        let id = try #require(first.object["id"] as? Int)
        let other = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-S-3", notes: "another visit"))
        #expect(other.status == 409)
        #expect(other.isProblem)
        #expect(other.object["existing_id"] as? Int == id)
        #expect(try t.count("assessments") == 1)
        // The same reference in another country is another submission.
        let admin = try t.key("admin", .admin)
        #expect(t.send(.post, "/v1/assessments", key: admin, body: T5Documents.uz("KZ-S-3")).status == 201)
    }

    @Test func invalidDocumentIs422WithEveryProblem() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let reply = t.send(.post, "/v1/assessments", key: key, body: T5Documents.brokenKZ)
        #expect(reply.status == 422)
        #expect(reply.isProblem)
        let paths = Set(reply.errorPaths)
        let codes = Set(reply.errorCodes)
        #expect(paths.contains("/colour"))
        #expect(paths.contains("/region"))
        #expect(paths.contains("/sampled_on"))
        #expect(paths.contains("/layers/2/measurements/0/value"))
        #expect(paths.contains("/layers/2/measurements/1/value"))
        #expect(paths.contains { $0.hasPrefix("/site") })
        #expect(paths.contains("/layers/1"))
        #expect(codes.isSuperset(of: ["unknown_field", "future_date", "type", "out_of_range", "overlap"]))
        #expect(reply.errorPaths.count >= 7)
        #expect(try t.count("assessments") == 0)
    }

    @Test func unparsableJSONIs400WithTheByteOffset() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let body = #"{"reference": "KZ-1", "country": }"#
        let reply = t.send(.post, "/v1/assessments", key: key, body: body)
        #expect(reply.status == 400)
        #expect(reply.isProblem)
        let offset = try #require(reply.object["offset"] as? Int)
        #expect(offset == 33)  // where a value was expected: the "}"
        #expect(try t.count("assessments") == 0)
    }

    @Test func repeatedKeyIs400() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let text = T5Documents.kz("KZ-S-5").replacingOccurrences(
            of: #""country": "KZ","#, with: #""country": "KZ", "country": "UZ","#)
        let reply = t.send(.post, "/v1/assessments", key: key, body: text)
        #expect(reply.status == 400)
        let offset = try #require(reply.object["offset"] as? Int)
        let second = try #require(text.range(of: #""country": "UZ""#))
        #expect(offset == text.utf8.distance(from: text.utf8.startIndex, to: second.lowerBound))
        #expect(try t.count("assessments") == 0)
    }

    @Test func otherContentTypesAre415() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        for type in ["text/plain", "application/x-www-form-urlencoded", "application/x-ndjson"] {
            #expect(
                t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-S-6"), contentType: type).status
                    == 415)
        }
        #expect(
            t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-S-6"), contentType: nil).status == 415)
        let charset = t.send(
            .post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-S-6"),
            contentType: "application/json; charset=utf-8")
        #expect(charset.status == 201)
    }

    @Test func serverFieldsInASubmissionAreRefused() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let text = T5Documents.kz("KZ-S-7").replacingOccurrences(
            of: #""country": "KZ","#, with: #""country": "KZ", "id": 5, "revision": 2,"#)
        let reply = t.send(.post, "/v1/assessments", key: key, body: text)
        #expect(reply.status == 422)
        #expect(Set(reply.errorPaths).isSuperset(of: ["/id", "/revision"]))
    }
}
