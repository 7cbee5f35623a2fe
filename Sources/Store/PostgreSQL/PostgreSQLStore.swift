import Assessments
import Dispatch
import Foundation
import Locking
import PostgreSQL
import Synchronization

/// The store on a PostgreSQL database: a small pool of libpq connections, writes one at a time
/// per database (a transaction-level advisory lock, so several landmon servers on one database
/// give ids and change seqs in commit order), synchronous commit before any completion, reads
/// under `statement_timeout`. Every statement of this engine is in this folder.
public final class PostgreSQLStore: AssessmentStore {
    public struct Options: Sendable {
        /// Connections in the pool (reads and writes share it).
        public var connections = 6
        /// Time budget of a read, seconds (`statement_timeout`).
        public var queryTimeout = 2.0

        public init() {}
    }

    /// Whether `database` names a PostgreSQL database rather than an SQLite file.
    public static func isURL(_ database: String) -> Bool {
        database.hasPrefix("postgresql://") || database.hasPrefix("postgres://")
    }

    /// The advisory lock every write holds until its commit ("landmon").
    static let writeLock: Int64 = 0x6C61_6E64_6D6F_6E00
    /// The channel a commit notifies; other servers `LISTEN` to it.
    public static let changesChannel = "landmon_changes"

    /// The pool underneath (tests and the transfer reach SQL through it; the application never does).
    public let pool: PGPool
    let options: Options
    let indicators: Set<String>
    /// Writes run here one after another; the completion runs after the commit.
    private let writes = DispatchQueue(label: "landmon.postgresql.writes")
    /// This store's name in its commit notifications, so that its own are told from others'.
    let origin = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    let isClosed = Atomic<Bool>(false)
    /// Signalled when the listener of `onExternalCommit` has stopped (nil: none runs).
    let listenerStopped = Locked<DispatchSemaphore?>(nil)

    /// Connects to `url` and applies the pending migrations of `migrations/postgresql`
    /// (`migrations` is the package's `Migrations` folder, as for SQLite).
    public init(url: String, options: Options = Options(), migrations: URL, indicators: Set<String>) throws {
        pool = try PGPool(url: url, size: options.connections)
        do {
            let migrator = try PGMigrator(directory: PostgreSQLStore.dialectFolder(migrations))
            _ = try pool.withConnection(timeout: nil) { try migrator.migrate($0) }
        } catch {
            pool.close()
            throw error
        }
        self.options = options
        self.indicators = indicators
    }

    static func dialectFolder(_ migrations: URL) -> URL { migrations.appendingPathComponent("postgresql") }

    // MARK: Writes

    /// `body` in one transaction holding the write lock, on the write queue; `notice` names the
    /// newest change seq and the change in active assessments of its result, notified to the other
    /// servers with the commit (`pg_notify`); `completion` after the commit, errors in the store's
    /// words.
    private func asyncWrite<T: Sendable>(
        _ body: @escaping @Sendable (PGConnection) throws -> T,
        notice: @escaping @Sendable (T) -> (seq: Int64, activeDelta: Int64)? = { _ in nil },
        completion: @escaping @Sendable (Result<T, StoreError>) -> Void
    ) {
        let pool = self.pool
        let origin = self.origin
        writes.async {
            let result = Result { () throws -> T in
                try pool.transaction(timeout: nil) { db in
                    try db.run("SELECT pg_advisory_xact_lock(?)", [PostgreSQLStore.writeLock])
                    let value = try body(db)
                    if let notice = notice(value) {
                        try db.run(
                            "SELECT pg_notify(?, ?)",
                            [PostgreSQLStore.changesChannel, "\(origin) \(notice.seq) \(notice.activeDelta)"])
                    }
                    return value
                }
            }
            completion(result.mapError(StoreError.postgreSQL))
        }
    }

