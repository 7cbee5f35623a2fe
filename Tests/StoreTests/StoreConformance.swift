import Assessments
import Store
import Testing

/// What every `AssessmentStore` must do, written against the protocol alone (no engine, no SQL).
/// A backend's suite hands over a factory of fresh, empty stores and runs each check as a test;
/// each check makes its own store and closes it.
struct StoreConformance: Sendable {
    /// A fresh, empty store, migrated and ready.
    let make: @Sendable () throws -> any AssessmentStore

    /// Runs `body` on a fresh store and closes the store afterwards.
    func withStore(_ body: (any AssessmentStore) throws -> Void) throws {
        let store = try make()
        defer { store.close() }
        try body(store)
    }

    static let akmola = "kz-chestnut-akmola"
    static let tashkent = "uz-sierozem-tashkent"

    /// Every check, so that each backend runs all of them: a check added here runs everywhere.
    enum Check: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case createThenRead, identicalResubmissionIsUnchanged, differentContentConflicts, batchIsAllOrNothing
        case sameReferenceTwiceInOneCallConflicts, identicalDocumentTwiceInOneCallIsOneAssessment
        case reviseMakesNewRevision, stalePreconditionIsRefused, otherCountryIsForbidden, countryChangeIsRefused
        case reviseToTakenReferenceIsRefused, retractRemovesFromReads, unknownIDIsNotFound
        case pageFilters, pageSortOrders, keysetPaging, statisticsSamplesGrouped, siteVisitsInRange
        case changeFeed, keyLifecycle, idempotencyAnswerKept, healthAndCounts, closedStoreRefuses

