import Assessments
import Foundation
import HTTP
import Locking
import SQLite
import Synchronization

/// The application: catalog, store and the shared state of handlers. Built once at start;
/// `makeRouter()` gives the HTTP layer its responder. Tests build one over a temporary file.
public final class Application: Sendable {
    public let configuration: Configuration
    let catalog: Catalog
    let validator: Validator
    public let database: Database
    let keys: KeyStore
    let rateLimiter: RateLimiter
    let metrics = Metrics()
    let feed: ChangeFeed
    let idempotency = IdempotencyGuard()
    /// Active assessments, kept as writes commit (so /health and /metrics need no count(*)).
    let activeAssessments: Atomic<Int64>
    /// Every indicator code of the catalog (to remove a revised assessment's measurement rows).
    let indicatorCodes: Set<String>
    /// `GET /v1/schema`'s body, built once from the catalog.
    let schemaDocument: [UInt8]
    /// The server, once serving, for the open-connections gauge.
    let server = Locked<Server?>(nil)
    static let version = "0.1.0"

    /// Loads the catalog, opens and migrates the database.
    public init(configuration: Configuration) throws {
        self.configuration = configuration
        catalog = try Catalog.load(from: URL(fileURLWithPath: configuration.schemaDirectory))
        validator = Validator(catalog: catalog)
        indicatorCodes = Set(catalog.indicators.keys)
        schemaDocument = jsonSchema(for: catalog)
        var options = DatabaseConfiguration()
        options.readers = configuration.readerConnections
        options.queryTimeout = Double(configuration.queryTimeoutMilliseconds) / 1000
        options.writerCacheKiB = configuration.writerCacheMB * 1024
        options.readerCacheKiB = configuration.readerCacheMB * 1024
        options.synchronous =
            DatabaseConfiguration.Synchronous(rawValue: configuration.synchronous.uppercased()) ?? .full
        database = try Database(path: configuration.database, configuration: options)
        let migrator = try Migrator(directory: URL(fileURLWithPath: configuration.migrationsDirectory))
        _ = try migrator.migrate(database)
        keys = KeyStore(database: database)
        rateLimiter = RateLimiter(limitPerMinute: configuration.rateLimitPerMinute)
        let (count, seq) = try database.read(timeout: nil) { db in
            (try AssessmentReads.activeCount(in: db), try AssessmentReads.lastSeq(in: db))
        }
        activeAssessments = Atomic(count)
        feed = ChangeFeed(lastSeq: seq)
    }

    /// The schema version served in documents and /health.
    var schemaVersion: String { catalog.version }

    /// Wakes change-feed clients after a commit and keeps the active count.
    func didCommit(seq: Int64, activeDelta: Int64) {
        if activeDelta != 0 { activeAssessments.add(activeDelta, ordering: .relaxed) }
        feed.publish(upTo: seq)
    }

    /// Closes the database (after the server has stopped).
    public func close() { database.close() }
}
