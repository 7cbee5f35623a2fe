/// Small pieces of SQL text shared by the queries; values are always bound, never spliced.
enum SQLText {
    /// `?, ?, ?` for an `IN (...)` list of `count` bound values.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
