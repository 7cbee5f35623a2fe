import Foundation
import Store

/// An opaque keyset cursor: where a page ended, bound to the query it came from. Keyset paging
/// neither skips nor repeats rows while others insert.
struct Cursor: Sendable, Equatable {
    let key: PageKey
    /// First bytes of the SHA-256 of the query's filter key, so a cursor is not reused elsewhere.
    let filterTag: String

    init(_ key: PageKey, filterKey: String) {
        self.key = key
        self.filterTag = Cursor.tag(filterKey)
    }

    /// Decodes the text a previous page gave; a bad one is refused by name.
    init(decoding text: String, name: String) throws(APIError) {
        guard text.utf8.count <= 256, let bytes = Digest.decodeBase64URL(text),
            let plain = String(bytes: bytes, encoding: .utf8)
        else { throw .parameter(name, "cursor") }
        let parts = plain.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == "1", let id = Int64(parts[3]), parts[1].utf8.count == 16,
            parts[2].isEmpty || (try? QueryValues.date(parts[2], name: name)) != nil
        else { throw .parameter(name, "cursor") }
        filterTag = parts[1]
        key = PageKey(sampledOn: parts[2].isEmpty ? nil : parts[2], id: id)
    }

    /// The opaque text.
    var encoded: String { Digest.base64URL(Array("1|\(filterTag)|\(key.sampledOn ?? "")|\(key.id)".utf8)) }

    func belongs(to filterKey: String) -> Bool { filterTag == Cursor.tag(filterKey) }

    private static func tag(_ filterKey: String) -> String { String(Digest.hex(Digest.sha256(filterKey)).prefix(16)) }
}
