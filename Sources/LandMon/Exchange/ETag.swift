import Foundation
import Store

/// Entity tags, made and compared in one place (RFC 9110, section 8.8.3 and 13.1). Every tag is
/// strong: an assessment's names its revision (`"a42-r3"`), a collection's the change sequence
/// and the normalized query (`"c120-..."`), anything else the SHA-256 of its bytes. An indented
/// (`?pretty`) answer adds `-p` to its tag: other bytes, the same revision.
enum ETag {
    /// The tag of an assessment's revision.
    static func assessment(id: Int64, revision: Int) -> String { "\"a\(id)-r\(revision)\"" }

    /// The tag of a stored assessment's current revision.
    static func of(_ stored: StoredAssessment) -> String { assessment(id: stored.id, revision: stored.revision) }

    /// The tag of bytes that no change sequence describes.
    static func strong(of bytes: [UInt8]) -> String { "\"" + Digest.hex(Digest.sha256(bytes)).prefix(32) + "\"" }

    /// A collection's tag: it changes with every commit and with the query.
    static func collection(seq: Int64, parts: [String]) -> String {
        let text = "\(seq)|" + parts.joined(separator: "|")
        return "\"c\(seq)-" + Digest.hex(Digest.sha256(text)).prefix(20) + "\""
    }

    /// The revisions of assessment `id` that an `If-Match` field names (strong comparison: a weak
    /// tag names none); `*` is any.
    static func precondition(_ header: String, id: Int64) -> RevisionPrecondition {
        let trimmed = trimmingOptionalWhitespace(header)
        if trimmed == "*" { return .any }
        var revisions = Set<Int>()
        let prefix = "\"a\(id)-r"
        for item in list(trimmed) where item.hasPrefix(prefix) && item.hasSuffix("\"") {
            var number = item.dropFirst(prefix.count).dropLast()
            if number.hasSuffix("-p") { number = number.dropLast(2) }
            if let revision = Int(number), revision > 0 { revisions.insert(revision) }
        }
        return .revisions(revisions)
    }

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
