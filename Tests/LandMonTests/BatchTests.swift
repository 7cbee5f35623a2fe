import Foundation
import HTTP
import Testing

@testable import LandMon

/// `POST /v1/assessments/batch`: JSON array or NDJSON, all or nothing, paths prefixed by index.
@Suite struct BatchTests {
    /// Row counts of every table a submission writes to.
    private func footprint(_ t: TestApp) throws -> [Int] {
        try ["assessments", "revisions", "changes", "measurements", "assessment_sites"].map { try t.count($0) }
    }

    @Test func arrayBatchAnswers201WithIDsInInputOrder() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let references = ["KZ-B-3", "KZ-B-1", "KZ-B-2"]
        let body = "[" + references.map { T5Documents.kz($0) }.joined(separator: ",\n") + "]"
        let reply = t.send(.post, "/v1/assessments/batch", key: key, body: body)
        #expect(reply.status == 201)
        #expect(reply.object["created"] as? Int == 3)
        #expect(reply.object["unchanged"] as? Int == 0)
        let ids = try #require(reply.object["ids"] as? [Int])
        #expect(ids.count == 3)
        for (id, reference) in zip(ids, references) {
            #expect(t.send(.get, "/v1/assessments/\(id)", key: key).object["reference"] as? String == reference)
        }
        #expect(try t.count("changes", where: "kind = 'created'") == 3)

