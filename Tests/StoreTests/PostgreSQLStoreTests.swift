import Assessments
import Foundation
import PostgreSQL
import SQLite
import Testing

@testable import Store

/// What the PostgreSQL store must do beyond the conformance suite: the same answers as SQLite on
/// the same data, to the last digit and in the same order; its query budget; its refusals.
@Suite(.enabled(if: TestDatabase.clusterURL != nil, TestDatabase.skipMessage))
struct PostgreSQLStoreTests {
    /// A fresh PostgreSQL store on `database`.
    private func open(_ database: TestDatabase, queryTimeout: Double = 2) throws -> PostgreSQLStore {
        var options = PostgreSQLStore.Options()
        options.queryTimeout = queryTimeout
        return try PostgreSQLStore(
            url: database.url, options: options, migrations: ConformanceData.migrations,
            indicators: ConformanceData.indicators())
    }

    /// Statistics samples in a comparable form, keeping the order within each group (sums, and
    /// so means, depend on it).
    private func flat(_ samples: StatisticsSamples) -> [String: [String: [Sample]]] {
        samples.mapValues { $0.mapValues { $0.map { Sample(year: $0.year, value: $0.value) } } }
    }

    @Test func sameAnswersAsSQLiteOnTheSameData() throws {
        let database = try TestDatabase("parity")
        let directory = try ScratchDirectory()
        let postgres = try open(database)
        defer { postgres.close() }
        let sqlite = try SQLiteStore(
            path: directory.url.appendingPathComponent("parity.sqlite").path, migrations: ConformanceData.migrations,
            indicators: ConformanceData.indicators())
        defer { sqlite.close() }
        let corpus = try Corpus.store(in: sqlite)
        #expect(try Corpus.store(in: postgres).items.map(\.id) == corpus.items.map(\.id))

        var filters: [StatisticsFilter] = []
        for grouping in StatisticsFilter.Grouping.allCases {
            var filter = StatisticsFilter(indicators: ["soc", "bd_fe", "ph_h2o", StatisticsFilter.derivedStock])
            filter.grouping = grouping
            filters.append(filter)
            var dated = filter
            dated.from = "2020-01-01"
            filters.append(dated)
            var kazakh = filter
            kazakh.country = "KZ"
            kazakh.depthMax = 20
            filters.append(kazakh)
            var regions = filter
            regions.regions = ["KZ-11", "UZ-TO", "RU-KRS"]
            regions.to = "2024-12-31"
            filters.append(regions)
        }
        for filter in filters {
            let expected = flat(try sqlite.statisticsSamples(filter))
            #expect(!expected.isEmpty || filter.regions.count > 0, "\(filter.key) selects samples")
            #expect(flat(try postgres.statisticsSamples(filter)) == expected, "\(filter.key)")
        }

        for (country, regions) in [(nil, []), ("KZ", []), ("RU", []), (nil, ["UZ-TO", "KZ-11"])]
            as [(String?, [String])]
        {
            let expected = try sqlite.siteVisits(
                country: country, regions: regions, from: "1900-01-01", to: "2100-12-31"
            )
            .sorted { $0.id < $1.id }
            #expect(!expected.isEmpty)
            let got = try postgres.siteVisits(country: country, regions: regions, from: "1900-01-01", to: "2100-12-31")
                .sorted { $0.id < $1.id }
            #expect(got == expected, "\(country ?? "-") \(regions)")
        }
        for item in corpus.items {
            let site = item.assessment.site.id
            #expect(
                try postgres.siteVisits(country: item.assessment.country, siteID: site).sorted { $0.id < $1.id }
                    == sqlite.siteVisits(country: item.assessment.country, siteID: site).sorted { $0.id < $1.id })
        }

