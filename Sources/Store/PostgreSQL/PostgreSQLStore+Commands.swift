import Foundation
import PostgreSQL

/// What the command line asks of a PostgreSQL database beyond the store protocol.
extension PostgreSQLStore {
    /// Applies pending migrations of `migrations/postgresql`; answers those applied.
    public static func migrate(url: String, migrations: URL) throws -> [SQLiteStore.MigrationState] {
        let migrator = try PGMigrator(directory: dialectFolder(migrations))
        let connection = try PGConnection(url: url)
        defer { connection.close() }
        return try migrator.migrate(connection).map {
            SQLiteStore.MigrationState(version: $0.version, name: $0.name, appliedAt: nil)
        }
    }

    /// Every migration with its state.
    public static func migrationStatus(url: String, migrations: URL) throws -> [SQLiteStore.MigrationState] {
        let migrator = try PGMigrator(directory: dialectFolder(migrations))
        let connection = try PGConnection(url: url)
        defer { connection.close() }
        return try migrator.status(connection).map {
            SQLiteStore.MigrationState(version: $0.version, name: $0.name, appliedAt: $0.appliedAt)
        }
    }
}
