import Testing

@testable import Assessments

/// A correction sent as the stored representation: read-only members and original units.
@Suite struct StoredFieldsTests {
    private func parse(_ text: String) throws -> JSONValue { try JSONParser().parse(Array(text.utf8)) }

    @Test func matchingServerMembersAreDroppedAndOthersReported() throws {
        let stored = try parse(
            #"{"id":7,"revision":2,"qa_flags":["a","b"],"derived":{"x":1,"y":[1,2]},"reference":"R"}"#)
        let same = try parse(#"{"id":7,"revision":2,"qa_flags":["a","b"],"derived":{"y":[1,2],"x":1},"reference":"R"}"#)
        let (kept, problems) = StoredFields.submission(from: same, stored: stored, catalog: testCatalog)
        #expect(problems.isEmpty)
        #expect(kept.objectMembers?.map(\.key) == ["reference"])
        let other = try parse(#"{"id":8,"revision":2,"qa_flags":["a"],"reference":"R"}"#)
        let refused = StoredFields.submission(from: other, stored: stored, catalog: testCatalog).1
        #expect(refused.map(\.path) == ["/id", "/qa_flags"])
        #expect(refused.allSatisfy { $0.code == .inconsistent })
    }

    @Test func aMeasurementWithItsOriginalGoesBackToIt() throws {
        // 0.84 % soc is stored as 8.4 g/kg with its original value; an untouched one returns to %.
        let sent = try parse(
            #"{"layers":[{"measurements":[{"indicator":"soc","value":8.4,"unit":"g/kg","original_value":0.84,"original_unit":"%","uncertainty":0.9},{"indicator":"soc","value":9,"unit":"g/kg","original_value":0.84,"original_unit":"%"}]}]}"#
        )
        let (kept, problems) = StoredFields.submission(
            from: sent, stored: try parse("{}"), catalog: testCatalog)
        #expect(problems.isEmpty)
        let measurements = try #require(kept["layers"]?.arrayElements?.first?["measurements"]?.arrayElements)
        #expect(measurements[0]["value"]?.numberValue?.value == 0.84)
        #expect(measurements[0]["unit"]?.stringValue == "%")
        #expect(measurements[0]["uncertainty"]?.numberValue?.value == 0.09)
        #expect(measurements[0]["original_value"] == nil)
        // A changed value stands in the canonical unit; its stale original is dropped.
        #expect(measurements[1]["value"]?.numberValue?.value == 9)
        #expect(measurements[1]["unit"]?.stringValue == "g/kg")
        #expect(measurements[1]["original_unit"] == nil)
    }
}
