/// Small pieces of SQL text shared by the PostgreSQL queries; values are always bound, never spliced.
enum PGText {
    /// `?, ?, ?` for an `IN (...)` list of `count` bound values (numbered `$n` by the connection).
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
