import Assessments
import Foundation
import SQLite

/// The store on one SQLite file: one writer with group commit, a pool of readers, migrations
/// applied at open. Every SQL statement of the application is in this folder.
public final class SQLiteStore: AssessmentStore {
    /// How the file is opened.
    public struct Options: Sendable {
        public var readers = 4
        /// `full`, `normal` or `off`.
        public var synchronous = "full"
        public var writerCacheMB = 32
        public var readerCacheMB = 8
        /// Time budget of a read, seconds.
        public var queryTimeout = 2.0

        public init() {}

        var database: DatabaseConfiguration {
            var configuration = DatabaseConfiguration()
            configuration.readers = readers
            configuration.queryTimeout = queryTimeout
            configuration.writerCacheKiB = writerCacheMB * 1024
            configuration.readerCacheKiB = readerCacheMB * 1024
            configuration.synchronous = DatabaseConfiguration.Synchronous(rawValue: synchronous.uppercased()) ?? .full
            return configuration
        }
    }

    /// The database underneath (tests and benchmarks reach SQL through it; the application never does).
    public let database: Database
    /// Every indicator code of the catalog, to remove a revised assessment's measurement rows.
    let indicators: Set<String>

    /// Opens (creating) the file and applies pending migrations from `migrations`.
    public init(path: String, options: Options = Options(), migrations: URL, indicators: Set<String>) throws {
        database = try Database(path: path, configuration: options.database)
        do {
            _ = try Migrator(directory: migrations).migrate(database)
        } catch {
            database.close()
            throw error
        }
        self.indicators = indicators
    }

    // MARK: Writes

    public func create(
        _ submissions: [Submission], context: WriteContext, idempotency: IdempotencyWrite?,
        completion: @escaping @Sendable (Result<[CreateOutcome], StoreError>) -> Void
    ) {
        database.asyncWrite(
            { db -> [CreateOutcome] in
                var outcomes: [CreateOutcome] = []
                outcomes.reserveCapacity(submissions.count)
                // A pair twice in one call with other content conflicts; the identical document twice
                // is one assessment, named twice (the second finds the first and is `unchanged`).
                var conflicts = SQLiteStore.repeatedPairs(submissions)
                let repeated = Set(conflicts.map(\.index))
                for (index, submission) in submissions.enumerated() where !repeated.contains(index) {
                    switch try AssessmentWrites.create(submission, context: context, in: db) {
                    case .stored(let outcome): outcomes.append(outcome)
                    case .conflict(let id, let isRetracted):
                        conflicts.append(Conflict(index: index, existingID: id, isRetracted: isRetracted))
                    }
                }
                // Thrown inside the write: its savepoint is rolled back, nothing of the call stays.
                if !conflicts.isEmpty { throw StoreError.conflicts(conflicts.sorted { $0.index < $1.index }) }
                if let idempotency {
                    try KeyRecords.keep(idempotency.answer(outcomes), for: idempotency, at: context.now, in: db)
                }
                return outcomes
            },
            completion: { result in completion(result.mapError(StoreError.init)) })
    }

    public func revise(
        id: Int64, with submission: Submission, precondition: RevisionPrecondition, reason: String?,
        context: WriteContext, completion: @escaping @Sendable (Result<ReviseOutcome, StoreError>) -> Void
    ) {
        let indicators = self.indicators
        database.asyncWrite(
            { db in
                try AssessmentWrites.revise(
                    id: id, with: submission, precondition: precondition, reason: reason, context: context,
                    indicators: indicators, in: db)
            },
            completion: { result in completion(result.mapError(StoreError.init)) })
    }

    public func retract(
        id: Int64, precondition: RevisionPrecondition?, reason: String, context: WriteContext,
        completion: @escaping @Sendable (Result<Int64, StoreError>) -> Void
    ) {
        let indicators = self.indicators
        database.asyncWrite(
            { db in
                try AssessmentWrites.retract(
                    id: id, precondition: precondition, reason: reason, context: context, indicators: indicators, in: db
                )
            },
            completion: { result in completion(result.mapError(StoreError.init)) })
    }

    /// The documents whose (country, reference) an earlier document of the same call has with
    /// other content.
    static func repeatedPairs(_ submissions: [Submission]) -> [Conflict] {
        var first: [String: Int] = [:]
        var conflicts: [Conflict] = []
        for (index, submission) in submissions.enumerated() {
            let pair = submission.assessment.country + "\u{0}" + submission.assessment.reference
            if let earlier = first[pair] {
                guard submissions[earlier].contentHash != submission.contentHash else { continue }
                conflicts.append(Conflict(index: index, existingID: nil, isRetracted: false, duplicateOf: earlier))
            } else {
                first[pair] = index
            }
        }
        return conflicts
    }

