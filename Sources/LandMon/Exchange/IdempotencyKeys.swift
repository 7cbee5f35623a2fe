import Assessments
import Foundation
import HTTP
import Locking
import Messages
import Store

/// Idempotency-Key requests in flight, so that a second one with the same key gets 409.
final class IdempotencyGuard: Sendable {
    private let active = Locked<Set<String>>([])

    /// Marks a key busy; false when it already is.
    func begin(_ token: String) -> Bool { active.withLock { $0.insert(token).inserted } }

    func end(_ token: String) { _ = active.withLock { $0.remove(token) } }

    /// Keys in flight now (for tests that need a first request to be under way).
    var count: Int { active.withLock { $0.count } }
}

/// An `Idempotency-Key` request on its way to the store.
struct IdempotencyKey: Sendable {
    let keyID: Int64
    let key: String
    let requestHash: [UInt8]

    /// Header fields replayed with a kept answer: those that describe it.
    static let replayedHeaders = ["Content-Type", "Location", "ETag"]

    /// What the store keeps, in the write's transaction: the answer `render` gives for its outcomes.
    func write(_ render: @escaping @Sendable ([CreateOutcome]) -> Response) -> IdempotencyWrite {
        IdempotencyWrite(keyID: keyID, key: key, requestHash: requestHash) { outcomes in
            let response = render(outcomes)
            var body: [UInt8] = []
            if case .bytes(let bytes) = response.body { body = bytes }
            return IdempotencyAnswer(
                requestHash: requestHash, status: Int(response.status.code),
                headers: IdempotencyKey.replayedHeaders.compactMap { name in
                    response.headers[name].map { IdempotencyAnswer.Header(name: name, value: $0) }
                }, body: body)
        }
    }
}

/// `Idempotency-Key` requests: those in flight (a second one is 409) and the answers kept in the store.
struct IdempotencyKeys: Sendable {
    let store: any AssessmentStore
    /// How long answers are replayed.
    let retentionHours: Double
    /// Requests in flight now.
    let inFlight = IdempotencyGuard()

    /// Honours `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): the same key and body
    /// replay the first answer; another body is 422; a first request still in flight is 409.
    /// Without the header, `body` runs with no key.
    func run(
        _ request: Request, principal: Principal,
        done: @escaping @Sendable (Result<Response, any Error>) -> Void,
        _ body: (IdempotencyKey?, @escaping @Sendable (Result<Response, any Error>) -> Void) throws -> Void
    ) throws {
        guard let raw = request.headers["Idempotency-Key"] else { return try body(nil, done) }
        var key = trimmingOptionalWhitespace(raw)
        if key.count >= 2 && key.hasPrefix("\"") && key.hasSuffix("\"") { key = String(key.dropFirst().dropLast()) }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != 0x22 }) else {
            throw APIError.parameter("Idempotency-Key", "idempotency_key")
        }
        let token = "\(principal.keyID)\u{0}\(key)"
        guard inFlight.begin(token) else { throw APIError.idempotencyKeyInFlight }
        var handedOver = false
        defer { if !handedOver { inFlight.end(token) } }
        let requestHash = Digest.sha256(Array("\(request.method.rawValue) \(request.path)\n".utf8) + request.body)
        let cutoff = Timestamp.format(Date().addingTimeInterval(-retentionHours * 3600))
        if let stored = try store.idempotencyAnswer(keyID: principal.keyID, key: key, since: cutoff) {
            guard stored.requestHash == requestHash else { throw APIError.idempotencyKeyReused }
            var response = Response(status: Status(code: stored.status), body: .bytes(stored.body))
            for header in stored.headers { response.headers.set(header.name, header.value) }
            response.headers.set("Idempotent-Replayed", "true")
            return done(.success(response))
        }
        let record = IdempotencyKey(keyID: principal.keyID, key: key, requestHash: requestHash)
        handedOver = true
        do {
            try body(record) { [inFlight] result in
                inFlight.end(token)
                done(result)
            }
        } catch {
            inFlight.end(token)
            throw error
        }
    }
}
