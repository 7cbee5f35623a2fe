/// A catalog file that cannot be used, naming the file, the entry and what is wrong.
///
/// The server refuses to start on it: validating against a half-read catalog would accept or
/// reject the wrong documents.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// File name within the catalog directory.
    public var file: String
    /// The entry (e.g. an indicator code) or `-` for the file as a whole.
    public var entry: String
    /// What is wrong.
    public var reason: String

    /// Makes an error.
    public init(file: String, entry: String, reason: String) {
        self.file = file
        self.entry = entry
        self.reason = reason
    }

    /// `catalog file indicators.json, entry "soc": hard_min 10 is above hard_max 5`.
    public var description: String {
        entry == "-"
            ? "catalog file \(file): \(reason)" : "catalog file \(file), entry \"\(entry)\": \(reason)"
    }
}
