import Assessments
import PostgreSQL

/// The SQL of API keys and of kept `Idempotency-Key` answers, in PostgreSQL.
enum PGKeyRecords {
    static func create(name: String, role: Role, country: String?, hash: [UInt8], at now: String, in db: PGConnection)
        throws -> Int64
    {
        if try db.first("SELECT 1 FROM api_keys WHERE name = ?", [name], { $0.int(0) }) != nil {
            throw StoreError.duplicateKeyName
        }
        let id = try db.first("SELECT coalesce(max(id), 0) + 1 FROM api_keys", []) { $0.int(0) } ?? 1
        try db.run(
            "INSERT INTO api_keys (id, name, role, country, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [id, name, role.rawValue, country, hash, now])
        return id
    }

    static let columns = "id, name, role, country, created_at, revoked_at, key_hash"

    static func record(_ row: PGRow) -> KeyRecord {
        KeyRecord(
            id: row.int(0), name: row.text(1), role: Role(rawValue: row.text(2)) ?? .reader,
            country: row.optionalText(3), createdAt: row.text(4), revokedAt: row.optionalText(5), hash: row.bytea(6))
    }

    static func all(in db: PGConnection) throws -> [KeyRecord] {
        var records: [KeyRecord] = []
        try db.query("SELECT \(columns) FROM api_keys ORDER BY id") { records.append(record($0)) }
        return records
    }

    static func active(hash: [UInt8], in db: PGConnection) throws -> KeyRecord? {
        try db.first("SELECT \(columns) FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", [hash], record)
    }

    static func revoke(id: Int64, at now: String, in db: PGConnection) throws -> Bool {
        try db.run("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [now, id]) > 0
    }

    /// Keeps the first answer to an `Idempotency-Key` request; headers as a JSON object.
    static func keep(_ answer: IdempotencyAnswer, for write: IdempotencyWrite, at now: String, in db: PGConnection)
        throws
    {
        var headers: [UInt8] = [UInt8(ascii: "{")]
        for header in answer.headers {
            if headers.count > 1 { headers.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(header.name, to: &headers)
            headers.append(UInt8(ascii: ":"))
            JSONWriter.appendString(header.value, to: &headers)
        }
        headers.append(UInt8(ascii: "}"))
        try db.run(
            """
            INSERT INTO idempotency_records
                (api_key_id, idempotency_key, request_hash, status, headers, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (api_key_id, idempotency_key) DO UPDATE SET request_hash = excluded.request_hash,
                status = excluded.status, headers = excluded.headers, body = excluded.body,
                created_at = excluded.created_at
            """,
            [
                write.keyID, write.key, write.requestHash, answer.status, String(decoding: headers, as: UTF8.self),
                answer.body, now,
            ])
    }

    static func answer(keyID: Int64, key: String, since: String, in db: PGConnection) throws -> IdempotencyAnswer? {
        try db.first(
            """
            SELECT request_hash, status, headers, body FROM idempotency_records
            WHERE api_key_id = ? AND idempotency_key = ? AND created_at >= ?
            """, [keyID, key, since]
        ) { row in
            var headers: [IdempotencyAnswer.Header] = []
            if let object = try? JSONParser().parse(row.blob(2)), let members = object.objectMembers {
                for member in members {
                    if let value = member.value.stringValue {
                        headers.append(IdempotencyAnswer.Header(name: member.key, value: value))
                    }
                }
            }
            return IdempotencyAnswer(
                requestHash: row.bytea(0), status: Int(row.int(1)), headers: headers, body: row.bytea(3))
        }
    }
}
