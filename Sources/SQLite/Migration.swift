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

/// Why migrations could not be read or applied; each names the file concerned.
public enum MigrationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `.sql` file in the directory whose name is not `NNNN_name.sql`.
    case malformedFileName(String)
    /// Two files with the same version number.
    case duplicateVersion(Int, String, String)
    /// The migrations directory could not be read.
    case unreadable(String, String)
    /// An applied migration's file changed since it was applied.
    case checksumChanged(file: String, applied: String, current: String)
    /// The database has a migration applied that this binary does not know (a newer binary ran).
    case unknownApplied(version: Int, name: String)
    /// A migration's SQL failed; nothing of it was applied.
    case failed(file: String, error: String)

    /// A message for the operator, naming the file.
    public var description: String {
        switch self {
        case .malformedFileName(let file):
            "migration file \(file): name must be NNNN_name.sql (digits, underscore, letters, digits, _ or -)"
        case .duplicateVersion(let version, let first, let second):
            "migrations \(first) and \(second) share version \(version)"
        case .unreadable(let path, let reason):
            "cannot read migrations directory \(path): \(reason)"
        case .checksumChanged(let file, let applied, let current):
            "migration \(file) was changed after it was applied (checksum \(applied) applied, \(current) now); "
                + "write a new migration instead of editing an applied one"
        case .unknownApplied(let version, let name):
            "the database has migration \(Migration(version: version, name: name, sql: "").fileName) applied, "
                + "which this binary does not know: it was written by a newer landmon"
        case .failed(let file, let error):
            "migration \(file) failed and was rolled back: \(error)"
        }
    }
}
