import Foundation

/// Applies `Migration`s in version order, each in one transaction with its bookkeeping row in
/// `schema_migrations`, and refuses a database whose applied history disagrees with the files.
public struct Migrator: Sendable {
    /// The known migrations, ascending by version.
    public let migrations: [Migration]

    /// Reads every `NNNN_name.sql` in `directory`; other files are ignored, a malformed `.sql`
    /// name or a duplicate version is an error.
    public init(directory: URL) throws {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError.unreadable(directory.path, error.localizedDescription)
        }
        var migrations: [Migration] = []
        for file in files where file.hasSuffix(".sql") {
            guard let (version, name) = Migrator.parse(fileName: file) else {
                throw MigrationError.malformedFileName(file)
            }
            let url = directory.appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw MigrationError.unreadable(url.path, "cannot read file")
            }
            migrations.append(
                Migration(version: version, name: name, sql: String(decoding: data, as: UTF8.self)))
        }
        try self.init(checked: migrations)
    }

    /// Uses `migrations` as given (sorted by version here).
    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    private init(checked migrations: [Migration]) throws {
        self.init(migrations: migrations)
        for (earlier, later) in zip(self.migrations, self.migrations.dropFirst())
        where earlier.version == later.version {
            throw MigrationError.duplicateVersion(later.version, earlier.fileName, later.fileName)
        }
    }

    /// `0012_add_index.sql` -> (12, "add_index"); nil when the name does not have that shape.
    static func parse(fileName: String) -> (Int, String)? {
        let base = fileName.utf8.dropLast(4)  // ".sql"
        guard let underscore = base.firstIndex(of: UInt8(ascii: "_")) else { return nil }
        let digits = base[..<underscore]
        let name = base[base.index(after: underscore)...]
        func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7a) || byte == 0x5f
                || byte == 0x2d
        }
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            !name.isEmpty, name.allSatisfy(isNameByte),
            let version = Int(String(decoding: digits, as: UTF8.self))
        else { return nil }
        return (version, String(decoding: name, as: UTF8.self))
    }

    /// Applies the migrations not yet applied, in order, and returns them. Stops before applying
    /// anything if an applied migration changed or is unknown.
    @discardableResult
    public func migrate(_ database: Database) throws -> [Migration] {
        try database.exclusiveWrite { connection in
            try connection.execute(Migrator.bookkeepingTable)
            let applied = try Migrator.applied(connection)
            try verify(applied)
            var done: [Migration] = []
            for migration in migrations where applied[migration.version] == nil {
                do {
                    try connection.transaction {
                        try connection.execute(migration.sql)
                        try connection.run(
                            "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                                + "VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                            [migration.version, migration.name, migration.checksum])
                    }
                } catch {
                    throw MigrationError.failed(file: migration.fileName, error: String(describing: error))
                }
                done.append(migration)
            }
            return done
        }
    }

    /// Every known migration with the time it was applied (nil if pending), then any applied
    /// migration this binary does not know (with empty SQL and its recorded checksum).
    public func status(_ database: Database) throws -> [(migration: Migration, appliedAt: String?)] {
        let applied = try database.read(timeout: nil) { connection -> [Int: AppliedMigration] in
            let exists = try connection.first(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
            ) { _ in true }
            return exists == true ? try Migrator.applied(connection) : [:]
        }
        var rows = migrations.map { (migration: $0, appliedAt: applied[$0.version]?.appliedAt) }
        let known = Set(migrations.map(\.version))
        for record in applied.values.sorted(by: { $0.version < $1.version })
        where !known.contains(record.version) {
            rows.append(
                (
                    Migration(version: record.version, name: record.name, sql: "", checksum: record.checksum),
                    record.appliedAt
                ))
        }
        return rows
    }

    private func verify(_ applied: [Int: AppliedMigration]) throws {
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

    private struct AppliedMigration: Sendable {
        let version: Int
        let name: String
        let checksum: String
        let appliedAt: String
    }

    private static let bookkeepingTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    private static func applied(_ connection: Connection) throws -> [Int: AppliedMigration] {
        var applied: [Int: AppliedMigration] = [:]
        try connection.query("SELECT version, name, checksum, applied_at FROM schema_migrations") { row in
            let version = Int(row.int(0))
            applied[version] = AppliedMigration(
                version: version, name: row.text(1), checksum: row.text(2), appliedAt: row.text(3))
        }
        return applied
    }
}
