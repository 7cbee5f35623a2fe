import Foundation
import HTTP
import Testing

@testable import LandMon

/// Corrections (`PUT` with `If-Match`), retractions (`DELETE ?reason=`), history and the change feed.
@Suite struct CorrectionTests {
    private struct Created {
        let id: Int
        let etag: String
    }

    private func create(_ t: TestApp, _ key: String, _ reference: String) throws -> Created {
        let reply = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz(reference))
        #expect(reply.status == 201)
        return Created(id: try #require(reply.object["id"] as? Int), etag: try #require(reply.headers["ETag"]))
    }

    @Test func correctionNeedsACurrentIfMatchAndMakesARevision() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let colleague = try t.key("kz-lab", .submitter, "KZ")
        let a = try create(t, key, "KZ-P-1")
        let corrected = T5Documents.kz("KZ-P-1", notes: "soc re-measured")
        let path = "/v1/assessments/\(a.id)"

        let missing = t.send(.put, path, key: key, body: corrected)
        #expect(missing.status == 428)
        #expect(missing.isProblem)
        #expect(t.send(.put, path, key: key, body: corrected, headers: [("If-Match", "\"a\(a.id)-r7\"")]).status == 412)
        #expect(t.send(.put, path, key: key, body: corrected, headers: [("If-Match", "W/" + a.etag)]).status == 412)
        #expect(try t.count("revisions") == 1)

