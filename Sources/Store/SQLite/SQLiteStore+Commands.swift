import Foundation
import SQLite

/// What the command line asks of an SQLite file beyond the store protocol.
extension SQLiteStore {
    /// One migration and when it was applied (nil: pending).
    public struct MigrationState: Sendable {
        public let version: Int
        public let name: String
        public let appliedAt: String?
    }

    /// Applies pending migrations; answers those applied.
    public static func migrate(path: String, migrations: URL) throws -> [MigrationState] {
        let database = try Database(path: path, configuration: DatabaseConfiguration())
        defer { database.close() }
        return try Migrator(directory: migrations).migrate(database).map {
            MigrationState(version: $0.version, name: $0.name, appliedAt: nil)
        }
    }

    /// Every migration with its state.
    public static func migrationStatus(path: String, migrations: URL) throws -> [MigrationState] {
        let database = try Database(path: path, configuration: DatabaseConfiguration())
        defer { database.close() }
        return try Migrator(directory: migrations).status(database).map {
            MigrationState(version: $0.migration.version, name: $0.migration.name, appliedAt: $0.appliedAt)
        }
    }

    /// A consistent copy of a live file through SQLite's online backup, on a read-only connection
    /// (a serving process keeps writing).
    public static func backup(path: String, to target: String) throws {
        let connection = try Connection(path: path, readOnly: true)
        try connection.backup(to: target)
    }

    /// Before a bulk load: a page cache large enough that the writer does not spill pages in every
    /// transaction (the seed command exits afterwards).
    public func prepareForBulkLoad() throws {
        try database.exclusiveWrite { try $0.execute("PRAGMA cache_size = -262144") }
    }
}

extension StoreError {
    /// The store's words for an SQLite or database failure.
    init(_ error: any Error) {
        switch error {
        case let error as StoreError: self = error
        case DatabaseError.queryTimeout: self = .timeout
        case DatabaseError.closed: self = .closed
        case let error as SQLiteError:
            if error.isFull {
                self = .full
            } else if error.isBusy {
                self = .busy
            } else if error.isInterrupt {
                self = .timeout
            } else {
                self = .failed(error.description)
            }
        default: self = .failed(String(describing: error))
        }
    }
}