        var testDescription: String { rawValue }
    }

    /// Runs one check; a check in `knownIssues` is expected to fail (and fails the run once it no
    /// longer does, so that the entry is removed).
    func run(_ check: Check, knownIssues: [Check: Comment] = [:]) throws {
        guard let issue = knownIssues[check] else { return try run(check) }
        withKnownIssue(issue) { try run(check) }
    }

    private func run(_ check: Check) throws {
        switch check {
        case .createThenRead: try createThenRead()
        case .identicalResubmissionIsUnchanged: try identicalResubmissionIsUnchanged()
        case .differentContentConflicts: try differentContentConflicts()
        case .batchIsAllOrNothing: try batchIsAllOrNothing()
        case .sameReferenceTwiceInOneCallConflicts: try sameReferenceTwiceInOneCallConflicts()
        case .identicalDocumentTwiceInOneCallIsOneAssessment: try identicalDocumentTwiceInOneCallIsOneAssessment()
        case .reviseMakesNewRevision: try reviseMakesNewRevision()
        case .stalePreconditionIsRefused: try stalePreconditionIsRefused()
        case .otherCountryIsForbidden: try otherCountryIsForbidden()
        case .countryChangeIsRefused: try countryChangeIsRefused()
        case .reviseToTakenReferenceIsRefused: try reviseToTakenReferenceIsRefused()
        case .retractRemovesFromReads: try retractRemovesFromReads()
        case .unknownIDIsNotFound: try unknownIDIsNotFound()
        case .pageFilters: try pageFilters()
        case .pageSortOrders: try pageSortOrders()
        case .keysetPaging: try keysetPaging()
        case .statisticsSamplesGrouped: try statisticsSamplesGrouped()
        case .siteVisitsInRange: try siteVisitsInRange()
        case .changeFeed: try changeFeed()
        case .keyLifecycle: try keyLifecycle()
        case .idempotencyAnswerKept: try idempotencyAnswerKept()
        case .healthAndCounts: try healthAndCounts()
        case .closedStoreRefuses: try closedStoreRefuses()
        }
    }

    // MARK: Create

    /// A created assessment reads back as stored: its id, revision 1, active, its country, and a
    /// representation carrying the server fields.
    func createThenRead() throws {
        try withStore { store in
            let submission = try ConformanceData.submission(Self.akmola)
            #expect(try store.activeCount() == 0)
            #expect(try store.lastChangeSeq() == 0)
            let outcomes = try store.createAndWait([submission]).get()
            try #require(outcomes.count == 1)
            guard case .created(let created, let seq) = outcomes[0] else {
                Issue.record("expected created, got \(brief(outcomes))")
                return
            }
            #expect(created.revision == 1)
            #expect(!created.isRetracted)
            #expect(created.country == "KZ")
            #expect(seq > 0)
            #expect(try store.lastChangeSeq() == seq)
            #expect(try store.activeCount() == 1)
            let read = try #require(try store.assessment(id: created.id))
            #expect(read == created)
            #expect(number("id", in: read.document) == Double(created.id))
            #expect(number("revision", in: read.document) == 1)
            #expect(string("status", in: read.document) == "active")
            #expect(string("reference", in: read.document) == submission.assessment.reference)
            #expect(string("submitted_by", in: read.document) == ConformanceData.author)
            let text = String(decoding: read.document, as: UTF8.self)
            #expect(text.contains("\"id\":"))
            #expect(text.contains("\"revision\":1"))
            // Served as the bytes written: the representation of the document with its server fields.
            let server = ServerFields(
                id: created.id, revision: 1, status: "active", submittedAt: ConformanceData.time(),
                submittedBy: ConformanceData.author, updatedAt: ConformanceData.time(),
                schemaVersion: try ConformanceData.catalog().version)
            #expect(read.document == submission.assessment.representation(server: server))
            let history = try #require(try store.history(id: created.id))
            #expect(history.map(\.action) == ["created"])
            #expect(history.first?.revision == 1)
            #expect(history.first?.recordedBy == ConformanceData.author)
            #expect(history.first?.recordedAt == ConformanceData.time())
            #expect(history.first?.document == read.document)
            #expect(try store.assessment(id: created.id + 1000) == nil)
            #expect(try store.history(id: created.id + 1000) == nil)
        }
    }

    /// The identical document again is `unchanged`, with the stored id, and writes nothing; in a
    /// batch beside a new document, only the new one is created.
    func identicalResubmissionIsUnchanged() throws {
        try withStore { store in
            let submission = try ConformanceData.submission(Self.akmola)
            let first = try store.store(submission)
            let seq = try store.lastChangeSeq()
            let again = try store.createAndWait(
                [submission], context: ConformanceData.admin(at: ConformanceData.time(5))
            )
            .get()
            guard case .unchanged(let stored) = again.first, again.count == 1 else {
                Issue.record("expected one unchanged, got \(brief(again))")
                return
            }
            #expect(stored == first)
            #expect(try store.lastChangeSeq() == seq)
            #expect(try store.changes(after: seq, limit: 10) == [])
            #expect(try store.activeCount() == 1)
            #expect(try store.assessment(id: first.id) == first)
            #expect(try store.history(id: first.id)?.count == 1)

            let other = try ConformanceData.submission(Self.tashkent)
            let mixed = try store.createAndWait([submission, other]).get()
            try #require(mixed.count == 2)
            guard case .unchanged(let kept) = mixed[0], case .created(let created, let createdSeq) = mixed[1] else {
                Issue.record("expected unchanged then created, got \(brief(mixed))")
                return
            }
            #expect(kept.id == first.id)
            #expect(created.id != first.id)
            #expect(createdSeq > seq)
            #expect(try store.activeCount() == 2)
        }
    }

    /// The same (country, reference) with other content is a conflict naming the stored id, and
    /// nothing of the call is written.
    func differentContentConflicts() throws {
        try withStore { store in
            let first = try store.store(ConformanceData.submission(Self.akmola))
            let seq = try store.lastChangeSeq()
            let changed = try ConformanceData.submission(Self.akmola, .init(notes: "Resurveyed after the fire"))
            let result = try store.createAndWait([changed])
            #expect(result.failure == .conflicts([Conflict(index: 0, existingID: first.id, isRetracted: false)]))
            #expect(try store.assessment(id: first.id) == first)
            #expect(try store.lastChangeSeq() == seq)
            #expect(try store.activeCount() == 1)
        }
    }

    /// A batch is all or nothing: a conflict in its third document stores none of the first two,
    /// and every conflicting document is listed.
    func batchIsAllOrNothing() throws {
        try withStore { store in
            let taken = try store.store(ConformanceData.submission(Self.akmola))
            let otherTaken = try store.store(ConformanceData.submission(Self.tashkent))
            let seq = try store.lastChangeSeq()
            let first = try ConformanceData.submission("kg-mountain-meadow-naryn")
            let second = try ConformanceData.submission("tj-sierozem-khatlon")
            let clash = try ConformanceData.submission(Self.akmola, .init(notes: "Another text"))
            let result = try store.createAndWait([first, second, clash])
            #expect(result.failure == .conflicts([Conflict(index: 2, existingID: taken.id, isRetracted: false)]))
            try expectNothingWritten(store, seq: seq, active: 2, references: [first, second])

            let otherClash = try ConformanceData.submission(Self.tashkent, .init(notes: "Another text"))
            let both = try store.createAndWait([clash, first, second, otherClash])
            #expect(
                both.failure
                    == .conflicts([
                        Conflict(index: 0, existingID: taken.id, isRetracted: false),
                        Conflict(index: 3, existingID: otherTaken.id, isRetracted: false),
                    ]))
            try expectNothingWritten(store, seq: seq, active: 2, references: [first, second])

            // Without the conflict the same documents go in.
            let stored = try store.store([first, second])
            #expect(stored.count == 2)
            #expect(try store.activeCount() == 4)
        }
    }

    /// Two documents of one call with the same (country, reference) and different content conflict,
    /// and nothing is written.
    func sameReferenceTwiceInOneCallConflicts() throws {
        try withStore { store in
            let kept = try store.store(ConformanceData.submission(Self.tashkent))
            let seq = try store.lastChangeSeq()
            let first = try ConformanceData.submission(Self.akmola)
            let second = try ConformanceData.submission(Self.akmola, .init(notes: "Second sheet of the same visit"))
            let result = try store.createAndWait([first, second])
            guard case .conflicts(let conflicts) = result.failure else {
                Issue.record("expected conflicts, got \(brief(result))")
                return
            }
            // The second names the first document of the call, not a row that was never kept.
            #expect(conflicts == [Conflict(index: 1, existingID: nil, isRetracted: false, duplicateOf: 0)])
            #expect(conflicts.allSatisfy { $0.existingID != kept.id })
            try expectNothingWritten(store, seq: seq, active: 1, references: [first])
        }
    }

    /// The identical document twice in one call is one assessment, named twice: created, then
    /// unchanged with the same id.
    func identicalDocumentTwiceInOneCallIsOneAssessment() throws {
        try withStore { store in
            let submission = try ConformanceData.submission(Self.akmola)
            let outcomes = try store.createAndWait([submission, submission]).get()
            guard outcomes.count == 2, case .created(let first, _) = outcomes[0],
                case .unchanged(let second) = outcomes[1]
            else {
                Issue.record("expected created then unchanged, got \(outcomes.map { "\($0)".prefix(40) })")
                return
            }
            #expect(first.id == second.id)
            #expect(try store.activeCount() == 1)
            #expect(try store.lastChangeSeq() == 1)
        }
    }

    /// Nothing changed since `seq`: no change, `active` assessments, none of `references` listed.
    func expectNothingWritten(
        _ store: any AssessmentStore, seq: Int64, active: Int64, references: [Submission],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(try store.lastChangeSeq() == seq, sourceLocation: sourceLocation)
        #expect(try store.changes(after: seq, limit: 10) == [], sourceLocation: sourceLocation)
        #expect(try store.activeCount() == active, sourceLocation: sourceLocation)
        for submission in references {
            var filter = AssessmentFilter()
            filter.country = submission.assessment.country
            filter.reference = submission.assessment.reference
            let page = try store.page(filter, limit: 10, after: nil, count: true, isBudgeted: true)
            #expect(
                page.items.map(\.id) == [], "\(submission.assessment.reference) stored", sourceLocation: sourceLocation)
        }
    }

    // MARK: Revise

    /// A correction with the current revision as precondition makes revision 2; the history keeps
    /// both documents and the reason; the derived rows follow the new document; the identical
    /// correction again is `unchanged`.
    func reviseMakesNewRevision() throws {
        try withStore { store in
            let original = try store.store(ConformanceData.submission(Self.akmola))
            let corrected = try ConformanceData.submission(
                Self.akmola, .init(sampledOn: "2023-06-14", notes: "Date corrected from the field sheet"))
            let outcome = try store.reviseAndWait(
                id: original.id, with: corrected, precondition: .revisions([1]), reason: "wrong date",
                context: ConformanceData.admin(at: ConformanceData.time(60))
            ).get()
            guard case .revised(let revised, let seq) = outcome else {
                Issue.record("expected revised, got \(brief(outcome))")
                return
            }
            #expect(revised.id == original.id)
            #expect(revised.revision == 2)
            #expect(!revised.isRetracted)
            #expect(revised.country == "KZ")
            #expect(try store.lastChangeSeq() == seq)
            let read = try #require(try store.assessment(id: original.id))
            #expect(read == revised)
            #expect(number("id", in: read.document) == Double(original.id))
            #expect(number("revision", in: read.document) == 2)
            #expect(string("sampled_on", in: read.document) == "2023-06-14")
            #expect(string("submitted_at", in: read.document) == ConformanceData.time())
            let server = ServerFields(
                id: original.id, revision: 2, status: "active", submittedAt: ConformanceData.time(),
                submittedBy: ConformanceData.author, updatedAt: ConformanceData.time(60),
                schemaVersion: try ConformanceData.catalog().version)
            #expect(read.document == corrected.assessment.representation(server: server))
            let history = try #require(try store.history(id: original.id))
            try #require(history.count == 2)
            #expect(history.map(\.revision) == [1, 2])
            #expect(history.map(\.action) == ["created", "revised"])
            #expect(history[0].document == original.document)
            #expect(history[1].document == read.document)
            #expect(history[1].reason == "wrong date")
            #expect(history[1].recordedAt == ConformanceData.time(60))
            #expect(history[1].recordedBy == ConformanceData.author)
            #expect(try store.activeCount() == 1)

            // Lists and statistics see the corrected date only.
            var filter = AssessmentFilter()
            filter.from = "2024-01-01"
            #expect(try store.page(filter, limit: 10, after: nil, count: false, isBudgeted: true).items.isEmpty)
            filter.from = "2023-06-14"
            filter.to = "2023-06-14"
            let listed = try store.page(filter, limit: 10, after: nil, count: false, isBudgeted: true)
            #expect(listed.items.map(\.id) == [original.id])
            #expect(listed.items.first?.document == read.document)
            var statistics = StatisticsFilter(indicators: ["soc"])
            statistics.grouping = .year
            let samples = try store.statisticsSamples(statistics)
            #expect(samples.keys.sorted() == ["2023"])
            #expect(
                samples["2023"]?["soc"]?.count == corrected.assessment.measurementRows.count { $0.indicator == "soc" })

            let again = try store.reviseAndWait(id: original.id, with: corrected, precondition: .any).get()
            guard case .unchanged(let same) = again else {
                Issue.record("expected unchanged, got \(brief(again))")
                return
            }
            #expect(same == read)
            #expect(try store.lastChangeSeq() == seq)
            #expect(try store.history(id: original.id)?.count == 2)
        }
    }

    /// A precondition naming an old revision is `stale` with the current one, for corrections and
    /// retractions alike, and writes nothing.
    func stalePreconditionIsRefused() throws {
        try withStore { store in
            let original = try store.store(ConformanceData.submission(Self.akmola))
            let second = try ConformanceData.submission(Self.akmola, .init(notes: "Second version"))
            _ = try store.reviseAndWait(id: original.id, with: second, precondition: .revisions([1])).get()
            let seq = try store.lastChangeSeq()
            let current = try #require(try store.assessment(id: original.id))
            #expect(current.revision == 2)
            let third = try ConformanceData.submission(Self.akmola, .init(notes: "Third version"))
            let stale = try store.reviseAndWait(id: original.id, with: third, precondition: .revisions([1]))
            #expect(stale.failure == .stale(currentRevision: 2))
            let staleRetraction = try store.retractAndWait(id: original.id, precondition: .revisions([1, 3]))
            #expect(staleRetraction.failure == .stale(currentRevision: 2))
            #expect(try store.assessment(id: original.id) == current)
            #expect(try store.lastChangeSeq() == seq)
            // A set that holds the current revision passes.
            let passed = try store.reviseAndWait(id: original.id, with: third, precondition: .revisions([1, 2]))
            guard case .revised(let revised, _) = try passed.get() else {
                Issue.record("expected revised, got \(brief(passed))")
                return
            }
            #expect(revised.revision == 3)
        }
    }

    /// A writer limited to another country may neither correct nor retract; its own country may.
    func otherCountryIsForbidden() throws {
        try withStore { store in
            let original = try store.store(ConformanceData.submission(Self.akmola))
            let corrected = try ConformanceData.submission(Self.akmola, .init(notes: "Corrected"))
            let uzbek = try ConformanceData.submitter("UZ")
            let revise = try store.reviseAndWait(id: original.id, with: corrected, context: uzbek)
            #expect(revise.failure == .forbidden(country: "KZ"))
            let retract = try store.retractAndWait(id: original.id, context: uzbek)
            #expect(retract.failure == .forbidden(country: "KZ"))
            #expect(try store.assessment(id: original.id) == original)
            let own = try store.reviseAndWait(
                id: original.id, with: corrected, context: ConformanceData.submitter("KZ"))
            guard case .revised(let revised, _) = try own.get() else {
                Issue.record("expected revised, got \(brief(own))")
                return
            }
            #expect(revised.revision == 2)
            #expect(try store.history(id: original.id)?.last?.recordedBy == "conformance-kz")
        }
    }

    /// A correction may not move an assessment to another country.
    func countryChangeIsRefused() throws {
        try withStore { store in
            let submission = try ConformanceData.submission(Self.akmola)
            let original = try store.store(submission)
            let moved = try ConformanceData.submission(
                Self.tashkent, .init(reference: submission.assessment.reference))
            #expect(moved.assessment.country == "UZ")
            let result = try store.reviseAndWait(id: original.id, with: moved, precondition: .revisions([1]))
            #expect(result.failure == .identityChanged(field: "country"))
            #expect(try store.assessment(id: original.id) == original)
            #expect(try store.history(id: original.id)?.count == 1)
        }
    }

    /// A correction may not take the reference of another assessment of its country.
    func reviseToTakenReferenceIsRefused() throws {
        try withStore { store in
            let first = try store.store(ConformanceData.submission(Self.akmola))
            let second = try store.store(
                ConformanceData.submission(Self.akmola, .init(reference: "KZ-CONF-2", siteID: "AKM-0043")))
            let renamed = try ConformanceData.submission(Self.akmola, .init(reference: "KZ-CONF-2"))
            let result = try store.reviseAndWait(id: first.id, with: renamed)
            #expect(result.failure == .referenceTaken(existingID: second.id))
            #expect(try store.assessment(id: first.id) == first)
        }
    }

    // MARK: Retract

    /// A retraction is a state and a revision: the assessment reads back retracted, leaves lists
    /// and statistics, keeps its history, and can be neither retracted, corrected nor resubmitted.
    func retractRemovesFromReads() throws {
        try withStore { store in
            let gone = try store.store(ConformanceData.submission(Self.akmola))
            let kept = try store.store(ConformanceData.submission(Self.tashkent))
            let seq = try store.retractAndWait(
                id: gone.id, precondition: .revisions([1]), reason: "duplicate of another survey",
                context: ConformanceData.admin(at: ConformanceData.time(90))
            ).get()
            #expect(try store.lastChangeSeq() == seq)
            let read = try #require(try store.assessment(id: gone.id))
            #expect(read.isRetracted)
            #expect(read.revision == 2)
            #expect(read.country == "KZ")
            #expect(try store.activeCount() == 1)

            let all = try store.page(AssessmentFilter(), limit: 10, after: nil, count: true, isBudgeted: true)
            #expect(all.items.map(\.id) == [kept.id])
            #expect(all.total == 1)
            var kazakh = AssessmentFilter()
            kazakh.country = "KZ"
            #expect(try store.page(kazakh, limit: 10, after: nil, count: true, isBudgeted: true).total == 0)

            var statistics = StatisticsFilter(indicators: ["soc", StatisticsFilter.derivedStock])
            statistics.grouping = .country
            let samples = try store.statisticsSamples(statistics)
            #expect(samples.keys.sorted() == ["UZ"])
            let uzbek = try ConformanceData.assessment(Self.tashkent)
            #expect(samples["UZ"]?["soc"]?.count == uzbek.measurementRows.count { $0.indicator == "soc" })
            #expect(samples["UZ"]?[StatisticsFilter.derivedStock]?.count == 1)
            #expect(try store.siteVisits(country: "KZ", regions: [], from: "1900-01-01", to: "2100-12-31").isEmpty)

            let history = try #require(try store.history(id: gone.id))
            #expect(history.map(\.action) == ["created", "retracted"])
            #expect(history.map(\.revision) == [1, 2])
            #expect(history[0].document == gone.document)
            #expect(history.last?.document == nil)
            #expect(history.last?.reason == "duplicate of another survey")
            #expect(history.last?.recordedAt == ConformanceData.time(90))

            let again = try store.retractAndWait(id: gone.id)
            #expect(again.failure == .retracted(id: gone.id))
            let corrected = try ConformanceData.submission(Self.akmola, .init(notes: "Corrected"))
            let revise = try store.reviseAndWait(id: gone.id, with: corrected)
            #expect(revise.failure == .retracted(id: gone.id))
            let resubmitted = try store.createAndWait([ConformanceData.submission(Self.akmola)])
            #expect(resubmitted.failure == .conflicts([Conflict(index: 0, existingID: gone.id, isRetracted: true)]))
            #expect(try store.lastChangeSeq() == seq)
            #expect(try store.history(id: gone.id)?.count == 2)
        }
    }

    /// Corrections and retractions of an id that was never stored are `notFound`.
    func unknownIDIsNotFound() throws {
        try withStore { store in
            let stored = try store.store(ConformanceData.submission(Self.akmola))
            let unknown = stored.id + 4242
            let corrected = try ConformanceData.submission(Self.akmola, .init(notes: "Corrected"))
            #expect(try store.reviseAndWait(id: unknown, with: corrected).failure == .notFound)
            #expect(try store.retractAndWait(id: unknown).failure == .notFound)
            #expect(try store.retractAndWait(id: unknown, precondition: .revisions([1])).failure == .notFound)
            #expect(try store.assessment(id: stored.id) == stored)
        }
    }
}