    /// A write, waited for.
    func writing<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) throws(StoreError) -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        asyncWrite(body) { result in
            box.result = result
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    public func create(
        _ submissions: [Submission], context: WriteContext, idempotency: IdempotencyWrite?,
        completion: @escaping @Sendable (Result<[CreateOutcome], StoreError>) -> Void
    ) {
        asyncWrite(
            { db -> [CreateOutcome] in
                var outcomes: [CreateOutcome] = []
                var conflicts = SQLiteStore.repeatedPairs(submissions)
                let repeated = Set(conflicts.map(\.index))
                for (index, submission) in submissions.enumerated() where !repeated.contains(index) {
                    switch try PGAssessmentWrites.create(submission, context: context, in: db) {
                    case .stored(let outcome): outcomes.append(outcome)
                    case .conflict(let id, let isRetracted):
                        conflicts.append(Conflict(index: index, existingID: id, isRetracted: isRetracted))
                    }
                }
                // Thrown inside the transaction: it is rolled back, nothing of the call stays.
                if !conflicts.isEmpty { throw StoreError.conflicts(conflicts.sorted { $0.index < $1.index }) }
                if let idempotency {
                    try PGKeyRecords.keep(idempotency.answer(outcomes), for: idempotency, at: context.now, in: db)
                }
                return outcomes
            },
            notice: { outcomes in
                var seq: Int64 = 0
                var created: Int64 = 0
                for case .created(_, let createdSeq) in outcomes {
                    seq = max(seq, createdSeq)
                    created += 1
                }
                return created > 0 ? (seq, created) : nil
            }, completion: completion)
    }

    public func revise(
        id: Int64, with submission: Submission, precondition: RevisionPrecondition, reason: String?,
        context: WriteContext, completion: @escaping @Sendable (Result<ReviseOutcome, StoreError>) -> Void
    ) {
        let indicators = self.indicators
        asyncWrite(
            { db in
                try PGAssessmentWrites.revise(
                    id: id, with: submission, precondition: precondition, reason: reason, context: context,
                    indicators: indicators, in: db)
            },
            notice: { outcome in
                guard case .revised(_, let seq) = outcome else { return nil }
                return (seq, 0)
            }, completion: completion)
    }

    public func retract(
        id: Int64, precondition: RevisionPrecondition?, reason: String, context: WriteContext,
        completion: @escaping @Sendable (Result<Int64, StoreError>) -> Void
    ) {
        let indicators = self.indicators
        asyncWrite(
            { db in
                try PGAssessmentWrites.retract(
                    id: id, precondition: precondition, reason: reason, context: context, indicators: indicators,
                    in: db)
            }, notice: { seq in (seq, -1) }, completion: completion)
    }

    // MARK: Reads

    /// A read on the pool under the time budget (none when `isBudgeted` is false).
    func reading<T>(isBudgeted: Bool = true, _ body: (PGConnection) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.withConnection(timeout: isBudgeted ? options.queryTimeout : nil, body)
        } catch {
            throw StoreError.postgreSQL(error)
        }
    }

    public func assessment(id: Int64) throws(StoreError) -> StoredAssessment? {
        try reading { try PGAssessmentReads.find(id: id, in: $0) }
    }

    public func history(id: Int64) throws(StoreError) -> [RevisionEntry]? {
        try reading { try PGAssessmentReads.history(id: id, in: $0) }
    }

    public func page(_ filter: AssessmentFilter, limit: Int, after key: PageKey?, count: Bool, isBudgeted: Bool)
        throws(StoreError) -> AssessmentPage
    {
        try reading(isBudgeted: isBudgeted) {
            try PGAssessmentReads.page(filter, limit: limit, after: key, count: count, in: $0)
        }
    }

    public func extent() throws(StoreError) -> DataExtent? {
        try reading { try PGFeatureReads.extent(in: $0) }
    }

    public func measurementPage(_ filter: AssessmentFilter, limit: Int, after key: MeasurementKey?, count: Bool)
        throws(StoreError) -> MeasurementPage
    {
        try reading { try PGFeatureReads.page(filter, limit: limit, after: key, count: count, in: $0) }
    }

    public func measurement(assessmentID: Int64, indicator: String, topCm: Double) throws(StoreError)
        -> MeasurementRow?
    {
        try reading {
            try PGFeatureReads.measurement(assessmentID: assessmentID, indicator: indicator, topCm: topCm, in: $0)
        }
    }

    public func statisticsSamples(_ filter: StatisticsFilter) throws(StoreError) -> StatisticsSamples {
        try reading { try PGStatisticsReads.samples(filter, in: $0) }
    }

    public func siteVisits(country: String?, regions: [String], from: String, to: String) throws(StoreError)
        -> [LDNVisit]
    {
        try reading { try PGSiteVisitReads.visits(country: country, regions: regions, from: from, to: to, in: $0) }
    }

    public func siteVisits(country: String, siteID: String) throws(StoreError) -> [LDNVisit] {
        try reading { try PGSiteVisitReads.visits(country: country, siteID: siteID, in: $0) }
    }

    public func changes(after since: Int64, limit: Int) throws(StoreError) -> [Change]? {
        try reading { try PGChangeReads.after(since, limit: limit, in: $0) }
    }

    public func activeCount() throws(StoreError) -> Int64 {
        try reading(isBudgeted: false) { try PGAssessmentReads.activeCount(in: $0) }
    }

    public func lastChangeSeq() throws(StoreError) -> Int64 {
        try reading(isBudgeted: false) { try PGAssessmentReads.lastSeq(in: $0) }
    }

    // MARK: Keys and idempotency

    public func createKey(name: String, role: Role, country: String?, hash: [UInt8], at now: String)
        throws(StoreError) -> Int64
    {
        try writing { try PGKeyRecords.create(name: name, role: role, country: country, hash: hash, at: now, in: $0) }
    }

    public func keys() throws(StoreError) -> [KeyRecord] {
        try reading { try PGKeyRecords.all(in: $0) }
    }

    public func revokeKey(id: Int64, at now: String) throws(StoreError) -> Bool {
        // Every request reads its key from the database: the other servers refuse it at once.
        try writing { try PGKeyRecords.revoke(id: id, at: now, in: $0) }
    }

    public func activeKey(hash: [UInt8]) throws(StoreError) -> KeyRecord? {
        try reading { try PGKeyRecords.active(hash: hash, in: $0) }
    }

    public func idempotencyAnswer(keyID: Int64, key: String, since: String) throws(StoreError) -> IdempotencyAnswer? {
        try reading { try PGKeyRecords.answer(keyID: keyID, key: key, since: since, in: $0) }
    }

    // MARK: Health and maintenance

    public func checkHealth() throws(StoreError) {
        _ = try reading { db in try db.first("SELECT 1", []) { $0.int(0) } }
    }

    public var sizeInBytes: Int64 {
        (try? reading(isBudgeted: false) { db in
            try db.first("SELECT pg_database_size(current_database())", []) { $0.int(0) }
        }) ?? nil ?? 0
    }

    public func purge(idempotencyBefore: String, changesBefore: String) throws(StoreError) {
        try writing { db in
            try db.run("DELETE FROM idempotency_records WHERE created_at < ?", [idempotencyBefore])
            try db.run("DELETE FROM changes WHERE at < ? AND seq < (SELECT max(seq) FROM changes)", [changesBefore])
        }
    }

    /// Waits for the queued writes and the listener, then closes every connection.
    public func close() {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        writes.sync {}
        listenerStopped.withLock { $0 }?.wait()
        pool.close()
    }
}

/// A result handed from the write queue to a waiting caller.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    // @unchecked: written once on the write queue before the semaphore is signalled, read after.
    var result: Result<T, StoreError>?
}

extension StoreError {
    /// The store's words for a PostgreSQL failure.
    static func postgreSQL(_ error: any Error) -> StoreError {
        switch error {
        case let error as StoreError: return error
        case let error as PGError:
            if error.message == PGError.closed.message && error.sqlState.isEmpty { return .closed }
            if error.isFull { return .full }
            if error.isCanceled { return .timeout }
            if error.isBusy { return .busy }
            return .failed(error.description)
        default: return .failed(String(describing: error))
        }
    }
}
