import Foundation
import Testing

@testable import SQLite

@Suite struct MigratorTests {
    let directory: TemporaryDirectory
    let database: Database

    init() throws {
        directory = try TemporaryDirectory()
        database = try Database(path: directory.path("m.db"))
    }

    private func tables() throws -> [String] {
        try database.read { db in
            var names: [String] = []
            try db.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") {
                names.append($0.text(0))
            }
            return names
        }
    }

    @Test func appliesInVersionOrderOnceWithBookkeeping() throws {
        let migrations = [
            Migration(version: 2, name: "second", sql: "ALTER TABLE a ADD COLUMN y INTEGER;"),
            Migration(version: 1, name: "first", sql: "CREATE TABLE a (x INTEGER);"),
        ]
        let before = try Migrator(migrations: migrations).status(database)
        #expect(before.map(\.migration.version) == [1, 2] && before.allSatisfy { $0.appliedAt == nil })
        let applied = try Migrator(migrations: migrations).migrate(database)
        #expect(applied.map(\.version) == [1, 2])
        #expect(try Migrator(migrations: migrations).migrate(database).isEmpty)
        let status = try Migrator(migrations: migrations).status(database)
        #expect(status.map(\.migration.fileName) == ["0001_first.sql", "0002_second.sql"])
        #expect(status.allSatisfy { $0.appliedAt?.hasSuffix("Z") == true })
        let recorded = try database.read { db in
            try db.first(
                "SELECT group_concat(version || ':' || name || ':' || checksum, ' ') FROM schema_migrations"
            ) { $0.text(0) }
        }
        #expect(recorded == "1:first:\(migrations[1].checksum) 2:second:\(migrations[0].checksum)")

        let more = migrations + [Migration(version: 3, name: "third", sql: "CREATE TABLE b (z TEXT);")]
        #expect(try Migrator(migrations: more).status(database).last?.appliedAt == nil)
        #expect(try Migrator(migrations: more).migrate(database).map(\.name) == ["third"])
    }

    @Test func failingMigrationLeavesNothingBehind() throws {
        let migrations = [
            Migration(version: 1, name: "ok", sql: "CREATE TABLE a (x);"),
            Migration(version: 2, name: "broken", sql: "CREATE TABLE b (x); INSERT INTO nowhere VALUES (1);"),
        ]
        let error = #expect(throws: MigrationError.self) {
            try Migrator(migrations: migrations).migrate(database)
        }
        #expect(error?.description.contains("0002_broken.sql") == true)
        #expect(try tables() == ["a", "schema_migrations"])
    }

    @Test func refusesChangedOrUnknownAppliedMigrations() throws {
        let original = Migration(version: 1, name: "first", sql: "CREATE TABLE a (x);")
        let second = Migration(version: 2, name: "second", sql: "CREATE TABLE b (x);")
        try Migrator(migrations: [original, second]).migrate(database)

        let edited = Migration(version: 1, name: "first", sql: "CREATE TABLE a (x, y);")
        let changed = #expect(throws: MigrationError.self) {
            try Migrator(migrations: [
                edited, second, Migration(version: 3, name: "new", sql: "CREATE TABLE c (x);"),
            ]).migrate(database)
        }
        guard case .checksumChanged(let file, _, _)? = changed else {
            Issue.record("expected checksumChanged, got \(String(describing: changed))")
            return
        }
        #expect(file == "0001_first.sql")
        #expect(changed?.description.contains("0001_first.sql") == true)

        let unknown = #expect(throws: MigrationError.self) {
            try Migrator(migrations: [original]).migrate(database)
        }
        #expect(unknown == .unknownApplied(version: 2, name: "second"))
        #expect(unknown?.description.contains("0002_second.sql") == true)
        let shown = try Migrator(migrations: [original]).status(database)
        #expect(shown.map(\.migration.fileName) == ["0001_first.sql", "0002_second.sql"])
        #expect(shown.last?.migration.checksum == second.checksum && shown.last?.appliedAt != nil)
        #expect(try tables() == ["a", "b", "schema_migrations"])  // nothing applied by the refusals
    }

    @Test func readsDirectoryAndRejectsMalformedNames() throws {
        let folder = directory.url.appendingPathComponent("migrations")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "CREATE TABLE b (x);".write(
            to: folder.appendingPathComponent("0010_later.sql"), atomically: true, encoding: .utf8)
        try "CREATE TABLE a (x);".write(
            to: folder.appendingPathComponent("0002_first-one.sql"), atomically: true, encoding: .utf8)
        try "notes".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let migrator = try Migrator(directory: folder)
        #expect(migrator.migrations.map(\.fileName) == ["0002_first-one.sql", "0010_later.sql"])

        for bad in ["initial.sql", "01a_x.sql", "0003_.sql", "0003_bad name.sql"] {
            let file = folder.appendingPathComponent(bad)
            try "SELECT 1;".write(to: file, atomically: true, encoding: .utf8)
            #expect(throws: MigrationError.malformedFileName(bad)) { try Migrator(directory: folder) }
            try FileManager.default.removeItem(at: file)
        }
        try "SELECT 1;".write(
            to: folder.appendingPathComponent("10_again.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.duplicateVersion(10, "0010_again.sql", "0010_later.sql")) {
            try Migrator(directory: folder)
        }
    }

    @Test func checksumIsStableFNV1a() {
        // Reference values of 64-bit FNV-1a.
        #expect(Migration.checksum(of: "") == "cbf29ce484222325")
        #expect(Migration.checksum(of: "a") == "af63dc4c8601ec8c")
    }

    @Test func realInitialMigrationApplies() throws {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Migrations")
        let migrator = try Migrator(directory: folder)
        #expect(migrator.migrations.first?.fileName == "0001_initial.sql")
        #expect(try migrator.migrate(database).count == migrator.migrations.count)
        let names = try tables()
        for table in [
            "assessments", "assessment_sites", "revisions", "measurements", "changes", "api_keys",
            "idempotency_records",
        ] {
            #expect(names.contains(table), "missing table \(table)")
        }
        try database.write { db in
            try db.run("INSERT INTO assessment_sites VALUES (1, 71.4, 71.5, 51.1, 51.2)")
        }
        let hit = try database.read {
            try $0.first("SELECT id FROM assessment_sites WHERE min_lon >= 71 AND max_lat <= 52") {
                $0.int(0)
            }
        }
        #expect(hit == 1)
        #expect(try database.read { try $0.first("PRAGMA integrity_check") { $0.text(0) } } == "ok")
    }
}
