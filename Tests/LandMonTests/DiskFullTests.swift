import Foundation
import HTTP
import Locking
import SQLite
import Testing

@testable import LandMon

/// A full disk (`PRAGMA max_page_count` on the writer): writes answer 507, reads keep working,
/// the file stays intact, and writes succeed again once there is room, without a restart.
@Suite(.disabled(if: TestApp.isPostgreSQL, "fills SQLite's file (max_page_count)"))
struct DiskFullTests {
    private func setMaxPageCount(_ t: TestApp, _ pages: Int) throws -> Int {
        try t.database.exclusiveWrite { db in
            try db.execute("PRAGMA max_page_count = \(pages)")
            return Int(try db.first("PRAGMA max_page_count", []) { $0.int(0) } ?? -1)
        }
    }

    private func pageCount(_ t: TestApp) throws -> Int {
        try t.database.exclusiveWrite { db in Int(try db.first("PRAGMA page_count", []) { $0.int(0) } ?? -1) }
    }

    @Test func fullDatabaseAnswers507AndRecoversWithoutRestart() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        let first = t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-D-0"))
        #expect(first.status == 201)
        let firstPath = try #require(first.headers["Location"])

        let pages = try pageCount(t)
        #expect(try setMaxPageCount(t, pages) == pages)
        var stored: [String] = []
        var full: TestReply?
        var fullReference = ""
        for index in 1...200 {
            let reference = "KZ-D-\(index)"
            let reply = t.send(
                .post, "/v1/assessments", key: key,
                body: T5Documents.kz(reference, notes: String(repeating: "n", count: 1500)))
            if reply.status == 201 {
                stored.append(try #require(reply.headers["Location"]))
                continue
            }
            full = reply
            fullReference = reference
            break
        }
        let refusal = try #require(full, "the database never filled up")
        #expect(refusal.status == 507)
        #expect(refusal.isProblem)
        #expect(refusal.object["type"] as? String == "/problems/storage-full")
        #expect(try t.count("assessments", where: "reference = '\(fullReference)'") == 0)
        // A batch is refused the same way and stores nothing.
        let batch =
            "["
            + (1...3).map { T5Documents.kz("KZ-DB-\($0)", notes: String(repeating: "b", count: 1500)) }.joined(
                separator: ",") + "]"
        #expect(t.send(.post, "/v1/assessments/batch", key: key, body: batch).status == 507)
        #expect(try t.count("assessments", where: "reference LIKE 'KZ-DB-%'") == 0)

        // Reads keep working, and every acknowledged write is there.
        #expect(t.send(.get, firstPath, key: key).status == 200)
        for path in stored { #expect(t.send(.get, path, key: key).status == 200) }
        let list = t.send(.get, "/v1/assessments?limit=1000", key: key)
        #expect(list.status == 200)
        #expect((list.object["items"] as? [Any])?.count == stored.count + 1)
        #expect(t.send(.get, "/health").status == 200)
        #expect(try t.integrityCheck() == "ok")

        // Room again: the refused document goes in, on the same writer, without a restart.
        #expect(try setMaxPageCount(t, 1_000_000) >= 1_000_000)
        let retried = t.send(
            .post, "/v1/assessments", key: key,
            body: T5Documents.kz(fullReference, notes: String(repeating: "n", count: 1500)))
        #expect(retried.status == 201)
        #expect(t.send(.post, "/v1/assessments/batch", key: key, body: batch).status == 201)
        #expect(try t.count("assessments") == stored.count + 5)
        #expect(try t.integrityCheck() == "ok")
    }

    @Test func concurrentWritesNearAFullDiskAnswerOnlyWhatCommitted() throws {
        let t = try TestApp()
        let key = try t.key("kz", .submitter, "KZ")
        #expect(t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-DC-0")).status == 201)
        let pages = try pageCount(t)
        _ = try setMaxPageCount(t, pages + 6)
        let answers = Locked<[(String, Int)]>([])
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            let reference = "KZ-DC-\(index + 1)"
            let reply = t.send(
                .post, "/v1/assessments", key: key,
                body: T5Documents.kz(reference, notes: String(repeating: "c", count: 1500)))
            answers.withLock { $0.append((reference, reply.status)) }
        }
        let all = answers.withLock { $0 }
        #expect(all.count == 40)
        #expect(all.allSatisfy { $0.1 == 201 || $0.1 == 507 })
        #expect(all.contains { $0.1 == 507 })
        #expect(all.contains { $0.1 == 201 })
        for (reference, status) in all {
            #expect(
                try t.count("assessments", where: "reference = '\(reference)'") == (status == 201 ? 1 : 0),
                "\(reference) \(status)")
        }
        #expect(try t.count("changes") == 1 + all.filter { $0.1 == 201 }.count)
        #expect(try t.integrityCheck() == "ok")
        _ = try setMaxPageCount(t, 1_000_000)
        #expect(t.send(.post, "/v1/assessments", key: key, body: T5Documents.kz("KZ-DC-100")).status == 201)
    }
}
