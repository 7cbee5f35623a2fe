/// One forward-only schema change: `Migrations/NNNN_name.sql`.
public struct Migration: Sendable, Hashable {
    /// The number before the underscore; migrations apply in ascending order.
    public let version: Int
    /// The part after the underscore, without `.sql`.
    public let name: String
    /// The SQL, run as one script inside one transaction.
    public let sql: String
    /// FNV-1a 64-bit hash of the SQL's UTF-8 bytes, 16 lowercase hex digits. Not cryptographic:
    /// it detects an edited migration, not a malicious one.
    public let checksum: String

    /// A migration from its parts; the checksum is computed from `sql`.
    public init(version: Int, name: String, sql: String) {
        self.init(version: version, name: name, sql: sql, checksum: Migration.checksum(of: sql))
    }

    init(version: Int, name: String, sql: String, checksum: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = checksum
    }

    /// The file name it comes from (or would): `0001_initial.sql`.
    public var fileName: String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name + ".sql"
    }

    /// FNV-1a 64 of `sql`'s bytes as hex.
    static func checksum(of sql: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
