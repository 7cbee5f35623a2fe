import Foundation

/// An opaque keyset cursor: the sort key of the last row of a page, bound to the query it came
/// from. Keyset paging neither skips nor repeats rows while others insert.
struct Cursor: Sendable, Equatable {
    /// `sampled_on` of the last row (absent for the submission-order sorts).
    let sampledOn: String?
    let id: Int64
    /// First bytes of the SHA-256 of the query's filter key, so a cursor is not reused elsewhere.
    let filterTag: String

    init(sampledOn: String?, id: Int64, filterKey: String) {
        self.sampledOn = sampledOn
        self.id = id
        self.filterTag = Cursor.tag(filterKey)
    }

    /// Decodes the text a previous page gave; a bad one is refused by name.
    init(decoding text: String, name: String) throws(APIError) {
        guard text.utf8.count <= 256, let bytes = Digest.decodeBase64URL(text),
            let plain = String(bytes: bytes, encoding: .utf8)
        else { throw .invalidParameter(name: name, detail: "cursor: not a cursor this server gave") }
        let parts = plain.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == "1", let id = Int64(parts[3]), parts[1].utf8.count == 16,
            parts[2].isEmpty || (try? QueryValues.date(parts[2], name: name)) != nil
        else { throw .invalidParameter(name: name, detail: "cursor: not a cursor this server gave") }
        filterTag = parts[1]
        sampledOn = parts[2].isEmpty ? nil : parts[2]
        self.id = id
    }

    /// The opaque text.
    var encoded: String { Digest.base64URL(Array("1|\(filterTag)|\(sampledOn ?? "")|\(id)".utf8)) }

    func belongs(to filterKey: String) -> Bool { filterTag == Cursor.tag(filterKey) }

    private static func tag(_ filterKey: String) -> String { String(Digest.hex(Digest.sha256(filterKey)).prefix(16)) }
}