    // MARK: Reads

    /// A read on the pool under the time budget (none when `isBudgeted` is false), errors in the store's words.
    func reading<T>(isBudgeted: Bool = true, _ body: (Connection) throws -> T) throws(StoreError) -> T {
        do {
            return isBudgeted ? try database.read(body) : try database.read(timeout: nil, body)
        } catch {
            throw StoreError(error)
        }
    }

    /// A write through group commit, waited for.
    func writing<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) throws(StoreError) -> T {
        do {
            return try database.write(body)
        } catch {
            throw StoreError(error)
        }
    }

    public func assessment(id: Int64) throws(StoreError) -> StoredAssessment? {
        try reading { try AssessmentReads.find(id: id, in: $0) }
    }

    public func history(id: Int64) throws(StoreError) -> [RevisionEntry]? {
        try reading { try AssessmentReads.history(id: id, in: $0) }
    }

    public func page(_ filter: AssessmentFilter, limit: Int, after key: PageKey?, count: Bool, isBudgeted: Bool)
        throws(StoreError) -> AssessmentPage
    {
        try reading(isBudgeted: isBudgeted) {
            try AssessmentReads.page(filter, limit: limit, after: key, count: count, in: $0)
        }
    }

    public func extent() throws(StoreError) -> DataExtent? {
        try reading { try FeatureReads.extent(in: $0) }
    }

    public func measurementPage(_ filter: AssessmentFilter, limit: Int, after key: MeasurementKey?, count: Bool)
        throws(StoreError) -> MeasurementPage
    {
        try reading { try FeatureReads.page(filter, limit: limit, after: key, count: count, in: $0) }
    }

    public func measurement(assessmentID: Int64, indicator: String, topCm: Double) throws(StoreError)
        -> MeasurementRow?
    {
        try reading {
            try FeatureReads.measurement(assessmentID: assessmentID, indicator: indicator, topCm: topCm, in: $0)
        }
    }

    public func statisticsSamples(_ filter: StatisticsFilter) throws(StoreError) -> StatisticsSamples {
        try reading { try StatisticsReads.samples(filter, in: $0) }
    }

    public func siteVisits(country: String?, regions: [String], from: String, to: String) throws(StoreError)
        -> [LDNVisit]
    {
        try reading { try SiteVisitReads.visits(country: country, regions: regions, from: from, to: to, in: $0) }
    }

    public func siteVisits(country: String, siteID: String) throws(StoreError) -> [LDNVisit] {
        try reading { try SiteVisitReads.visits(country: country, siteID: siteID, in: $0) }
    }

    public func changes(after since: Int64, limit: Int) throws(StoreError) -> [Change]? {
        try reading { try ChangeReads.after(since, limit: limit, in: $0) }
    }

    public func activeCount() throws(StoreError) -> Int64 {
        try reading(isBudgeted: false) { try AssessmentReads.activeCount(in: $0) }
    }

    public func lastChangeSeq() throws(StoreError) -> Int64 {
        try reading(isBudgeted: false) { try AssessmentReads.lastSeq(in: $0) }
    }

    // MARK: Keys and idempotency

    public func createKey(name: String, role: Role, country: String?, hash: [UInt8], at now: String)
        throws(StoreError) -> Int64
    {
        try writing { try KeyRecords.create(name: name, role: role, country: country, hash: hash, at: now, in: $0) }
    }

    public func keys() throws(StoreError) -> [KeyRecord] {
        try reading { try KeyRecords.all(in: $0) }
    }

    public func revokeKey(id: Int64, at now: String) throws(StoreError) -> Bool {
        try writing { try KeyRecords.revoke(id: id, at: now, in: $0) }
    }

    public func activeKey(hash: [UInt8]) throws(StoreError) -> KeyRecord? {
        try reading { try KeyRecords.active(hash: hash, in: $0) }
    }

    public func idempotencyAnswer(keyID: Int64, key: String, since: String) throws(StoreError) -> IdempotencyAnswer? {
        try reading { try KeyRecords.answer(keyID: keyID, key: key, since: since, in: $0) }
    }

    // MARK: Health and maintenance

    public func checkHealth() throws(StoreError) {
        _ = try reading { db in try db.first("SELECT 1", []) { $0.int(0) } }
    }

    public var sizeInBytes: Int64 { database.fileSize }

    public func purge(idempotencyBefore: String, changesBefore: String) throws(StoreError) {
        try writing { db in
            try db.run("DELETE FROM idempotency_records WHERE created_at < ?", [idempotencyBefore])
            try db.run("DELETE FROM changes WHERE at < ? AND seq < (SELECT max(seq) FROM changes)", [changesBefore])
        }
    }

    public func close() { database.close() }
}
