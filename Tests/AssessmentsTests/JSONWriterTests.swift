import Testing

@testable import Assessments

private func written(_ body: (inout [UInt8]) -> Void) -> String {
    var buffer: [UInt8] = []
    body(&buffer)
    return String(decoding: buffer, as: UTF8.self)
}

@Test func numbersAreShortestRoundTrip() {
    #expect(written { JSONWriter.appendNumber(39, to: &$0) } == "39")
    #expect(written { JSONWriter.appendNumber(-0.0, to: &$0) } == "0")
    #expect(written { JSONWriter.appendNumber(0.1, to: &$0) } == "0.1")
    #expect(written { JSONWriter.appendNumber(0.1 + 0.2, to: &$0) } == "0.30000000000000004")
    #expect(written { JSONWriter.appendNumber(-12.5, to: &$0) } == "-12.5")
    #expect(written { JSONWriter.appendNumber(1e20, to: &$0) } == "1e+20")
    #expect(written { JSONWriter.appendNumber(1.5e-7, to: &$0) } == "1.5e-07")
    #expect(written { JSONWriter.appendNumber(.nan, to: &$0) } == "null")
    #expect(written { JSONWriter.appendInteger(Int64.min, to: &$0) } == "-9223372036854775808")
    #expect(written { JSONWriter.appendInteger(1234, to: &$0) } == "1234")
}

@Test func writtenNumbersReadBackExactly() throws {
    for value in [0.1, 1.0 / 3, 51.17, 6.02214076e23, 5e-324, 1.7976931348623157e308, 123456.789, -1e-10] {
        let text = written { JSONWriter.appendNumber(value, to: &$0) }
        #expect(try JSONParser().parse(Array(text.utf8)).numberValue?.value == value, "\(text)")
    }
}

@Test func stringsAreEscaped() {
    #expect(written { JSONWriter.appendString("a\"b\\c\n\u{1}é🌾", to: &$0) } == #""a\"b\\c\n\u0001é🌾""#)
}

@Test func valuesRoundTripThroughParser() throws {
    let text = #"{"a":[1,2.5,"x",true,null,{}],"b":{"c":[]}}"#
    let value = try JSONParser().parse(Array(text.utf8))
    #expect(written { JSONWriter.appendValue(value, to: &$0) } == text)
}

@Test func prettyPrintingIndents() {
    let pretty = JSONWriter.prettyPrinted(Array(#"{"a":[1,{}],"b":"x,{"}"#.utf8))
    #expect(
        String(decoding: pretty, as: UTF8.self)
            == "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": \"x,{\"\n}\n")
}
