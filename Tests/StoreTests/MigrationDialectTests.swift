import Foundation
import SQLite
import Testing

/// Every migration exists in both dialects: `Migrations/NNNN_name.sql` for SQLite and
/// `Migrations/postgresql/NNNN_name.sql` for PostgreSQL, with the same numbers and names, so that
/// a database of either engine is at the same version after `landmon migrate`.
struct MigrationDialectTests {
    @Test func postgreSQLHasEveryMigration() throws {
        let sqlite = try Migrator(directory: ConformanceData.migrations).migrations
        let postgres = try Migrator(directory: ConformanceData.migrations.appendingPathComponent("postgresql"))
            .migrations
        #expect(sqlite.count >= 2)
        #expect(postgres.map(\.fileName) == sqlite.map(\.fileName), "write Migrations/postgresql/ for each migration")
    }
}
