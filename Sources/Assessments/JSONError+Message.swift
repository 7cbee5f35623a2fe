import Messages

extension JSONError {
    /// Plain words for people, with the byte offset, as a message of the catalog (`json.*`).
    public var message: Message {
        var arguments = ["offset": String(offset)]
        let key: String
        switch kind {
        case .unexpectedEnd: key = "unexpected_end"
        case .unexpectedByte(let byte):
            if byte >= 0x20 && byte < 0x7F {
                key = "unexpected_character"
                arguments["character"] = String(Character(Unicode.Scalar(byte)))
            } else {
                key = "unexpected_byte"
                arguments["byte"] = "0x" + String(byte, radix: 16, uppercase: true)
            }
        case .invalidNumber: key = "invalid_number"
        case .leadingZero: key = "leading_zero"
        case .invalidEscape: key = "invalid_escape"
        case .invalidUTF8: key = "invalid_utf8"
        case .loneSurrogate: key = "lone_surrogate"
        case .controlCharacterInString: key = "control_character"
        case .tooDeep(let limit):
            key = "too_deep"
            arguments["limit"] = String(limit)
        case .stringTooLong(let limit):
            key = "string_too_long"
            arguments["limit"] = String(limit)
        case .duplicateKey(let name):
            key = "duplicate_key"
            arguments["key"] = name.count > 64 ? String(name.prefix(64)) + "..." : name
        case .trailingData: key = "trailing_data"
        }
        return Message("json." + key, arguments)
    }
}
