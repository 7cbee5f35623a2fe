import Assessments
import Store
import Testing

/// The change feed, keys, idempotency answers, health and closing.
extension StoreConformance {
    /// The feed lists creations, corrections and retractions in seq order; a `since` newer than
    /// the last seq is nil; purging keeps the newest entry, and a `since` older than what is kept
    /// is nil.
    func changeFeed() throws {
        try withStore { store in
            #expect(try store.changes(after: 0, limit: 10) == [])
            let first = try store.createAndWait(
                [ConformanceData.submission(Self.akmola)], context: ConformanceData.admin(at: ConformanceData.time(1))
            ).get()
            let second = try store.createAndWait(
                [ConformanceData.submission(Self.tashkent)], context: ConformanceData.admin(at: ConformanceData.time(2))
            ).get()
            guard case .created(let a, let seqA) = first.first, case .created(let b, let seqB) = second.first else {
                Issue.record("expected two creations, got \(brief(first)) and \(brief(second))")
                return
            }
            let corrected = try ConformanceData.submission(Self.akmola, .init(notes: "Corrected"))
            guard
                case .revised(_, let seqR) = try store.reviseAndWait(
                    id: a.id, with: corrected, context: ConformanceData.admin(at: ConformanceData.time(3))
                ).get()
            else {
                Issue.record("expected a revision")
                return
            }
            let seqX = try store.retractAndWait(id: b.id, context: ConformanceData.admin(at: ConformanceData.time(4)))
                .get()

            let all = try #require(try store.changes(after: 0, limit: 100))
            #expect(all.map(\.seq) == [seqA, seqB, seqR, seqX])
            #expect(all.map(\.seq) == all.map(\.seq).sorted() && Set(all.map(\.seq)).count == 4)
            #expect(all.map(\.id) == [a.id, b.id, a.id, b.id])
            #expect(all.map(\.kind) == ["created", "created", "revised", "retracted"])
            #expect(all.map(\.at) == (1...4).map { ConformanceData.time($0) })
            #expect(try store.lastChangeSeq() == seqX)
            #expect(try store.changes(after: 0, limit: 2) == Array(all.prefix(2)))
            #expect(try store.changes(after: seqB, limit: 10) == Array(all.suffix(2)))
            #expect(try store.changes(after: seqX, limit: 10) == [])
            #expect(try store.changes(after: seqX + 1, limit: 10) == nil)
            #expect(try store.changes(after: seqX + 1000, limit: 10) == nil)

            // A cutoff before every entry keeps them all.
            try store.purge(idempotencyBefore: "2000-01-01T00:00:00Z", changesBefore: "2000-01-01T00:00:00Z")
            #expect(try store.changes(after: 0, limit: 100) == all)
            // A cutoff between the creations and the rest drops the creations.
            try store.purge(idempotencyBefore: "2000-01-01T00:00:00Z", changesBefore: ConformanceData.time(3))
            #expect(try store.changes(after: seqB, limit: 10) == Array(all.suffix(2)))
            #expect(try store.changes(after: seqA, limit: 10) == nil)
            // A cutoff after everything keeps the newest entry, so the sequence never goes back.
            try store.purge(idempotencyBefore: "2000-01-01T00:00:00Z", changesBefore: "9999-12-31T23:59:59Z")
            #expect(try store.lastChangeSeq() == seqX)
            #expect(try store.changes(after: seqX - 1, limit: 10) == [all[3]])
            #expect(try store.changes(after: seqX, limit: 10) == [])
            #expect(try store.changes(after: seqA, limit: 10) == nil)
            #expect(try store.changes(after: seqB, limit: 10) == nil)

            let third = try store.createAndWait([ConformanceData.submission("kg-mountain-meadow-naryn")]).get()
            guard case .created(let c, let seqC) = third.first else {
                Issue.record("expected a creation, got \(brief(third))")
                return
            }
            #expect(seqC > seqX)
            let after = try store.changes(after: seqX, limit: 10)
            #expect(after?.map(\.id) == [c.id])
            #expect(after?.map(\.seq) == [seqC])
        }
    }

