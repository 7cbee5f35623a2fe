import Foundation
import Testing

@testable import LandMon

/// The shared checks of query values: numbers as JSON writes them, `pretty` on every route,
/// `reason` counted as JSON Schema counts.
@Suite struct QueryValuesTests {
    @Test func numbersAsJSONWritesThem() {
        for good in ["0", "-0", "5", "12.5", "-180", "1e3", "2.5E-2", "1000"] {
            #expect(QueryValues.isNumber(good, exponent: true), "\(good)")
        }
        for bad in ["", "-", "+5", "05", "1.", ".5", "0x10", "inf", "nan", "1e", "1e+", " 5", "5 ", "1_000"] {
            #expect(!QueryValues.isNumber(bad, exponent: true), "\(bad)")
        }
        #expect(!QueryValues.isNumber("1e3", exponent: false))
        #expect(!QueryValues.isNumber("1.5", fraction: false, exponent: false))
        #expect(QueryValues.isNumber("-15", fraction: false, exponent: false))
    }

    @Test func legacyRegionCodesStandForTheirSuccessors() throws {
        let catalog = try TestApp(.queries).app.catalog
        #expect(try QueryValues.regions("KZ-AKM", catalog: catalog) == ["KZ-11"])
        #expect(try QueryValues.regions("KZ-ALM,KZ-19,UZ-TO", catalog: catalog) == ["KZ-19", "KZ-33", "UZ-TO"])
        #expect(try QueryValues.regions("KZ-YUZ", catalog: catalog) == ["KZ-61", "KZ-79"])
        #expect(QueryValues.region("KZ-VOS", catalog: catalog) == "KZ-63")
    }

    @Test func prettyTakesFlagsOnEveryRoute() throws {
        let harness = try TestApp(.queries)
        for target in ["/health", "/v1/regions", "/v1/stats", "/v1/changes", "/openapi.json"] {
            let refused = harness.request(.get, target + "?pretty=yes")
            #expect(refused.status == 400 && refused.parameter == "pretty", "\(target)")
            let plain = harness.request(.get, target)
            #expect(harness.request(.get, target + "?pretty=false").body == plain.body, "\(target)")
            #expect(harness.request(.get, target + "?pretty=0").headers["ETag"] == plain.headers["ETag"], "\(target)")
            #expect(harness.request(.get, target + "?pretty=true").text.contains("\n  "), "\(target)")
        }
        #expect(harness.request(.get, "/v1/changes?since=+1").parameter == "since")
        #expect(harness.request(.get, "/v1/changes?limit=1.0").parameter == "limit")
    }

    @Test func reasonIsCountedInUnicodeScalars() throws {
        let harness = try TestApp(.queries)
        let id = try harness.store(T6Doc.make("KZ", reference: "R-1"))
        // 250 letters with a combining accent each: 500 scalars, 250 characters.
        let accented = String(repeating: "e\u{301}", count: 250)
        let encoded = try #require(accented.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let tooLong = harness.request(.delete, "/v1/assessments/\(id)?reason=\(encoded)x")
        #expect(tooLong.status == 400 && tooLong.parameter == "reason")
        #expect(harness.request(.delete, "/v1/assessments/\(id)?reason=%20%20").parameter == "reason")
        #expect(harness.request(.delete, "/v1/assessments/\(id)?reason=\(encoded)").status == 204)
        // A malformed reason is named before the record's state: not 410 for a retracted one.
        let again = harness.request(.delete, "/v1/assessments/\(id)?reason=%0C")
        #expect(again.status == 400 && again.parameter == "reason")
        #expect(harness.request(.delete, "/v1/assessments/\(id)?reason=again").status == 410)
        // So is a correction without If-Match: 428, not 410.
        let correction = T6Doc.encode(T6Doc.make("KZ", reference: "R-1"))
        #expect(harness.request(.put, "/v1/assessments/\(id)", body: correction).status == 428)
        let garbage = harness.request(.put, "/v1/assessments/\(id)", headers: [("If-Match", "*")], body: [0])
        #expect(garbage.status == 400)
        // An empty reason of a correction is none, as the OpenAPI document says.
        let other = try harness.store(T6Doc.make("KZ", reference: "R-2"))
        let blank = harness.request(
            .put, "/v1/assessments/\(other)?reason=%0C", headers: [("If-Match", "*")],
            body: T6Doc.encode(T6Doc.make("KZ", reference: "R-2", soc: 12)))
        #expect(blank.status == 200)
        #expect(
            harness.request(.put, "/v1/assessments/\(id)", headers: [("If-Match", "*")], body: correction).status == 410
        )
    }
}
