import Foundation
import PostgreSQL
import SQLite

/// The move from an SQLite file to a PostgreSQL database: every table copied in key order, in
/// batches of one transaction each, resumable (a table continues after the largest key the
/// target holds), then counted and checksummed on both sides.
public enum Transfer {
    /// One table's rows on each side.
    public struct TableReport: Sendable {
        public let table: String
        public let source: Int64
        public let target: Int64
        /// FNV-1a 64 of every row in key order, every column (documents included), hex.
        public let sourceChecksum: String
        public let targetChecksum: String

        public var isEqual: Bool { source == target && sourceChecksum == targetChecksum }
    }

    /// Where a copy stands: table, rows the target holds, rows of the source.
    public typealias Progress = @Sendable (_ table: String, _ copied: Int64, _ total: Int64) -> Void

    /// Copies `path` (an SQLite file, migrated to the same version as this binary's migrations)
    /// into `url` (migrated here first). The source must not be written meanwhile (stop its
    /// server); the target must not be served until the reports are equal.
    public static func run(
        from path: String, to url: String, migrations: URL, batch: Int = 500, progress: Progress
    ) throws -> [TableReport] {
        let source = try SQLite.Connection(path: path, readOnly: true)
        defer { try? source.close() }
        let sourceVersions = try versions(source)
        let known = try Migrator(directory: migrations).migrations.map(\.version)
        guard sourceVersions == known else { throw TransferError.sourceVersion(sourceVersions, known) }
        try checkColumns(source)
        _ = try PostgreSQLStore.migrate(url: url, migrations: migrations)
        let target = try PGConnection(url: url)
        defer { target.close() }
        for table in TransferTable.all {
            try copy(table, from: source, to: target, batch: batch, progress: progress)
        }
        return try TransferTable.all.map { try compare($0, source: source, target: target) }
    }

