import Assessments
import Foundation
import HTTP
import Locking
import Messages
import Store

/// The application: catalogs, the store and the shared state of handlers. Built once at start;
/// `makeRouter()` gives the HTTP layer its responder. Tests build one over a temporary file.
public final class Application: Sendable {
    public let configuration: Configuration
    let catalog: Catalog
    let validator: Validator
    /// Every human-facing text, in English and Russian.
    let messages: MessageCatalog
    /// The spreadsheet column names of `Config/schema/import-columns.json`.
    let importColumns: ImportColumns
    /// Where assessments, keys and the change feed live.
    public let store: any AssessmentStore
    let metrics = Metrics()
    /// The change feed and the active count, kept as writes commit.
    let commits: Commits
    /// Admission, languages, conditional requests and problems, shared by every handler.
    let exchange: Exchange
    /// `Idempotency-Key` requests: in flight and kept answers.
    let idempotency: IdempotencyKeys
    /// Costly answers (SDG 15.3.1, the SO1-3 table) kept by entity tag, shared by all clients.
    let answers = AnswerCache(capacity: 64 << 20)
    /// `GET /v1/schema`'s body, built once from the catalog.
    let schemaDocument: [UInt8]
    /// `GET /openapi.json`'s body, built once.
    let openAPIDocument: [UInt8]
    /// The member countries' codes, from the catalog.
    let countries: Set<String>
    /// The server, once serving, for the open-connections gauge.
    let server = Locked<Server?>(nil)
    static let version = "0.1.0"

    /// Loads the catalogs, opens and migrates the database.
    public init(configuration: Configuration) throws {
        self.configuration = configuration
        catalog = try Catalog.load(from: URL(fileURLWithPath: configuration.schemaDirectory))
        messages = try MessageCatalog.load(from: URL(fileURLWithPath: configuration.messagesDirectory))
        validator = Validator(catalog: catalog)
        importColumns = try ImportColumns.load(
            from: URL(fileURLWithPath: configuration.schemaDirectory), catalog: catalog, messages: messages)
        countries = Set(catalog.countries.map(\.code))
        schemaDocument = jsonSchema(for: catalog)
        openAPIDocument = OpenAPI.document(
            OpenAPI.Context(
                catalog: catalog, maxBatchDocuments: configuration.maxBatchDocuments,
                isPublicRead: configuration.publicRead, isPublicReadOGC: configuration.publicReadOGC))
        store = try Application.openStore(configuration, indicators: Set(catalog.statisticsCodes))
        commits = Commits(lastSeq: try store.lastChangeSeq(), activeAssessments: try store.activeCount())
        // Another server's commit on the same database (PostgreSQL) wakes this one's long polls too.
        let commits = self.commits
        store.onExternalCommit { seq, activeDelta in commits.didCommit(seq: seq, activeDelta: activeDelta) }
        exchange = Exchange(
            keys: KeyStore(store: store), publicRead: configuration.publicRead,
            rateLimiter: RateLimiter(limitPerMinute: configuration.rateLimitPerMinute), messages: messages,
            feed: commits.feed, publicReadOGC: configuration.publicReadOGC,
            publicCoordinateDecimals: configuration.publicCoordinateDecimals)
        idempotency = IdempotencyKeys(store: store, retentionHours: configuration.idempotencyRetentionHours)
    }

    /// The store the configuration names: a `postgresql://` URL is PostgreSQL, anything else an
    /// SQLite file path.
    static func openStore(_ configuration: Configuration, indicators: Set<String>) throws -> any AssessmentStore {
        let migrations = URL(fileURLWithPath: configuration.migrationsDirectory)
        if PostgreSQLStore.isURL(configuration.database) {
            var options = PostgreSQLStore.Options()
            // The readers, and two for writes and the change listener's neighbours.
            options.connections = configuration.readerConnections + 2
            options.queryTimeout = Double(configuration.queryTimeoutMilliseconds) / 1000
            return try PostgreSQLStore(
                url: configuration.database, options: options, migrations: migrations, indicators: indicators)
        }
        var options = SQLiteStore.Options()
        options.readers = configuration.readerConnections
        options.queryTimeout = Double(configuration.queryTimeoutMilliseconds) / 1000
        options.writerCacheMB = configuration.writerCacheMB
        options.readerCacheMB = configuration.readerCacheMB
        options.synchronous = configuration.synchronous
        return try SQLiteStore(
            path: configuration.database, options: options, migrations: migrations, indicators: indicators)
    }

    /// What the OpenAPI document was built from (tests build its operation table again).
    var openAPIContext: OpenAPI.Context {
        OpenAPI.Context(
            catalog: catalog, maxBatchDocuments: configuration.maxBatchDocuments,
            isPublicRead: configuration.publicRead, isPublicReadOGC: configuration.publicReadOGC)
    }

    /// The schema version served in documents and /health.
    var schemaVersion: String { catalog.version }

    /// The change feed (tests wait on its parked clients).
    var feed: ChangeFeed { commits.feed }

    /// Closes the store (after the server has stopped).
    public func close() { store.close() }
}
