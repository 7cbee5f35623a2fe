import Dispatch
import Foundation
import Locking
import Testing

@testable import SQLite

/// Failures inside a group commit: SQLITE_FULL in one write, and a failing COMMIT.
@Suite struct GroupCommitFailureTests {
    @Test func fullWriteInAGroupSparesItsNeighbours() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("full.db"))
        defer { database.close() }
        try database.write { db in
            try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB NOT NULL)")
            let pages = try db.first("PRAGMA page_count") { $0.int(0) }!
            try db.execute("PRAGMA max_page_count = \(pages + 4)")
        }
        let results = Locked<[Int: Result<Void, any Error>]>([:])
        let group = DispatchGroup()
        let gate = database.holdWriter(in: group)
        let sizes = [100, 200_000, 100]  // the middle one needs ~50 pages, 4 are left
        for (i, size) in sizes.enumerated() {
            group.enter()
            database.asyncWrite(
                { db in
                    try db.run(
                        "INSERT INTO t (id, v) VALUES (?, ?)", [i, [UInt8](repeating: 1, count: size)])
                },
                completion: { result in
                    results.withLock { $0[i] = result }
                    group.leave()
                })
        }
        gate.signal()
        group.wait()
        let outcome = results.withLock { $0 }
        // SQLite rolled the whole transaction back on SQLITE_FULL; the writer ran the lost
        // neighbour again, so only the oversized write fails.
        #expect((try? outcome[0]?.get()) != nil)
        #expect((try? outcome[2]?.get()) != nil)
        if case .failure(let error as SQLiteError)? = outcome[1] {
            #expect(error.isFull)
        } else {
            Issue.record(
                "the oversized write should fail with SQLITE_FULL, got \(String(describing: outcome[1]))")
        }
        let stored = try database.read { db in
            var ids: [Int64] = []
            try db.query("SELECT id FROM t ORDER BY id") { ids.append($0.int(0)) }
            return ids
        }
        #expect(stored == [0, 2])
        #expect(try database.read { try $0.first("PRAGMA integrity_check") { $0.text(0) } } == "ok")
    }

    @Test func failedCommitFailsTheWholeGroupAndTheNextGroupWorks() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path("commit.db"))
        defer { database.close() }
        // A deferred foreign key is checked only at COMMIT, so one bad write makes COMMIT fail.
        try database.write { db in
            try db.execute(
                """
                CREATE TABLE parent (id INTEGER PRIMARY KEY);
                CREATE TABLE child (id INTEGER PRIMARY KEY,
                    parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
                """)
        }
        let results = Locked<[Int: Result<Void, any Error>]>([:])
        let group = DispatchGroup()
        let gate = database.holdWriter(in: group)
        for i in 0..<3 {
            group.enter()
            database.asyncWrite(
                { db in
                    try db.run(
                        "INSERT INTO child (id, parent_id) VALUES (?, ?)", [i, i == 1 ? 99 : nil as Int?])
                },
                completion: { result in
                    results.withLock { $0[i] = result }
                    group.leave()
                })
        }
        gate.signal()
        group.wait()
        let outcome = results.withLock { $0 }
        #expect(outcome.count == 3)
        for (i, result) in outcome {
            if case .failure(let error as SQLiteError) = result {
                #expect(error.isForeignKeyViolation, "write \(i)")
            } else {
                Issue.record("write \(i) should share the failed commit's error, got \(result)")
            }
        }
        try database.write { try $0.run("INSERT INTO child (id) VALUES (10)") }
        let stored = try database.read { try $0.first("SELECT group_concat(id) FROM child") { $0.text(0) } }
        #expect(stored == "10")
    }
}
