import Testing

@testable import Assessments

private func parse(_ text: String) throws(JSONError) -> JSONValue {
    try JSONParser().parse(Array(text.utf8))
}

private func parseError(_ bytes: [UInt8], limits: JSONParser.Limits = .init()) -> JSONError? {
    do {
        _ = try JSONParser(limits: limits).parse(bytes)
        return nil
    } catch {
        return error
    }
}

private func parseError(_ text: String) -> JSONError? { parseError(Array(text.utf8)) }

@Test func parsesAllValueKindsWithOffsets() throws {
    let value = try parse(#" {"a": [1, -2.5e1, true, false, null], "b": "x\u00e9\n"} "#)
    #expect(value.offset == 1)
    let members = try #require(value.objectMembers)
    #expect(members.map(\.key) == ["a", "b"])
    #expect(members[0].keyOffset == 2)
    let array = try #require(members[0].value.arrayElements)
    #expect(array[0].numberValue == JSONNumber(value: 1, isIntegerLiteral: true))
    #expect(array[1].numberValue == JSONNumber(value: -25, isIntegerLiteral: false))
    #expect(array[1].offset == 11)
    #expect(array[2].storage == .bool(true))
    #expect(array[4].storage == .null)
    #expect(members[1].value.stringValue == "xé\n")
}

@Test func duplicateKeyIsRefusedWithItsOffset() {
    #expect(parseError(#"{"country":"KZ","country":"UZ"}"#) == JSONError(.duplicateKey("country"), at: 16))
    // Escapes decode before comparison: "a" and "\u0061" are the same key.
    #expect(parseError(#"{"a":1,"\u0061":2}"#)?.kind == .duplicateKey("a"))
    // Large objects use a set; still caught.
    let many = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
    #expect(parseError("{" + many + ",\"k7\":0}")?.kind == .duplicateKey("k7"))
    // The same key in different objects is fine.
    #expect(parseError(#"{"a":{"a":1},"b":{"a":2}}"#) == nil)
}

@Test func numbersFollowTheGrammar() throws {
    #expect(parseError("01") == JSONError(.leadingZero, at: 0))
    #expect(parseError("-01")?.kind == .leadingZero)
    #expect(parseError("1.")?.kind == .invalidNumber)
    #expect(parseError(".5")?.kind == .unexpectedByte(UInt8(ascii: ".")))
    #expect(parseError("1e")?.kind == .invalidNumber)
    #expect(parseError("-")?.kind == .invalidNumber)
    #expect(parseError("+1")?.kind == .unexpectedByte(UInt8(ascii: "+")))
    #expect(try parse("0").numberValue?.value == 0)
    #expect(try parse("-0.0").numberValue?.value == 0)
    #expect(try parse("1E+2").numberValue?.value == 100)
    #expect(try parse("0.1").numberValue?.value == 0.1)
    #expect(try parse("123456789012345678901234567890").numberValue?.value == 1.2345678901234568e29)
    #expect(try parse("2.2250738585072014e-308").numberValue?.value == 2.2250738585072014e-308)
    #expect(try parse("1e999").numberValue?.value == .infinity)
    #expect(try parse("0.30000000000000004").numberValue?.value == 0.1 + 0.2)
}

@Test func fastNumberPathIsCorrectlyRounded() throws {
    for text in [
        "0.84", "1.41", "51.17", "71.45", "8.3", "1e22", "123456789012345", "9007199254740993", "0.000001",
        "4.35e-7",
    ] {
        #expect(try parse(text).numberValue?.value == Double(text)!, "\(text)")
    }
}

@Test func stringsAreStrict() throws {
    #expect(parseError("\"a\u{01}b\"")?.kind == .controlCharacterInString)
    #expect(parseError(#""\x""#)?.kind == .invalidEscape)
    #expect(parseError(#""\ud800""#) == JSONError(.loneSurrogate, at: 1))
    #expect(parseError(#""\udc00""#)?.kind == .loneSurrogate)
    #expect(parseError(#""\ud800\u0041""#)?.kind == .loneSurrogate)
    #expect(try parse(#""\ud83c\udf3e""#).stringValue == "🌾")
    #expect(try parse(#""\"\\\/\b\f\n\r\t""#).stringValue == "\"\\/\u{8}\u{c}\n\r\t")
    #expect(parseError(#""abc"#)?.kind == .unexpectedEnd)
}

@Test func invalidUTF8IsRefused() {
    let cases: [[UInt8]] = [
        [0x22, 0xFF, 0x22],  // never valid
        [0x22, 0xC0, 0xAF, 0x22],  // overlong "/"
        [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong
        [0x22, 0xED, 0xA0, 0x80, 0x22],  // UTF-8 encoded surrogate
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
        [0x22, 0xC3, 0x22],  // truncated sequence
    ]
    for bytes in cases {
        #expect(parseError(bytes) == JSONError(.invalidUTF8, at: 1), "\(bytes)")
    }
    #expect(parseError([0x22, 0xC3, 0xA9, 0xF0, 0x9F, 0x8C, 0xBE, 0x22]) == nil)
}

@Test func structureAndTrailingData() {
    #expect(parseError("{} x") == JSONError(.trailingData, at: 3))
    #expect(parseError("[1,]")?.kind == .unexpectedByte(UInt8(ascii: "]")))
    #expect(parseError(#"{"a":1,}"#)?.kind == .unexpectedByte(UInt8(ascii: "}")))
    #expect(parseError(#"{"a" 1}"#)?.kind == .unexpectedByte(UInt8(ascii: "1")))
    #expect(parseError("{1:2}")?.kind == .unexpectedByte(UInt8(ascii: "1")))
    #expect(parseError("")?.kind == .unexpectedEnd)
    #expect(parseError("[1")?.kind == .unexpectedEnd)
    #expect(parseError("tru")?.kind == .unexpectedEnd)
    #expect(parseError("nul1")?.kind == .unexpectedByte(UInt8(ascii: "1")))
    #expect(parseError([0xEF, 0xBB, 0xBF, 0x7B, 0x7D])?.kind == .unexpectedByte(0xEF))
}

@Test func limitsAreEnforced() {
    let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    #expect(parseError(deep)?.kind == .tooDeep(limit: 64))
    let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(parseError(fine) == nil)
    let long = Array(("\"" + String(repeating: "a", count: 11) + "\"").utf8)
    #expect(parseError(long, limits: .init(maxStringBytes: 10))?.kind == .stringTooLong(limit: 10))
    let escaped = Array(("\"" + String(repeating: "\\n", count: 11) + "\"").utf8)
    #expect(parseError(escaped, limits: .init(maxStringBytes: 10))?.kind == .stringTooLong(limit: 10))
}

@Test func errorDescriptionsCarryTheOffset() {
    #expect(
        JSONError(.duplicateKey("country"), at: 16).description
            == "key \"country\" appears twice in one object at byte 16")
    #expect(JSONError(.unexpectedByte(0x7D), at: 3).description == "unexpected character '}' at byte 3")
}

@Test func slicesReportOffsetsFromTheirStart() throws {
    let line = Array("xx{\"a\":1}".utf8)[2...]
    let value = try JSONParser().parse(line)
    #expect(value.offset == 0)
    #expect(value["a"]?.offset == 5)
}

@Test func malformedBodyIsMalformedNotInvalid() {
    guard case .malformed(let error) = testValidator.validate(Array(#"{"country":"KZ","country":"UZ"}"#.utf8))
    else {
        Issue.record("expected malformed")
        return
    }
    #expect(error.kind == .duplicateKey("country"))
}

@Test func ndjsonLinesValidateFromSlices() throws {
    let fixture = try #require(try fixtures().first)
    let body = Array("\n".utf8) + fixture.bytes.filter { $0 != 0x0A } + Array("\n{\"a\":1 x}\n".utf8)
    let lines = body.split(separator: 0x0A)
    guard case .valid = testValidator.validate(lines[0], today: testToday) else {
        Issue.record("first line should be valid")
        return
    }
    guard case .malformed(let error) = testValidator.validate(lines[1], today: testToday) else {
        Issue.record("second line should be malformed")
        return
    }
    #expect(error == JSONError(.unexpectedByte(UInt8(ascii: "x")), at: 7))
}
