import Store
import Testing

/// The conformance checks on `SQLiteStore`, each on a fresh file in its own temporary directory,
/// removed afterwards. Another backend's suite is a copy of this file with its own factory.
@Suite struct SQLiteStoreConformanceTests {
    @Test(arguments: StoreConformance.Check.allCases)
    func conformance(_ check: StoreConformance.Check) throws {
        let directory = try ScratchDirectory()
        let path = directory.url.appendingPathComponent("store.sqlite").path
        let indicators = try ConformanceData.indicators()
        let conformance = StoreConformance {
            try SQLiteStore(path: path, migrations: ConformanceData.migrations, indicators: indicators)
        }
        try withExtendedLifetime(directory) { try conformance.run(check) }
    }
}
