import Foundation
import SQLite

/// API keys: created and revoked on the command line, checked on every request. Only the
/// SHA-256 of a key is stored; a revoked key stops working at once because every request
/// looks its key up in the database (one indexed read), not in a cache.
public struct KeyStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// A listed key, never with its secret.
    public struct Entry: Sendable {
        public let id: Int64
        public let name: String
        public let role: Role
        public let country: String?
        public let createdAt: String
        public let revokedAt: String?
    }

    /// Creates a key and returns the secret, which is shown once and never stored.
    public func create(name: String, role: Role, country: String?, now: Date = Date()) throws -> (Int64, String) {
        let secret = "lm_" + Digest.base64URL(Digest.randomBytes(24))
        let hash = Digest.sha256(secret)
        let created = Timestamp.format(now)
        let id: Int64 = try database.write { db in
            try db.run(
                "INSERT INTO api_keys (name, role, country, key_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                [name, role.rawValue, country, hash, created])
            return db.lastInsertRowID
        }
        return (id, secret)
    }

    /// Every key, newest last.
    public func list() throws -> [Entry] {
        try database.read { db in
            var entries: [Entry] = []
            try db.query("SELECT id, name, role, country, created_at, revoked_at FROM api_keys ORDER BY id") { row in
                entries.append(
                    Entry(
                        id: row.int(0), name: row.text(1), role: Role(rawValue: row.text(2)) ?? .reader,
                        country: row.optionalText(3), createdAt: row.text(4), revokedAt: row.optionalText(5)))
            }
            return entries
        }
    }

    /// Revokes a key; false when there is no such active key.
    public func revoke(id: Int64, now: Date = Date()) throws -> Bool {
        let stamp = Timestamp.format(now)
        return try database.write { db in
            try db.run("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [stamp, id])
            return db.changes > 0
        }
    }

    /// The active key matching `secret`, or nil. The stored hash is compared in constant time.
    func authenticate(secret: String) throws -> Principal? {
        guard secret.utf8.count <= 256 else { return nil }
        let hash = Digest.sha256(secret)
        return try database.read { db in
            try db.first(
                "SELECT id, name, role, country, key_hash FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
                [hash]
            ) { row -> Principal? in
                guard Digest.constantTimeEquals(row.blob(4), hash), let role = Role(rawValue: row.text(2)) else {
                    return nil
                }
                return Principal(keyID: row.int(0), name: row.text(1), role: role, country: row.optionalText(3))
            } ?? nil
        }
    }
}
