/// A human-facing text not yet in a language: a key of the message catalog and its named
/// arguments. Code says what to tell; `Config/messages/<language>.json` says how.
public struct Message: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Dotted key, e.g. `validation.required`.
    public var key: String
    /// Values of the key's `{name}` placeholders, already formatted (numbers as JSON writes them).
    public var arguments: [String: String]

    /// Makes a message.
    public init(_ key: String, _ arguments: [String: String] = [:]) {
        self.key = key
        self.arguments = arguments
    }

    /// `key {name=value, ...}`: for logs and test failures, never for clients.
    public var description: String {
        arguments.isEmpty
            ? key
            : key + " {"
                + arguments.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: ", ") + "}"
    }
}
