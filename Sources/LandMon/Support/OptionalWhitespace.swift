/// Header-value trimming of HTTP optional whitespace (spaces and tabs, RFC 9110 section 5.6.3).
/// Foundation's `trimmingCharacters(in:)` bridges through NSString and UTF-16 and cost more than
/// the rest of a 304 answer; this walks the UTF-8 bytes at both ends and copies once.
func trimmingOptionalWhitespace(_ text: Substring) -> String {
    let bytes = text.utf8
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
    while start < end {
        let before = bytes.index(before: end)
        guard bytes[before] == 0x20 || bytes[before] == 0x09 else { break }
        end = before
    }
    return String(text[start..<end])
}

/// `trimmingOptionalWhitespace` of a whole string.
func trimmingOptionalWhitespace(_ text: String) -> String { trimmingOptionalWhitespace(text[...]) }
