import Store
import Testing

/// The conformance checks on `PostgreSQLStore`, each on a fresh database of the test cluster
/// (`TEST_POSTGRESQL_URL`), dropped afterwards; skipped with a message when no cluster is set.
@Suite(.enabled(if: TestDatabase.clusterURL != nil, TestDatabase.skipMessage))
struct PostgreSQLStoreConformanceTests {
    @Test(arguments: StoreConformance.Check.allCases)
    func conformance(_ check: StoreConformance.Check) throws {
        let database = try TestDatabase(check.rawValue)
        let indicators = try ConformanceData.indicators()
        let url = database.url
        let conformance = StoreConformance {
            try PostgreSQLStore(url: url, migrations: ConformanceData.migrations, indicators: indicators)
        }
        try withExtendedLifetime(database) { try conformance.run(check) }
    }
}