    /// Keys: created and found by hash while active, listed oldest first, names unique, revoked
    /// once.
    func keyLifecycle() throws {
        try withStore { store in
            #expect(try store.keys() == [])
            let agencyHash = [UInt8](repeating: 0xA1, count: 32)
            let analystHash = [UInt8](repeating: 0xB2, count: 32)
            let agency = try store.createKey(
                name: "agency-kz", role: .submitter, country: "KZ", hash: agencyHash, at: ConformanceData.time(1))
            let analyst = try store.createKey(
                name: "analyst", role: .reader, country: nil, hash: analystHash, at: ConformanceData.time(2))
            #expect(agency != analyst)

            let found = try #require(try store.activeKey(hash: agencyHash))
            #expect(found.id == agency)
            #expect(found.name == "agency-kz")
            #expect(found.role == .submitter)
            #expect(found.country == "KZ")
            #expect(found.createdAt == ConformanceData.time(1))
            #expect(found.revokedAt == nil)
            #expect(found.hash == agencyHash)
            #expect(try store.activeKey(hash: analystHash)?.country == nil)
            #expect(try store.activeKey(hash: [UInt8](repeating: 0xC3, count: 32)) == nil)
            #expect(try store.keys().map(\.id) == [agency, analyst])
            #expect(try store.keys().map(\.role) == [.submitter, .reader])

            #expect(throws: StoreError.duplicateKeyName) {
                try store.createKey(
                    name: "agency-kz", role: .admin, country: nil, hash: [UInt8](repeating: 0xD4, count: 32),
                    at: ConformanceData.time(3))
            }
            #expect(try store.keys().count == 2)

            #expect(try store.revokeKey(id: agency, at: ConformanceData.time(4)))
            #expect(try store.activeKey(hash: agencyHash) == nil)
            #expect(try store.keys().first?.revokedAt == ConformanceData.time(4))
            #expect(try store.keys().count == 2)
            #expect(try !store.revokeKey(id: agency, at: ConformanceData.time(5)))
            #expect(try store.keys().first?.revokedAt == ConformanceData.time(4))
            #expect(try !store.revokeKey(id: analyst + 1000, at: ConformanceData.time(5)))
            #expect(try store.activeKey(hash: analystHash)?.id == analyst)
        }
    }

    /// An idempotency answer is kept with the create that made it, found by key id and key since
    /// a time, never kept for a refused create, and purged.
    func idempotencyAnswerKept() throws {
        try withStore { store in
            let keyID = try store.createKey(
                name: "agency", role: .admin, country: nil, hash: [UInt8](repeating: 1, count: 32),
                at: ConformanceData.time())
            let requestHash: [UInt8] = Array("POST /v1/assessments\n{...}".utf8)
            func write(_ key: String) -> IdempotencyWrite {
                IdempotencyWrite(keyID: keyID, key: key, requestHash: requestHash) { outcomes in
                    let stored = outcomes.first?.stored
                    return IdempotencyAnswer(
                        requestHash: requestHash, status: 201,
                        headers: [
                            .init(name: "Content-Type", value: "application/json"),
                            .init(name: "Location", value: "/v1/assessments/\(stored?.id ?? 0)"),
                            .init(name: "ETag", value: "\"r1\""),
                        ], body: stored?.document ?? [])
                }
            }
            let created = try store.createAndWait(
                [ConformanceData.submission(Self.akmola)], context: ConformanceData.admin(at: ConformanceData.time(10)),
                idempotency: write("first-request")
            ).get()
            let stored = try #require(created.first?.stored)
            let answer = try #require(
                try store.idempotencyAnswer(keyID: keyID, key: "first-request", since: ConformanceData.time(5)))
            #expect(answer.requestHash == requestHash)
            #expect(answer.status == 201)
            #expect(answer.headers.map(\.name) == ["Content-Type", "Location", "ETag"])
            #expect(answer.headers.map(\.value) == ["application/json", "/v1/assessments/\(stored.id)", "\"r1\""])
            #expect(answer.body == stored.document)
            #expect(
                try store.idempotencyAnswer(keyID: keyID, key: "first-request", since: ConformanceData.time(10)) != nil)
            #expect(
                try store.idempotencyAnswer(keyID: keyID, key: "first-request", since: ConformanceData.time(11)) == nil)
            #expect(
                try store.idempotencyAnswer(keyID: keyID + 1, key: "first-request", since: ConformanceData.time())
                    == nil)
            #expect(
                try store.idempotencyAnswer(keyID: keyID, key: "other-request", since: ConformanceData.time()) == nil)

            // A refused create keeps no answer.
            let conflicting = try ConformanceData.submission(Self.akmola, .init(notes: "Other content"))
            let refused = try store.createAndWait(
                [conflicting], context: ConformanceData.admin(at: ConformanceData.time(20)),
                idempotency: write("refused-request"))
            #expect(refused.failure == .conflicts([Conflict(index: 0, existingID: stored.id, isRetracted: false)]))
            #expect(
                try store.idempotencyAnswer(keyID: keyID, key: "refused-request", since: ConformanceData.time()) == nil)

            // Purged when older than the cutoff, kept when not.
            try store.purge(idempotencyBefore: ConformanceData.time(10), changesBefore: "2000-01-01T00:00:00Z")
            #expect(
                try store.idempotencyAnswer(keyID: keyID, key: "first-request", since: ConformanceData.time()) == answer
            )
            try store.purge(idempotencyBefore: ConformanceData.time(11), changesBefore: "2000-01-01T00:00:00Z")
            #expect(
                try store.idempotencyAnswer(keyID: keyID, key: "first-request", since: ConformanceData.time()) == nil)
            #expect(try store.assessment(id: stored.id) == stored)
        }
    }

    /// An open store is healthy and has a size; its active count follows creations and retractions.
    func healthAndCounts() throws {
        try withStore { store in
            try store.checkHealth()
            #expect(try store.activeCount() == 0)
            let stored = try store.store([
                ConformanceData.submission(Self.akmola), ConformanceData.submission(Self.tashkent),
                ConformanceData.submission("tm-takyr-ahal"),
            ])
            #expect(try store.activeCount() == 3)
            _ = try store.retractAndWait(id: stored[1].id).get()
            #expect(try store.activeCount() == 2)
            _ = try store.createAndWait([ConformanceData.submission(Self.akmola)]).get()
            #expect(try store.activeCount() == 2)
            try store.checkHealth()
            #expect(store.sizeInBytes > 0)
        }
    }

    /// After `close`, reads throw `closed` and writes answer `closed`.
    func closedStoreRefuses() throws {
        let store = try make()
        let stored = try store.store(ConformanceData.submission(Self.akmola))
        store.close()
        #expect(throws: StoreError.closed) { _ = try store.assessment(id: stored.id) }
        #expect(throws: StoreError.closed) { _ = try store.activeCount() }
        #expect(throws: StoreError.closed) {
            _ = try store.page(AssessmentFilter(), limit: 10, after: nil, count: false, isBudgeted: true)
        }
        #expect(throws: (any Error).self) { try store.checkHealth() }
        let write = try store.createAndWait([ConformanceData.submission(Self.tashkent)])
        #expect(write.failure == .closed)
    }
}
