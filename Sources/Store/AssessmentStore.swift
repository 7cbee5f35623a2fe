import Assessments

/// The store at the level of the domain: what the application asks of a database, whatever the
/// engine. `SQLiteStore` implements it; a PostgreSQL store will sit beside it and pass the same
/// conformance tests. Writes answer through a completion once their commit is durable; reads
/// run on the caller's thread within the store's time budget. No HTTP here: refusals are
/// `StoreError`s, and the application words them.
public protocol AssessmentStore: Sendable {
    // MARK: Writes

    /// Stores new assessments, all or nothing: if any document's (country, reference) is taken by
    /// other content (stored, or an earlier document of the call), nothing is written and
    /// `conflicts` lists them. An identical resubmission is `unchanged`, within the call too (the
    /// same id twice). `idempotency` is kept in the same transaction.
    func create(
        _ submissions: [Submission], context: WriteContext, idempotency: IdempotencyWrite?,
        completion: @escaping @Sendable (Result<[CreateOutcome], StoreError>) -> Void)

    /// Makes a new revision from a full corrected document; the old one stays in the history.
    func revise(
        id: Int64, with submission: Submission, precondition: RevisionPrecondition, reason: String?,
        context: WriteContext, completion: @escaping @Sendable (Result<ReviseOutcome, StoreError>) -> Void)

    /// Retracts an assessment (a state and a revision, never a delete); answers the change's seq.
    func retract(
        id: Int64, precondition: RevisionPrecondition?, reason: String, context: WriteContext,
        completion: @escaping @Sendable (Result<Int64, StoreError>) -> Void)

    // MARK: Reads

    /// The current revision of one assessment, retracted or not.
    func assessment(id: Int64) throws(StoreError) -> StoredAssessment?

    /// Every revision, oldest first; nil when the assessment does not exist.
    func history(id: Int64) throws(StoreError) -> [RevisionEntry]?

    /// One page of active assessments matching `filter`, after `key`; `count` adds the total.
    /// `isBudgeted` false lifts the time budget (a streamed export reads page after page).
    func page(_ filter: AssessmentFilter, limit: Int, after key: PageKey?, count: Bool, isBudgeted: Bool)
        throws(StoreError) -> AssessmentPage

    /// Where and when the active assessments were sampled; nil when there are none.
    func extent() throws(StoreError) -> DataExtent?

    /// One page of measurements of active assessments matching `filter` (its `indicators` select
    /// measurements), after `key`; `count` adds the total.
    func measurementPage(_ filter: AssessmentFilter, limit: Int, after key: MeasurementKey?, count: Bool)
        throws(StoreError) -> MeasurementPage

    /// One measurement of an active assessment: its indicator in the layer starting at `topCm`.
    func measurement(assessmentID: Int64, indicator: String, topCm: Double) throws(StoreError) -> MeasurementRow?

    /// The samples of a statistics request, grouped.
    func statisticsSamples(_ filter: StatisticsFilter) throws(StoreError) -> StatisticsSamples

    /// Visits of active assessments from `from` to `to` (inclusive dates) in `regions`, or else in
    /// `country`: the series LDN is computed from.
    func siteVisits(country: String?, regions: [String], from: String, to: String) throws(StoreError) -> [LDNVisit]

    /// Every visit (active assessment) of one site, in no particular order.
    func siteVisits(country: String, siteID: String) throws(StoreError) -> [LDNVisit]

    /// Changes after `since`, oldest first; nil when `since` is older than the feed keeps or newer
    /// than any seq it gave (a restored database: the client must list again). `since` 0 is a new
    /// client's start: it answers from the oldest change kept, never nil.
    func changes(after since: Int64, limit: Int) throws(StoreError) -> [Change]?

    /// Active assessments stored.
    func activeCount() throws(StoreError) -> Int64

    /// The newest change-feed sequence number, 0 when empty.
    func lastChangeSeq() throws(StoreError) -> Int64

    // MARK: Keys and idempotency

    /// Stores a key's hash; answers its id. `duplicateKeyName` when the name is taken.
    func createKey(name: String, role: Role, country: String?, hash: [UInt8], at now: String) throws(StoreError)
        -> Int64

    /// Every key, oldest first.
    func keys() throws(StoreError) -> [KeyRecord]

    /// Revokes a key; false when there is no such active key.
    func revokeKey(id: Int64, at now: String) throws(StoreError) -> Bool

    /// The active key with this hash.
    func activeKey(hash: [UInt8]) throws(StoreError) -> KeyRecord?

    /// The first answer kept for this key's `Idempotency-Key` since `since`.
    func idempotencyAnswer(keyID: Int64, key: String, since: String) throws(StoreError) -> IdempotencyAnswer?

    // MARK: Health and maintenance

    /// Throws when the database does not answer.
    func checkHealth() throws(StoreError)

    /// Size of the database on disk, in bytes.
    var sizeInBytes: Int64 { get }

    /// Deletes idempotency answers and change-feed entries older than the cutoffs (the newest
    /// change always stays, so that the sequence never goes back).
    func purge(idempotencyBefore: String, changesBefore: String) throws(StoreError)

    /// Closes the store (after the server has stopped).
    func close()

    /// Calls `handler(seq, activeDelta)` after each commit made through another process on the
    /// same database (another landmon server on PostgreSQL), until `close`. A store that one
    /// process owns alone (SQLite) never calls it.
    func onExternalCommit(_ handler: @escaping @Sendable (_ seq: Int64, _ activeDelta: Int64) -> Void)
}

extension AssessmentStore {
    /// No other process writes this store.
    public func onExternalCommit(_ handler: @escaping @Sendable (_ seq: Int64, _ activeDelta: Int64) -> Void) {}
}