        // Again with one new document in the middle: the stored ones are unchanged, same ids.
        let again =
            "[" + [T5Documents.kz("KZ-B-3"), T5Documents.kz("KZ-B-4"), T5Documents.kz("KZ-B-1")].joined(separator: ",")
            + "]"
        let second = t.send(.post, "/v1/assessments/batch", key: key, body: again)
        #expect(second.status == 201)
        #expect(second.object["created"] as? Int == 1)
        #expect(second.object["unchanged"] as? Int == 2)
        let secondIDs = try #require(second.object["ids"] as? [Int])
        #expect(secondIDs.count == 3)
        #expect(secondIDs.first == ids[0])
        #expect(secondIDs.last == ids[1])
        #expect(!ids.contains(secondIDs[1]))
        #expect(try t.count("assessments") == 4)
    }

    @Test func ndjsonBatchIsAccepted() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let lines = ["KZ-N-1", "KZ-N-2"].map { T5Documents.oneLine(T5Documents.kz($0)) }
        let body = lines[0] + "\r\n\n" + lines[1] + "\n"
        let reply = t.send(.post, "/v1/assessments/batch", key: key, body: body, contentType: "application/x-ndjson")
        #expect(reply.status == 201)
        #expect(reply.object["created"] as? Int == 2)
        #expect((reply.object["ids"] as? [Int])?.count == 2)
        #expect(try t.count("assessments") == 2)
        #expect(t.send(.post, "/v1/assessments/batch", key: key, body: body, contentType: "text/plain").status == 415)
    }

    @Test func oneFailingDocumentStoresNothingAndNamesItsIndex() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        #expect(t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-B-0")).status == 201)
        let before = try footprint(t)
        let bad = T5Documents.kz("KZ-B-9").replacingOccurrences(of: #""value": 12.1"#, with: #""value": -5"#)
        let body =
            "["
            + [T5Documents.kz("KZ-B-5"), bad, T5Documents.kz("KZ-B-6"), T5Documents.brokenKZ].joined(separator: ",")
            + "]"
        let reply = t.send(.post, "/v1/assessments/batch", key: key, body: body)
        #expect(reply.status == 422)
        #expect(reply.isProblem)
        #expect(reply.errorPaths.contains("/1/layers/1/measurements/0/value"))
        #expect(reply.errorPaths.contains("/3/colour"))
        #expect(reply.errorPaths.allSatisfy { $0.hasPrefix("/1/") || $0.hasPrefix("/3/") })
        #expect(try footprint(t) == before)

        let ndjson = [T5Documents.kz("KZ-B-5"), bad].map(T5Documents.oneLine).joined(separator: "\n")
        let lines = t.send(.post, "/v1/assessments/batch", key: key, body: ndjson, contentType: "application/x-ndjson")
        #expect(lines.status == 422)
        #expect(lines.errorPaths == ["/1/layers/1/measurements/0/value"])
        #expect(try footprint(t) == before)
    }

    @Test func conflictsInsideTheBatchOrWithStoredDocumentsStoreNothing() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        #expect(t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-C-0")).status == 201)
        let before = try footprint(t)
        let inside =
            "["
            + [T5Documents.kz("KZ-C-1"), T5Documents.kz("KZ-C-2"), T5Documents.kz("KZ-C-1", notes: "other")].joined(
                separator: ",") + "]"
        let reply = t.send(.post, "/v1/assessments/batch", key: key, body: inside)
        #expect(reply.status == 409 || reply.status == 422)
        #expect(reply.errorPaths == ["/2/reference"])
        #expect(try footprint(t) == before)

        let stored =
            "[" + [T5Documents.kz("KZ-C-3"), T5Documents.kz("KZ-C-0", notes: "other")].joined(separator: ",") + "]"
        let second = t.send(.post, "/v1/assessments/batch", key: key, body: stored)
        #expect(second.status == 409 || second.status == 422)
        #expect(second.errorPaths == ["/1/reference"])
        #expect(try footprint(t) == before)

        // The identical document twice is one assessment, named twice.
        let twice = "[" + [T5Documents.kz("KZ-C-4"), T5Documents.kz("KZ-C-4")].joined(separator: ",") + "]"
        let third = t.send(.post, "/v1/assessments/batch", key: key, body: twice)
        #expect(third.status == 201)
        let ids = try #require(third.object["ids"] as? [Int])
        #expect(ids.count == 2 && ids[0] == ids[1])
        #expect(third.object["created"] as? Int == 1)
    }

    @Test func moreThanMaxDocumentsIsRefused() throws {
        let t = try TestApp { $0.maxBatchDocuments = 3 }
        let key = try t.key("kz", .submitter, "KZ")
        let four = "[" + (1...4).map { T5Documents.kz("KZ-M-\($0)") }.joined(separator: ",") + "]"
        let reply = t.send(.post, "/v1/assessments/batch", key: key, body: four)
        #expect([413, 422].contains(reply.status))
        #expect(reply.isProblem)
        #expect(try t.count("assessments") == 0)
        let three = "[" + (1...3).map { T5Documents.kz("KZ-M-\($0)") }.joined(separator: ",") + "]"
        #expect(t.send(.post, "/v1/assessments/batch", key: key, body: three).status == 201)
    }

    @Test func malformedOrEmptyBatchesAreRefused() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let broken = "[" + T5Documents.kz("KZ-E-1") + ", {\"reference\": }]"
        let reply = t.send(.post, "/v1/assessments/batch", key: key, body: broken)
        #expect(reply.status == 400)
        // The offset counts from the start of the body, not of the document.
        #expect(reply.object["offset"] as? Int == broken.utf8.count - 2)
        let repeated = T5Documents.oneLine(T5Documents.kz("KZ-E-4")) + "\n" + #"{"reference": "A", "reference": "B"}"#
        let twice = t.send(
            .post, "/v1/assessments/batch", key: key, body: repeated, contentType: "application/x-ndjson")
        #expect(twice.status == 400)
        #expect(twice.object["offset"] as? Int == repeated.utf8.count - 17)
        #expect(t.send(.post, "/v1/assessments/batch", key: key, body: "[]").status == 422)
        #expect(t.send(.post, "/v1/assessments/batch", key: key, body: T5Documents.kz("KZ-E-2")).status == 422)
        #expect(
            t.send(.post, "/v1/assessments/batch", key: key, body: "[" + T5Documents.kz("KZ-E-3") + "] x").status == 400
        )
        #expect(try t.count("assessments") == 0)
    }
}