        #expect(try postgres.extent() == sqlite.extent())
        for sort in AssessmentFilter.Sort.allCases {
            var filter = AssessmentFilter()
            filter.sort = sort
            var keys: (PageKey?, PageKey?) = (nil, nil)
            repeat {
                let expected = try sqlite.page(filter, limit: 4, after: keys.0, count: true, isBudgeted: true)
                let got = try postgres.page(filter, limit: 4, after: keys.1, count: true, isBudgeted: true)
                #expect(got.items.map(\.id) == expected.items.map(\.id), "\(sort)")
                #expect(got.items.map(\.document) == expected.items.map(\.document))
                #expect(got.total == expected.total && got.next == expected.next)
                keys = (expected.next, got.next)
            } while keys.0 != nil
        }
        // Across the antimeridian, and a box around Akmola.
        for box in [
            BoundingBox(minLon: 170, minLat: 60, maxLon: -170, maxLat: 70),
            BoundingBox(minLon: 71, minLat: 51, maxLon: 72, maxLat: 52),
        ] {
            var filter = AssessmentFilter()
            filter.bbox = box
            let expected = try sqlite.page(filter, limit: 100, after: nil, count: true, isBudgeted: true)
            #expect(!expected.items.isEmpty)
            #expect(
                try postgres.page(filter, limit: 100, after: nil, count: true, isBudgeted: true).items.map(\.id)
                    == expected.items.map(\.id))
        }
        let measurements = try sqlite.measurementPage(AssessmentFilter(), limit: 1000, after: nil, count: true)
        let pgMeasurements = try postgres.measurementPage(AssessmentFilter(), limit: 1000, after: nil, count: true)
        #expect(pgMeasurements.total == measurements.total)
        #expect(pgMeasurements.items.map(\.key) == measurements.items.map(\.key))
        #expect(pgMeasurements.items.map(\.value) == measurements.items.map(\.value))
    }

    /// The query budget is `statement_timeout`: a read past it is `timeout`, and the connection
    /// serves the next read.
    @Test func queryBudgetIsStatementTimeout() throws {
        let database = try TestDatabase("budget")
        let store = try open(database, queryTimeout: 0.2)
        defer { store.close() }
        #expect(throws: StoreError.timeout) {
            try store.reading { db in try db.execute("SELECT pg_sleep(5)") }
        }
        // Unbudgeted reads (streamed exports) run as long as they need.
        try store.reading(isBudgeted: false) { db in try db.execute("SELECT pg_sleep(0.4)") }
        #expect(try store.activeCount() == 0)
        try store.checkHealth()
    }

    /// SQLSTATEs in the store's words: `53100 disk_full` is `full` (507 to clients, as SQLite's
    /// SQLITE_FULL), `57014` a timeout, `40001` and `40P01` busy, anything else a failure.
    @Test func errorsInTheStoresWords() {
        #expect(StoreError.postgreSQL(PGError(sqlState: "53100", message: "could not extend file")) == .full)
        #expect(StoreError.postgreSQL(PGError(sqlState: "57014", message: "canceling statement")) == .timeout)
        #expect(StoreError.postgreSQL(PGError(sqlState: "40P01", message: "deadlock detected")) == .busy)
        #expect(StoreError.postgreSQL(PGError.closed) == .closed)
        #expect(StoreError.postgreSQL(PGError(sqlState: "42P01", message: "no table")) != .full)
    }

    /// The migrations' bookkeeping refuses a database migrated by a newer landmon, and an applied
    /// migration that changed, as SQLite's does.
    @Test func migrationsRefuseUnknownAndChanged() throws {
        let database = try TestDatabase("migrations")
        let store = try open(database)
        let applied = try PostgreSQLStore.migrationStatus(url: database.url, migrations: ConformanceData.migrations)
        #expect(applied.map(\.version) == [1, 2])
        #expect(applied.allSatisfy { $0.appliedAt != nil })
        #expect(try PostgreSQLStore.migrate(url: database.url, migrations: ConformanceData.migrations).isEmpty)
        try store.pool.withConnection(timeout: nil) { db in
            try db.run(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                [99, "from_the_future", "0000000000000000", "2030-01-01T00:00:00Z"])
        }
        store.close()
        #expect(throws: MigrationError.unknownApplied(version: 99, name: "from_the_future")) {
            _ = try open(database)
        }
        let connection = try PGConnection(url: database.url)
        defer { connection.close() }
        try connection.run("DELETE FROM schema_migrations WHERE version = 99")
        try connection.run("UPDATE schema_migrations SET checksum = 'ffffffffffffffff' WHERE version = 2")
        #expect(throws: MigrationError.self) { _ = try open(database) }
        do {
            _ = try open(database)
        } catch let error as MigrationError {
            guard case .checksumChanged(let file, let old, _) = error else {
                Issue.record("expected checksumChanged, got \(error)")
                return
            }
            #expect(file == "0002_ldn_columns.sql" && old == "ffffffffffffffff")
        }
    }
}
