/// Why a byte sequence is not acceptable JSON, and where (byte offset) it went wrong.
///
/// The app answers these with `400`: the body could not be read as one unambiguous document.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of fault.
    public enum Kind: Sendable, Equatable {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case invalidNumber
        case leadingZero
        case invalidEscape
        case invalidUTF8
        case loneSurrogate
        case controlCharacterInString
        case tooDeep(limit: Int)
        case stringTooLong(limit: Int)
        case duplicateKey(String)
        case trailingData
    }

    /// The kind of fault.
    public var kind: Kind
    /// Byte offset of the fault in the input.
    public var offset: Int

    /// Makes an error.
    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// Plain words, with the offset; never echoes more of the input than a duplicated key.
    public var description: String {
        let what: String
        switch kind {
        case .unexpectedEnd: what = "unexpected end of input"
        case .unexpectedByte(let byte):
            if byte >= 0x20 && byte < 0x7F {
                what = "unexpected character '\(Character(Unicode.Scalar(byte)))'"
            } else {
                what = "unexpected byte 0x\(String(byte, radix: 16, uppercase: true))"
            }
        case .invalidNumber: what = "malformed number"
        case .leadingZero: what = "number with a leading zero"
        case .invalidEscape: what = "invalid escape sequence in string"
        case .invalidUTF8: what = "invalid UTF-8"
        case .loneSurrogate: what = "lone UTF-16 surrogate in \\u escape"
        case .controlCharacterInString: what = "unescaped control character in string"
        case .tooDeep(let limit): what = "nesting deeper than \(limit) levels"
        case .stringTooLong(let limit): what = "string longer than \(limit) bytes"
        case .duplicateKey(let key):
            let shown = key.count > 64 ? String(key.prefix(64)) + "..." : key
            what = "key \"\(shown)\" appears twice in one object"
        case .trailingData: what = "data after the end of the JSON value"
        }
        return "\(what) at byte \(offset)"
    }
}
