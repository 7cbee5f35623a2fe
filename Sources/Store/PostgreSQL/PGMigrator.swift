import Foundation
import PostgreSQL
import SQLite

/// Applies `Migrations/postgresql/NNNN_name.sql` with the bookkeeping of SQLite's `Migrator`: one
/// transaction per migration with its row in `schema_migrations` (version, name, FNV-1a checksum,
/// time), refusal of an applied migration that changed or that this binary does not know. The
/// files are read and checked by `Migrator` (names, duplicates, checksums); only the SQL differs.
/// A session-level advisory lock keeps two servers starting at once from migrating together.
struct PGMigrator {
    let migrations: [Migration]

    init(directory: URL) throws {
        migrations = try Migrator(directory: directory).migrations
    }

    /// The lock id of migrations ("landmon" + 1); the writes' lock is `PostgreSQLStore.writeLock`.
    static let lock: Int64 = 0x6C61_6E64_6D6F_6E01

    private static let bookkeepingTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    /// Applies the pending migrations in order; answers them. Stops before applying anything if
    /// an applied migration changed or is unknown.
    @discardableResult
    func migrate(_ db: PGConnection) throws -> [Migration] {
        try db.run("SELECT pg_advisory_lock(?)", [PGMigrator.lock])
        defer { _ = try? db.run("SELECT pg_advisory_unlock(?)", [PGMigrator.lock]) }
        try db.execute(PGMigrator.bookkeepingTable)
        let applied = try PGMigrator.applied(db)
        try verify(applied)
        var done: [Migration] = []
        for migration in migrations where applied[migration.version] == nil {
            do {
                try db.execute("BEGIN")
                do {
                    try db.execute(migration.sql)
                    try db.run(
                        """
                        INSERT INTO schema_migrations (version, name, checksum, applied_at)
                        VALUES (?, ?, ?, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
                        """, [migration.version, migration.name, migration.checksum])
                    try db.execute("COMMIT")
                } catch {
                    try? db.execute("ROLLBACK")
                    throw error
                }
            } catch {
                throw MigrationError.failed(file: migration.fileName, error: String(describing: error))
            }
            done.append(migration)
        }
        return done
    }

    /// Every known migration with the time it was applied (nil if pending), then any applied
    /// migration this binary does not know.
    func status(_ db: PGConnection) throws -> [(version: Int, name: String, appliedAt: String?)] {
        let exists = try db.first("SELECT to_regclass('schema_migrations') IS NOT NULL", []) { $0.text(0) == "t" }
        let applied = exists == true ? try PGMigrator.applied(db) : [:]
        var rows = migrations.map { (version: $0.version, name: $0.name, appliedAt: applied[$0.version]?.appliedAt) }
        let known = Set(migrations.map(\.version))
        for record in applied.values.sorted(by: { $0.version < $1.version }) where !known.contains(record.version) {
            rows.append((record.version, record.name, record.appliedAt))
        }
        return rows
    }

    private func verify(_ applied: [Int: Applied]) throws {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for record in applied.values.sorted(by: { $0.version < $1.version }) {
            guard let migration = known[record.version] else {
                throw MigrationError.unknownApplied(version: record.version, name: record.name)
            }
            guard migration.checksum == record.checksum else {
                throw MigrationError.checksumChanged(
                    file: migration.fileName, applied: record.checksum, current: migration.checksum)
            }
        }
    }

    private struct Applied {
        let version: Int
        let name: String
        let checksum: String
        let appliedAt: String
    }

    private static func applied(_ db: PGConnection) throws -> [Int: Applied] {
        var applied: [Int: Applied] = [:]
        try db.query("SELECT version, name, checksum, applied_at FROM schema_migrations") { row in
            let version = Int(row.int(0))
            applied[version] = Applied(
                version: version, name: row.text(1), checksum: row.text(2), appliedAt: row.text(3))
        }
        return applied
    }
}
