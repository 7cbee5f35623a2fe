import Foundation
import Locking
import PostgreSQL
import Store
import Testing

/// `Transfer`: an SQLite file copied into PostgreSQL, resumed after an interruption, compared.
@Suite(.enabled(if: TestDatabase.clusterURL != nil, TestDatabase.skipMessage))
struct TransferTests {
    @Test func copiesResumesAndCompares() throws {
        let directory = try ScratchDirectory()
        let path = directory.url.appendingPathComponent("source.sqlite").path
        let sqlite = try SQLiteStore(
            path: path, migrations: ConformanceData.migrations, indicators: ConformanceData.indicators())
        let corpus = try Corpus.store(in: sqlite)
        let keyID = try sqlite.createKey(
            name: "agency", role: .submitter, country: "KZ", hash: [UInt8](repeating: 7, count: 32),
            at: ConformanceData.time())
        let revised = try ConformanceData.submission(Self.akmola, .init(notes: "Corrected"))
        _ = try sqlite.reviseAndWait(id: corpus.items[0].id, with: revised, precondition: .any).get()
        _ = try sqlite.retractAndWait(id: corpus.items[1].id).get()
        _ = try sqlite.revokeKey(id: keyID, at: ConformanceData.time(5))
        sqlite.close()

        let database = try TestDatabase("transfer")
        let seen = Locked<[String: Int64]>([:])
        let reports = try Transfer.run(
            from: path, to: database.url, migrations: ConformanceData.migrations, batch: 4
        ) { table, copied, _ in seen.withLock { $0[table] = copied } }
        #expect(reports.map(\.table).contains("assessments"))
        let allEqual = reports.allSatisfy { $0.isEqual }
        #expect(allEqual, "\(reports)")
        #expect(reports.first { $0.table == "assessments" }?.target == Int64(corpus.count))
        #expect(reports.first { $0.table == "revisions" }?.target == Int64(corpus.count + 2))
        #expect(seen.withLock { $0["measurements"] ?? 0 } > 0)

        // An interrupted copy: the target lost its last batches. The next run continues after the
        // largest key kept and ends equal.
        let connection = try PGConnection(url: database.url)
        defer { connection.close() }
        try connection.run("DELETE FROM assessments WHERE id > ?", [Int64(corpus.count / 2)])
        try connection.run("DELETE FROM measurements WHERE indicator > ?", ["m"])
        try connection.run("DELETE FROM changes")
        let interrupted = try Transfer.run(
            from: path, to: database.url, migrations: ConformanceData.migrations, batch: 3
        ) { _, _, _ in }
        let resumedEqual = interrupted.allSatisfy { $0.isEqual }
        #expect(resumedEqual, "\(interrupted)")

        // The copy serves: the store opens it, reads the same documents, and continues the ids.
        let postgres = try PostgreSQLStore(
            url: database.url, migrations: ConformanceData.migrations, indicators: ConformanceData.indicators())
        defer { postgres.close() }
        #expect(try postgres.activeCount() == Int64(corpus.count - 1))
        #expect(try postgres.history(id: corpus.items[0].id)?.count == 2)
        #expect(try postgres.activeKey(hash: [UInt8](repeating: 7, count: 32)) == nil)
        let next = try postgres.store(ConformanceData.submission(Self.akmola, .init(reference: "KZ-AFTER-MOVE")))
        #expect(next.id == Int64(corpus.count + 1))

        // A changed document in the target is found.
        try connection.run("UPDATE assessments SET document = document || ' ' WHERE id = ?", [corpus.items[2].id])
        let changed = try Transfer.run(
            from: path, to: database.url, migrations: ConformanceData.migrations
        ) { _, _, _ in }
        let assessments = try #require(changed.first { $0.table == "assessments" })
        #expect(!assessments.isEqual)
        #expect(assessments.sourceChecksum != assessments.targetChecksum)
    }

    static let akmola = "kz-chestnut-akmola"
}
