import Foundation

/// Entity-tag comparison for `If-Match` and `If-None-Match` (RFC 9110, section 13.1).
enum ETag {
    /// Whether a header's list of entity tags (or `*`) matches `etag`.
    /// `If-Match` uses the strong comparison, `If-None-Match` the weak one (RFC 9110, 13.1.1 and 13.1.2).
    static func matches(_ header: String, _ etag: String, weak: Bool) -> Bool {
        let trimmed = trimmingOptionalWhitespace(header)
        if trimmed == "*" { return true }
        let target = weak ? opaque(etag) : etag
        for item in list(trimmed) {
            if weak {
                if opaque(item) == target { return true }
            } else if !item.hasPrefix("W/") && item == target {
                return true
            }
        }
        return false
    }

    /// The tags of a comma-separated list, honouring commas inside quotes.
    private static func list(_ header: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quoted = false
        for character in header {
            if character == "\"" { quoted.toggle() }
            if character == "," && !quoted {
                items.append(trimmingOptionalWhitespace(current))
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(trimmingOptionalWhitespace(current))
        return items.filter { !$0.isEmpty }
    }

    private static func opaque(_ tag: String) -> String { tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag }
}
