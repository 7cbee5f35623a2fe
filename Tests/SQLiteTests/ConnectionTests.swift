import CSQLite
import Foundation
import Testing

@testable import SQLite

@Suite struct ConnectionTests {
    let directory: TemporaryDirectory
    let connection: Connection

    init() throws {
        directory = try TemporaryDirectory()
        connection = try Connection(path: directory.path("c.db"))
        try connection.execute(
            """
            CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, score REAL, data BLOB,
                            CHECK (score IS NULL OR score >= 0));
            CREATE TABLE child (id INTEGER PRIMARY KEY, t_id INTEGER NOT NULL REFERENCES t(id));
            PRAGMA foreign_keys = ON;
            """)
    }

    @Test func bindsAndReadsEveryType() throws {
        let blob: [UInt8] = [0, 1, 2, 255]
        try connection.run("INSERT INTO t (name, score, data) VALUES (?, ?, ?)", ["é\u{0}x", 1.5, blob])
        try connection.run(
            "INSERT INTO t (name, score, data) VALUES (?, ?, ?)", ["", Optional<Double>.none, [UInt8]()])
        #expect(connection.lastInsertRowID == 2)
        #expect(connection.changes == 1)
        var rows: [[Value]] = []
        try connection.query("SELECT id, name, score, data FROM t ORDER BY id") { row in
            rows.append((0..<row.count).map(row.value))
        }
        #expect(
            rows == [
                [1, .text("é\u{0}x"), 1.5, .blob(blob)],
                [2, "", nil, .blob([])],
            ])
        let optional = try connection.first("SELECT score, name FROM t WHERE id = ?", [2]) { row in
            (row.optionalDouble(0), row.optionalText(1), row.isNull(0))
        }
        #expect(optional?.0 == nil)
        #expect(optional?.1 == "")
        #expect(optional?.2 == true)
        #expect(try connection.first("SELECT 1 WHERE 0") { $0.int(0) } == nil)
        #expect(
            try connection.first("SELECT ?, ?", [true, Value.integer(-7)]) { [$0.int(0), $0.int(1)] } == [
                1, -7,
            ])
    }

    @Test func splicesBytesWithoutCopying() throws {
        try connection.run("INSERT INTO t (name) VALUES (?)", [#"{"a":1}"#])
        var buffer = Array("[".utf8)
        try connection.query("SELECT name, NULL FROM t") { row in
            row.appendBytes(0, to: &buffer)
            row.appendBytes(1, to: &buffer)
            #expect(row.withUnsafeBytes(0) { $0.count } == 7)
        }
        buffer.append(UInt8(ascii: "]"))
        #expect(String(decoding: buffer, as: UTF8.self) == #"[{"a":1}]"#)
    }

    @Test func reusesCachedStatementsAndEvictsFailedOnes() throws {
        let insert = "INSERT INTO t (name) VALUES (?)"
        try connection.run(insert, ["a"])
        try connection.run(insert, ["b"])
        #expect(connection.cachedStatementCount == 1)
        try connection.query("SELECT name FROM t") { _ in }
        #expect(connection.cachedStatementCount == 2)

        // A statement that fails is dropped, and the same SQL works again afterwards.
        #expect(throws: SQLiteError.self) { try connection.run(insert, ["a"]) }
        #expect(connection.cachedStatementCount == 1)
        try connection.run(insert, ["c"])
        #expect(connection.cachedStatementCount == 2)

        // A statement that does not prepare is never cached.
        #expect(throws: SQLiteError.self) { try connection.run("SELEC nonsense") }
        #expect(connection.cachedStatementCount == 2)

        // The same SQL nested inside its own callback runs on a fresh twin.
        var pairs = 0
        try connection.query("SELECT name FROM t") { _ in
            try connection.query("SELECT name FROM t") { _ in pairs += 1 }
        }
        #expect(pairs == 9)
    }

    @Test func reportsConstraintErrorsByCodeWithoutValues() throws {
        try connection.run("INSERT INTO t (id, name) VALUES (1, ?)", ["secret-value"])
        let unique = #expect(throws: SQLiteError.self) {
            try connection.run("INSERT INTO t (name) VALUES (?)", ["secret-value"])
        }
        #expect(unique?.isUniqueViolation == true)
        #expect(unique?.code == SQLITE_CONSTRAINT | (8 << 8))
        #expect(unique?.primaryCode == SQLITE_CONSTRAINT)
        #expect(unique?.sql == "INSERT INTO t (name) VALUES (?)")
        #expect(unique.map { !$0.description.contains("secret-value") } == true)

        let primaryKey = #expect(throws: SQLiteError.self) {
            try connection.run("INSERT INTO t (id, name) VALUES (1, 'x')")
        }
        #expect(primaryKey?.isUniqueViolation == true)
        let check = #expect(throws: SQLiteError.self) {
            try connection.run("INSERT INTO t (name, score) VALUES ('y', -1)")
        }
        #expect(check?.isCheckViolation == true)
        let notNull = #expect(throws: SQLiteError.self) {
            try connection.run("INSERT INTO t (name) VALUES (NULL)")
        }
        #expect(notNull?.isNotNullViolation == true)
        let foreignKey = #expect(throws: SQLiteError.self) {
            try connection.run("INSERT INTO child (t_id) VALUES (99)")
        }
        #expect(foreignKey?.isForeignKeyViolation == true)
        #expect(foreignKey?.isConstraint == true)
        let range = #expect(throws: SQLiteError.self) {
            try connection.run("INSERT INTO t (name) VALUES (?)", [])
        }
        #expect(range?.primaryCode == SQLITE_RANGE)
    }

    @Test func transactionRollsBackOnThrow() throws {
        struct Oops: Error {}
        #expect(throws: Oops.self) {
            try connection.transaction {
                try connection.run("INSERT INTO t (name) VALUES ('gone')")
                throw Oops()
            }
        }
        #expect(!connection.isInTransaction)
        try connection.transaction {
            try connection.run("INSERT INTO t (name) VALUES ('kept')")
            #expect(throws: SQLiteError.self) {
                try connection.savepoint {
                    try connection.run("INSERT INTO t (name) VALUES ('inner')")
                    try connection.run("INSERT INTO t (name) VALUES ('kept')")
                }
            }
        }
        var names: [String] = []
        try connection.query("SELECT name FROM t ORDER BY id") { names.append($0.text(0)) }
        #expect(names == ["kept"])
    }

    @Test func executesScriptsAndRefusesSeveralStatementsInRun() throws {
        try connection.execute(
            "INSERT INTO t (name) VALUES ('a'); -- trailing comment\n INSERT INTO t (name) VALUES ('b'); /* end */"
        )
        #expect(try connection.first("SELECT count(*) FROM t") { $0.int(0) } == 2)
        try connection.run("SELECT 1; -- only a comment after")
        let error = #expect(throws: SQLiteError.self) { try connection.run("SELECT 1; SELECT 2") }
        #expect(error?.primaryCode == SQLITE_MISUSE)
        let empty = #expect(throws: SQLiteError.self) { try connection.run(" -- nothing") }
        #expect(empty?.primaryCode == SQLITE_MISUSE)
        let scriptError = #expect(throws: SQLiteError.self) {
            try connection.execute("SELECT 1; INSERT INTO nope VALUES (1)")
        }
        #expect(scriptError?.sql == "INSERT INTO nope VALUES (1)")
    }

    @Test func closedConnectionThrows() throws {
        try connection.close()
        #expect(throws: DatabaseError.closed) { try connection.run("SELECT 1") }
    }
}
