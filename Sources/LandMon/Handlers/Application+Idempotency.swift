import Assessments
import Foundation
import HTTP
import Locking
import SQLite

/// Idempotency-Key requests in flight, so that a second one with the same key gets 409.
final class IdempotencyGuard: Sendable {
    private let active = Locked<Set<String>>([])

    /// Marks a key busy; false when it already is.
    func begin(_ token: String) -> Bool { active.withLock { $0.insert(token).inserted } }

    func end(_ token: String) { _ = active.withLock { $0.remove(token) } }

    /// Keys in flight now (for tests that need a first request to be under way).
    var count: Int { active.withLock { $0.count } }
}

/// The first answer to an Idempotency-Key request, stored in the same transaction as its data.
struct IdempotencyRecord: Sendable {
    let keyID: Int64
    let key: String
    let requestHash: [UInt8]

    /// Replayed headers: those that describe the stored answer.
    static let replayedHeaders = ["Content-Type", "Location", "ETag"]

    func store(_ response: Response, in db: Connection, at now: String) throws {
        guard case .bytes(let body) = response.body else { return }
        var headers: [UInt8] = [UInt8(ascii: "{")]
        for name in IdempotencyRecord.replayedHeaders {
            guard let value = response.headers[name] else { continue }
            if headers.count > 1 { headers.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(name, to: &headers)
            headers.append(UInt8(ascii: ":"))
            JSONWriter.appendString(value, to: &headers)
        }
        headers.append(UInt8(ascii: "}"))
        try db.run(
            """
            INSERT OR REPLACE INTO idempotency_records
                (api_key_id, idempotency_key, request_hash, status, headers, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [keyID, key, requestHash, response.status.code, String(decoding: headers, as: UTF8.self), body, now])
    }
}

extension Application {
    /// Honours `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): the same key and body
    /// replay the first answer; another body is 422; a first request still in flight is 409.
    /// Without the header, `body` runs with no record.
    func withIdempotency(
        _ request: Request, principal: Principal,
        done: @escaping @Sendable (Result<Response, any Error>) -> Void,
        _ body: (IdempotencyRecord?, @escaping @Sendable (Result<Response, any Error>) -> Void) throws -> Void
    ) throws {
        guard let raw = request.headers["Idempotency-Key"] else { return try body(nil, done) }
        var key = raw.trimmingCharacters(in: .whitespaces)
        if key.count >= 2 && key.hasPrefix("\"") && key.hasSuffix("\"") { key = String(key.dropFirst().dropLast()) }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != 0x22 }) else {
            throw APIError.invalidParameter(
                name: "Idempotency-Key", detail: "Idempotency-Key: 1 to 255 visible ASCII characters, e.g. a UUID")
        }
        let token = "\(principal.keyID)\u{0}\(key)"
        guard idempotency.begin(token) else { throw APIError.idempotencyKeyInFlight }
        var handedOver = false
        defer { if !handedOver { idempotency.end(token) } }
        let requestHash = Digest.sha256(Array("\(request.method.rawValue) \(request.path)\n".utf8) + request.body)
        let cutoff = Timestamp.format(Date().addingTimeInterval(-configuration.idempotencyRetentionHours * 3600))
        let stored = try database.read { db in
            try db.first(
                """
                SELECT request_hash, status, headers, body FROM idempotency_records
                WHERE api_key_id = ? AND idempotency_key = ? AND created_at >= ?
                """, [principal.keyID, key, cutoff]
            ) { row in (row.blob(0), Int(row.int(1)), row.text(2), row.blob(3)) }
        }
        if let stored {
            guard stored.0 == requestHash else { throw APIError.idempotencyKeyReused }
            var response = Response(status: Status(code: stored.1), body: .bytes(stored.3))
            if let object = try? JSONParser().parse(Array(stored.2.utf8)), let members = object.objectMembers {
                for member in members {
                    if let value = member.value.stringValue { response.headers.set(member.key, value) }
                }
            }
            response.headers.set("Idempotent-Replayed", "true")
            return done(.success(response))
        }
        let record = IdempotencyRecord(keyID: principal.keyID, key: key, requestHash: requestHash)
        handedOver = true
        do {
            try body(record) { [idempotency] result in
                idempotency.end(token)
                done(result)
            }
        } catch {
            idempotency.end(token)
            throw error
        }
    }
}