    /// Refuses a source with a table or column that `TransferTable` does not copy (a later
    /// migration that this list was not taught), instead of leaving it behind.
    private static func checkColumns(_ source: SQLite.Connection) throws {
        var tables: [String] = []
        try source.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") {
            tables.append($0.text(0))
        }
        let copied = Dictionary(uniqueKeysWithValues: TransferTable.all.map { ($0.name, Set($0.columns.map(\.name))) })
        // The bookkeeping is the target's own; the R*Tree (and its shadow tables) has no PostgreSQL table.
        for table in tables where table != "schema_migrations" && !table.hasPrefix("assessment_sites") {
            guard let columns = copied[table] else { throw TransferError.notCopied(table) }
            var names: [String] = []
            try source.query("SELECT name FROM pragma_table_info(?)", [table]) { names.append($0.text(0)) }
            for name in names where !columns.contains(name) { throw TransferError.notCopied("\(table).\(name)") }
        }
    }

    private static func versions(_ source: SQLite.Connection) throws -> [Int] {
        var versions: [Int] = []
        try source.query("SELECT version FROM schema_migrations ORDER BY version") { versions.append(Int($0.int(0))) }
        return versions
    }

    private static func count(_ table: TransferTable, _ source: SQLite.Connection) throws -> Int64 {
        try source.first("SELECT count(*) FROM \(table.name)") { $0.int(0) } ?? 0
    }

    private static func count(_ table: TransferTable, _ target: PGConnection) throws -> Int64 {
        try target.first("SELECT count(*) FROM \(table.name)") { $0.int(0) } ?? 0
    }

    /// Copies the rows of `table` after the target's largest key, `batch` rows per transaction.
    private static func copy(
        _ table: TransferTable, from source: SQLite.Connection, to target: PGConnection, batch: Int,
        progress: Progress
    ) throws {
        let total = try count(table, source)
        var copied = try count(table, target)
        let keys = table.keyColumns
        var last: [TransferCell]? = try target.first(
            "SELECT \(keys.map(\.name).joined(separator: ", ")) FROM \(table.name) ORDER BY "
                + table.postgreSQLOrder.split(separator: ",").map { "\($0) DESC" }.joined(separator: ","), []
        ) { row in keys.enumerated().map { TransferCell(row, $0.offset, $0.element.kind) } }
        progress(table.name, copied, total)
        let rowMarks = "(" + Array(repeating: "?", count: table.columns.count).joined(separator: ", ") + ")"
        while true {
            var sql = "SELECT \(table.columnList) FROM \(table.name)"
            var bindings: [any Bindable] = []
            if let last {
                let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
                sql += " WHERE (\(table.sqliteOrder)) > (\(marks))"
                bindings = last.map(\.sqlite)
            }
            sql += " ORDER BY \(table.sqliteOrder) LIMIT ?"
            bindings.append(batch)
            var rows: [[TransferCell]] = []
            try source.query(sql, bindings) { row in
                rows.append(table.columns.enumerated().map { TransferCell(row, $0.offset, $0.element.kind) })
            }
            guard let lastRow = rows.last else { break }
            let insert =
                "INSERT INTO \(table.name) (\(table.columnList)) VALUES "
                + Array(repeating: rowMarks, count: rows.count).joined(separator: ", ") + " ON CONFLICT DO NOTHING"
            try target.execute("BEGIN")
            do {
                try target.run(insert, rows.flatMap { $0.map(\.postgreSQL) })
                try target.execute("COMMIT")
            } catch {
                try? target.execute("ROLLBACK")
                throw error
            }
            copied += Int64(rows.count)
            last = Array(lastRow.prefix(keys.count))
            progress(table.name, copied, total)
        }
    }

    /// Counts and checksums of `table` on both sides, rows in key order.
    private static func compare(_ table: TransferTable, source: SQLite.Connection, target: PGConnection) throws
        -> TableReport
    {
        func hex(_ hash: UInt64) -> String {
            let text = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        var sourceHash: UInt64 = 0xcbf2_9ce4_8422_2325
        var sourceRows: Int64 = 0
        try source.query("SELECT \(table.columnList) FROM \(table.name) ORDER BY \(table.sqliteOrder)") { row in
            for (index, column) in table.columns.enumerated() {
                TransferCell(row, index, column.kind).fold(into: &sourceHash)
            }
            sourceRows += 1
        }
        var targetHash: UInt64 = 0xcbf2_9ce4_8422_2325
        var targetRows: Int64 = 0
        // A cursor, so that a million documents are read a few thousand at a time.
        try target.execute("BEGIN")
        defer { try? target.execute("ROLLBACK") }
        try target.execute(
            "DECLARE landmon_compare NO SCROLL CURSOR FOR SELECT \(table.columnList) FROM \(table.name) ORDER BY "
                + table.postgreSQLOrder)
        var fetched = 0
        repeat {
            fetched = 0
            try target.query("FETCH 2000 FROM landmon_compare") { row in
                for (index, column) in table.columns.enumerated() {
                    TransferCell(row, index, column.kind).fold(into: &targetHash)
                }
                fetched += 1
            }
            targetRows += Int64(fetched)
        } while fetched > 0
        return TableReport(
            table: table.name, source: sourceRows, target: targetRows, sourceChecksum: hex(sourceHash),
            targetChecksum: hex(targetHash))
    }
}

/// Why a transfer did not start.
public enum TransferError: Error, CustomStringConvertible {
    /// The source's applied migrations are not this binary's.
    case sourceVersion([Int], [Int])
    /// The source has a table or column the transfer does not know.
    case notCopied(String)

    public var description: String {
        switch self {
        case .sourceVersion(let applied, let known):
            "the SQLite file has migrations \(applied) applied, this landmon has \(known): run landmon migrate on it first"
        case .notCopied(let name):
            "the SQLite file has \(name), which the transfer does not copy (Store/PostgreSQL/TransferTables.swift)"
        }
    }
}
