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