        let revised = t.send(
            .put, path + "?reason=lab+re-run", key: colleague, body: corrected, headers: [("If-Match", a.etag)])
        #expect(revised.status == 200)
        #expect(revised.object["revision"] as? Int == 2)
        #expect(revised.object["id"] as? Int == a.id)
        #expect(revised.object["notes"] as? String == "soc re-measured")
        // The first submission's who and when stay; the reviser is in the history.
        let original = t.send(.get, "/v1/assessments/\(a.id)/history", key: key).object["revisions"] as? [[String: Any]]
        let first = original?.first?["document"] as? [String: Any]
        #expect(revised.object["submitted_by"] as? String == "kz")
        #expect(revised.object["submitted_at"] as? String == first?["submitted_at"] as? String)
        #expect((revised.object["updated_at"] as? String ?? "") >= (first?["updated_at"] as? String ?? "~"))
        #expect(try t.count("assessments", where: "id = \(a.id) AND submitted_by = 'kz'") == 1)
        let newTag = try #require(revised.headers["ETag"])
        #expect(newTag != a.etag)
        let fetched = t.send(.get, path, key: key)
        #expect(fetched.body == revised.body)
        #expect(fetched.headers["ETag"] == newTag)
        // The old tag is stale now.
        #expect(
            t.send(.put, path, key: key, body: T5Documents.kz("KZ-P-1"), headers: [("If-Match", a.etag)]).status == 412)

        let history = t.send(.get, path + "/history", key: key)
        #expect(history.status == 200)
        let revisions = try #require(history.object["revisions"] as? [[String: Any]])
        #expect(revisions.map { $0["revision"] as? Int } == [1, 2])
        #expect(revisions.map { $0["action"] as? String } == ["created", "revised"])
        #expect(revisions.map { $0["by"] as? String } == ["kz", "kz-lab"])
        #expect(revisions.allSatisfy { ($0["at"] as? String)?.hasSuffix("Z") == true })
        #expect(revisions[1]["reason"] as? String == "lab re-run")
        let old = try #require(revisions[0]["document"] as? [String: Any])
        #expect(old["notes"] as? String == "Dark chestnut soil, spring survey, north transect")
        #expect(old["revision"] as? Int == 1)
        #expect(try t.count("changes", where: "assessment_id = \(a.id) AND kind = 'revised'") == 1)
    }

    @Test func unchangedCorrectionMakesNoRevision() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let a = try create(t, key, "KZ-P-2")
        let same = t.send(
            .put, "/v1/assessments/\(a.id)", key: key, body: T5Documents.kz("KZ-P-2"), headers: [("If-Match", a.etag)])
        #expect(same.status == 200)
        #expect(same.object["revision"] as? Int == 1)
        #expect(same.headers["ETag"] == a.etag)
        #expect(try t.count("revisions") == 1)
        #expect(try t.count("changes") == 1)
    }

    @Test func correctionMayNotChangeTheCountry() throws {
        let t = try TestApp()
        let admin = try t.key("root", .admin)
        let a = try create(t, admin, "KZ-P-3")
        let reply = t.send(
            .put, "/v1/assessments/\(a.id)", key: admin, body: T5Documents.uz("KZ-P-3"), headers: [("If-Match", a.etag)]
        )
        #expect(reply.status == 422)
        #expect(reply.errorPaths == ["/country"])
        #expect(try t.count("revisions") == 1)
    }

    @Test func correctionsOfUnknownAssessmentsAre404() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let reply = t.send(
            .put, "/v1/assessments/999", key: key, body: T5Documents.kz("KZ-P-4"),
            headers: [("If-Match", "\"a999-r1\"")])
        #expect(reply.status == 404)
        #expect(t.send(.delete, "/v1/assessments/999?reason=x", key: key).status == 404)
        #expect(t.send(.get, "/v1/assessments/abc", key: key).status == 404)
    }

    @Test func retractionHidesTheAssessmentButKeepsItsHistory() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let a = try create(t, key, "KZ-R-1")
        let b = try create(t, key, "KZ-R-2")
        let path = "/v1/assessments/\(a.id)"
        let revised = t.send(
            .put, path, key: key, body: T5Documents.kz("KZ-R-1", notes: "v2"), headers: [("If-Match", a.etag)])
        #expect(revised.status == 200)
        #expect(try t.count("measurements", where: "assessment_id = \(a.id)") > 0)

        let noReason = t.send(.delete, path, key: key)
        #expect(noReason.status == 400)
        #expect(t.send(.delete, path + "?reason=", key: key).status == 400)
        #expect(t.send(.get, path, key: key).status == 200)

        let deleted = t.send(.delete, path + "?reason=duplicate+of+another+visit", key: key)
        #expect(deleted.status == 204)
        #expect(deleted.body.isEmpty)
        let gone = t.send(.get, path, key: key)
        #expect(gone.status == 410)
        #expect(gone.isProblem)

        let list = t.send(.get, "/v1/assessments", key: key)
        #expect(list.status == 200)
        let ids = (list.object["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        #expect(ids == [b.id])
        let filtered = t.send(.get, "/v1/assessments?reference=KZ-R-1", key: key)
        #expect((filtered.object["items"] as? [Any])?.isEmpty == true)

        let history = t.send(.get, path + "/history", key: key)
        #expect(history.status == 200)
        let revisions = try #require(history.object["revisions"] as? [[String: Any]])
        #expect(revisions.map { $0["action"] as? String } == ["created", "revised", "retracted"])
        #expect(revisions.last?["reason"] as? String == "duplicate of another visit")
        #expect(revisions[1]["document"] is [String: Any])

        // Nothing is physically deleted; the derived index rows are gone.
        #expect(try t.count("assessments", where: "id = \(a.id) AND status = 'retracted'") == 1)
        #expect(try t.count("measurements", where: "assessment_id = \(a.id)") == 0)

        let etag = try #require(revised.headers["ETag"])
        let put = t.send(
            .put, path, key: key, body: T5Documents.kz("KZ-R-1", notes: "v3"), headers: [("If-Match", etag)])
        #expect(put.status == 410)
        #expect(t.send(.delete, path + "?reason=again", key: key).status == 410)
        // The reference of a retracted assessment is not silently reused.
        #expect(t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-R-1")).status == 409)
        #expect(try t.count("revisions", where: "assessment_id = \(a.id)") == 3)
    }

    @Test func deleteWithStaleIfMatchIs412() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let a = try create(t, key, "KZ-R-3")
        #expect(
            t.send(.delete, "/v1/assessments/\(a.id)?reason=x", key: key, headers: [("If-Match", "\"a\(a.id)-r9\"")])
                .status == 412)
        #expect(
            t.send(.delete, "/v1/assessments/\(a.id)?reason=x", key: key, headers: [("If-Match", a.etag)]).status == 204
        )
    }

    @Test func changeFeedRecordsCreatedRevisedRetracted() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let a = try create(t, key, "KZ-F-1")
        let start = t.send(.get, "/v1/changes?since=0", key: key)
        let startSeq = try #require(start.object["last_seq"] as? Int)
        let revised = t.send(
            .put, "/v1/assessments/\(a.id)", key: key, body: T5Documents.kz("KZ-F-1", notes: "v2"),
            headers: [("If-Match", a.etag)])
        #expect(revised.status == 200)
        #expect(t.send(.delete, "/v1/assessments/\(a.id)?reason=wrong+site", key: key).status == 204)
        // Refusals append nothing.
        #expect(t.send(.post, "/v1/assessments", key: key, body: T5Documents.brokenKZ).status == 422)

        let feed = t.send(.get, "/v1/changes?since=0", key: key)
        #expect(feed.status == 200)
        let changes = try #require(feed.object["changes"] as? [[String: Any]])
        #expect(changes.map { $0["kind"] as? String } == ["created", "revised", "retracted"])
        #expect(changes.allSatisfy { $0["id"] as? Int == a.id })
        let seqs = changes.compactMap { $0["seq"] as? Int }
        #expect(seqs == seqs.sorted() && Set(seqs).count == 3)
        #expect(feed.object["last_seq"] as? Int == seqs.last)
        let after = t.send(.get, "/v1/changes?since=\(startSeq)", key: key)
        #expect(
            (after.object["changes"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["revised", "retracted"])
    }

    @Test func correctionToATakenReferenceIs409() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let a = try create(t, key, "KZ-T-1")
        let b = try create(t, key, "KZ-T-2")
        let reply = t.send(
            .put, "/v1/assessments/\(a.id)", key: key, body: T5Documents.kz("KZ-T-2"), headers: [("If-Match", a.etag)])
        #expect(reply.status == 409)
        #expect(reply.object["existing_id"] as? Int == b.id)
        let renamed = t.send(
            .put, "/v1/assessments/\(a.id)", key: key, body: T5Documents.kz("KZ-T-3"), headers: [("If-Match", a.etag)])
        #expect(renamed.status == 200)
        #expect(renamed.object["reference"] as? String == "KZ-T-3")
        // The old reference is free again and the new one is taken.
        #expect(t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-T-1")).status == 201)
        #expect(t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-T-3", notes: "x")).status == 409)
    }

    @Test func healthCountsActiveAssessments() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let a = try create(t, key, "KZ-H-1")
        _ = try create(t, key, "KZ-H-2")
        #expect(t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-H-2")).status == 200)
        #expect(t.send(.get, "/health").object["assessments"] as? Int == 2)
        #expect(t.send(.delete, "/v1/assessments/\(a.id)?reason=x", key: key).status == 204)
        #expect(t.send(.get, "/health").object["assessments"] as? Int == 1)
    }

    @Test func correctionBodiesAreCheckedLikeSubmissions() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let a = try create(t, key, "KZ-V-1")
        let path = "/v1/assessments/\(a.id)"
        let ifMatch = [("If-Match", a.etag)]
        #expect(
            t.send(
                .put, path, key: key, body: T5Documents.kz("KZ-V-1", notes: "x"), contentType: "text/plain",
                headers: ifMatch
            ).status == 415)
        let malformed = t.send(.put, path, key: key, body: "{\"reference\": ", headers: ifMatch)
        #expect(malformed.status == 400)
        #expect(malformed.object["offset"] as? Int == 14)
        let invalid = t.send(
            .put, path, key: key, body: T5Documents.brokenKZ.replacingOccurrences(of: "KZ-BROKEN-1", with: "KZ-V-1"),
            headers: ifMatch)
        #expect(invalid.status == 422)
        #expect(invalid.errorPaths.count >= 7)
        #expect(try t.count("revisions") == 1)
        #expect(t.send(.get, path, key: key).headers["ETag"] == a.etag)
    }
}
