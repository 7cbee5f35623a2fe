import Foundation
import Store

/// API keys: created and revoked on the command line, checked on every request. Only the
/// SHA-256 of a key is stored; a revoked key stops working at once because every request
/// looks its key up in the store (one indexed read), not in a cache.
public struct KeyStore: Sendable {
    let store: any AssessmentStore

    public init(store: any AssessmentStore) { self.store = store }

    /// Creates a key and returns its id and the secret, which is shown once and never stored.
    public func create(name: String, role: Role, country: String?, now: Date = Date()) throws -> (Int64, String) {
        let secret = "lm_" + Digest.base64URL(Digest.randomBytes(24))
        let id = try store.createKey(
            name: name, role: role, country: country, hash: Digest.sha256(secret), at: Timestamp.format(now))
        return (id, secret)
    }

    /// Every key, newest last, never with its secret.
    public func list() throws -> [KeyRecord] { try store.keys() }

    /// Revokes a key; false when there is no such active key.
    public func revoke(id: Int64, now: Date = Date()) throws -> Bool {
        try store.revokeKey(id: id, at: Timestamp.format(now))
    }

    /// The active key matching `secret`, or nil. The stored hash is compared again in constant time.
    func authenticate(secret: String) throws -> Principal? {
        guard secret.utf8.count <= 256 else { return nil }
        let hash = Digest.sha256(secret)
        guard let record = try store.activeKey(hash: hash), Digest.constantTimeEquals(record.hash, hash) else {
            return nil
        }
        return Principal(keyID: record.id, name: record.name, role: record.role, country: record.country)
    }
}

extension Application {
    /// The keys of this application's store.
    public var keys: KeyStore { KeyStore(store: store) }

    func authenticate(secret: String) throws -> Principal? { try keys.authenticate(secret: secret) }
}
