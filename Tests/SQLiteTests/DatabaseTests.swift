import Dispatch
import Foundation
import Locking
import Synchronization
import Testing

@testable import SQLite

@Suite struct DatabaseTests: Sendable {
    let directory: TemporaryDirectory
    let database: Database

    init() throws {
        directory = try TemporaryDirectory()
        var configuration = DatabaseConfiguration()
        configuration.readers = 3
        database = try Database(path: directory.path("d.db"), configuration: configuration)
        try database.write {
            try $0.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)")
        }
    }

    @Test func opensInWALWithForeignKeysAndReadOnlyReaders() throws {
        let settings = try database.write { db in
            [
                try db.first("PRAGMA journal_mode") { $0.text(0) },
                try db.first("PRAGMA foreign_keys") { $0.text(0) },
                try db.first("PRAGMA synchronous") { $0.text(0) },
            ]
        }
        #expect(settings == ["wal", "1", "2"])
        let error = #expect(throws: SQLiteError.self) {
            try database.read { try $0.run("INSERT INTO t (v) VALUES ('x')") }
        }
        #expect(error?.isReadOnly == true)
        #expect(database.fileSize > 0)
        #expect(throws: SQLiteError.self) { try Database(path: ":memory:") }
    }

    @Test func readerSeesOneSnapshotWhileWriterCommits() throws {
        try database.write { try $0.run("INSERT INTO t (v) VALUES ('before')") }
        let (counts, lateCount) = try database.read { db -> ([Int64], Int64) in
            let first = try db.first("SELECT count(*) FROM t") { $0.int(0) }!
            // Commit from another thread while this read transaction is open.
            try database.write { try $0.run("INSERT INTO t (v) VALUES ('during')") }
            let second = try db.first("SELECT count(*) FROM t") { $0.int(0) }!
            return ([first, second], 0)
        }
        #expect(counts == [1, 1])
        #expect(lateCount == 0)
        #expect(try database.read { try $0.first("SELECT count(*) FROM t") { $0.int(0) } } == 2)
    }

    @Test func longQueryIsInterruptedAndConnectionStaysUsable() throws {
        let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        let started = DispatchTime.now()
        #expect(throws: DatabaseError.queryTimeout) {
            try database.read(timeout: 0.2) { try $0.first(endless) { $0.int(0) } }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        #expect(elapsed < 2)
        // Every pooled reader still answers, without a budget and with one.
        for _ in 0..<6 {
            #expect(try database.read { try $0.first("SELECT count(*) FROM t") { $0.int(0) } } == 0)
        }
        let bounded =
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT count(*) FROM n"
        #expect(try database.read(timeout: nil) { try $0.first(bounded) { $0.int(0) } } == 100000)
    }

    @Test func groupCommitKeepsEveryWriteExactlyOnce() async throws {
        let threads = 16
        let perThread = 500
        let failures = Atomic<Int>(0)
        let commitsBefore = database.commitCount
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for i in 0..<perThread {
                do {
                    try database.write { try $0.run("INSERT INTO t (v) VALUES (?)", ["\(thread)-\(i)"]) }
                } catch {
                    failures.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
        let (count, distinct) = try database.read { db in
            try db.first("SELECT count(*), count(DISTINCT v) FROM t") { ($0.int(0), $0.int(1)) }!
        }
        #expect(count == Int64(threads * perThread))
        #expect(distinct == count)
        // Concurrent writers shared transactions: fewer commits than writes.
        let commits = database.commitCount - commitsBefore
        #expect(commits > 0 && commits < threads * perThread)
    }

    @Test func failingWriteLeavesItsGroupCommitted() throws {
        try database.write { try $0.run("INSERT INTO t (v) VALUES ('taken')") }
        let results = Locked<[Int: Result<Int64, any Error>]>([:])
        let group = DispatchGroup()
        // Hold the writer so that all ten writes queue up and commit as one group.
        let gate = database.holdWriter(in: group)
        for i in 0..<10 {
            group.enter()
            database.asyncWrite(
                { db -> Int64 in
                    try db.run("INSERT INTO t (v) VALUES (?)", [i == 4 ? "taken" : "w\(i)"])
                    return db.lastInsertRowID
                },
                completion: { result in
                    results.withLock { $0[i] = result }
                    group.leave()
                })
        }
        let commitsBefore = database.commitCount
        gate.signal()
        group.wait()
        #expect(database.commitCount - commitsBefore == 2)  // the gate's group, then all ten
        let outcome = results.withLock { $0 }
        for i in 0..<10 {
            switch outcome[i] {
            case .success?: #expect(i != 4)
            case .failure(let error as SQLiteError)?: #expect(i == 4 && error.isUniqueViolation)
            default: Issue.record("write \(i): unexpected \(String(describing: outcome[i]))")
            }
        }
        let stored = try database.read { db in
            var values: [String] = []
            try db.query("SELECT v FROM t ORDER BY id") { values.append($0.text(0)) }
            return values
        }
        #expect(stored == ["taken"] + (0..<10).filter { $0 != 4 }.map { "w\($0)" })
    }

    @Test func fullDatabaseRefusesWritesThenRecovers() throws {
        let pages = try database.write { db -> Int64 in
            let pages = try db.first("PRAGMA page_count") { $0.int(0) }!
            try db.execute("PRAGMA max_page_count = \(pages + 3)")
            return pages
        }
        #expect(pages > 0)
        let blob = [UInt8](repeating: 7, count: 3000)
        var fullError: SQLiteError?
        for i in 0..<50 {
            do {
                try database.write {
                    try $0.run(
                        "INSERT INTO t (v) VALUES (?)",
                        ["\(i)-" + String(decoding: blob.map { _ in UInt8(ascii: "x") }, as: UTF8.self)])
                }
            } catch let error as SQLiteError {
                fullError = error
                break
            }
        }
        #expect(fullError?.isFull == true)
        let stored = try database.read { try $0.first("SELECT count(*) FROM t") { $0.int(0) }! }
        #expect(stored > 0)
        #expect(try database.read { try $0.first("PRAGMA integrity_check") { $0.text(0) } } == "ok")
        try database.write { try $0.execute("PRAGMA max_page_count = 1000000") }
        try database.write { try $0.run("INSERT INTO t (v) VALUES ('after')") }
        #expect(try database.read { try $0.first("SELECT count(*) FROM t") { $0.int(0) }! } == stored + 1)
    }

    @Test func backupIsAConsistentCopyDuringWrites() throws {
        for i in 0..<200 { try database.write { try $0.run("INSERT INTO t (v) VALUES (?)", ["\(i)"]) } }
        let writing = DispatchGroup()
        DispatchQueue.global().async(group: writing) {
            for i in 200..<400 {
                _ = try? database.write { try $0.run("INSERT INTO t (v) VALUES (?)", ["\(i)"]) }
            }
        }
        let copy = directory.path("copy.db")
        try database.backup(to: copy)
        writing.wait()
        let backup = try Connection(path: copy, readOnly: true)
        #expect(try backup.first("PRAGMA integrity_check") { $0.text(0) } == "ok")
        let (count, maxID) = try backup.first("SELECT count(*), max(id) FROM t") { ($0.int(0), $0.int(1)) }!
        #expect(count >= 200 && count <= 400)
        #expect(count == maxID)  // a prefix of the committed writes, no gaps: one snapshot
        #expect(!FileManager.default.fileExists(atPath: copy + ".partial"))
    }

    @Test func closeWaitsForPendingWritesThenRefusesWork() throws {
        let done = Atomic<Int>(0)
        for i in 0..<20 {
            database.asyncWrite(
                { try $0.run("INSERT INTO t (v) VALUES (?)", ["\(i)"]) },
                completion: { result in
                    if case .success = result { done.add(1, ordering: .relaxed) }
                })
        }
        database.close()
        #expect(done.load(ordering: .relaxed) == 20)
        #expect(throws: DatabaseError.closed) { try database.write { try $0.run("SELECT 1") } }
        #expect(throws: DatabaseError.closed) { try database.read { try $0.run("SELECT 1") } }
        let reopened = try Connection(path: database.path, readOnly: true)
        #expect(try reopened.first("SELECT count(*) FROM t") { $0.int(0) } == 20)
    }
}
