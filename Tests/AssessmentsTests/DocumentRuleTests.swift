import Foundation
import Testing

@testable import Assessments

/// Asserts that `document` breaks exactly one rule, at `path` with `code`; returns its message in
/// English as the shipped catalog writes it.
@discardableResult
func expectOnly(
    _ document: JSONValue, _ path: String, _ code: ProblemCode, today: Date = testToday,
    sourceLocation: SourceLocation = #_sourceLocation
) -> String {
    let found = problems(document, today: today)
    #expect(
        found.map { "\($0.path) \($0.code.rawValue)" } == ["\(path) \(code.rawValue)"],
        sourceLocation: sourceLocation)
    return found.first.map { text($0) } ?? ""
}

func with(_ pointer: String, _ value: JSONValue?) -> JSONValue {
    setting(pointer, to: value, in: baseDocument)
}

@Test func baseDocumentIsValid() throws {
    let assessment = try valid(baseDocument)
    #expect(assessment.derived.socStock0to30 == 39)
    #expect(assessment.qaFlags == ["coarse_fragments_assumed_zero"])
}

@Test(arguments: ["reference", "country", "region", "site", "sampled_on", "land_cover", "layers"])
func requiredTopLevelField(_ name: String) {
    let message = expectOnly(with("/" + name, nil), "/" + name, .required)
    #expect(message == "\(name) is required")
}

@Test(arguments: ["id", "lat", "lon"])
func requiredSiteField(_ name: String) {
    expectOnly(with("/site/" + name, nil), "/site/" + name, .required)
}

@Test func referenceFormat() {
    expectOnly(with("/reference", string("has space")), "/reference", .format)
    expectOnly(with("/reference", string("")), "/reference", .format)
    expectOnly(with("/reference", string(String(repeating: "A", count: 65))), "/reference", .format)
    expectOnly(with("/reference", number(12)), "/reference", .type)
    expectOnly(with("/site/id", string("Ä-1")), "/site/id", .format)
    #expect(problems(with("/reference", string("a.b_c:d/e-F9"))).isEmpty)
}

@Test func countryMustBeMember() {
    let message = expectOnly(with("/country", string("CN")), "/country", .notInCatalog)
    #expect(message.contains("\"CN\""))
}

@Test func regionRules() throws {
    expectOnly(with("/region", string("KZ-99")), "/region", .notInCatalog)
    let message = expectOnly(with("/region", string("UZ-QR")), "/region", .regionMismatch)
    #expect(message == "region UZ-QR is in UZ, not in KZ")
    let legacy = try valid(with("/region", string("KZ-AKM")))
    #expect(legacy.region == "KZ-11")
    #expect(legacy.qaFlags.contains("region_code_updated"))
    // A Kazakh legacy code under another country is a mismatch, not a mapping.
    let uz = setting(
        "/site", to: json(#"{"id":"S","lat":41.3,"lon":69.2}"#), in: with("/country", string("UZ")))
    expectOnly(setting("/region", to: string("KZ-AKM"), in: uz), "/region", .regionMismatch)
}

@Test func coordinatesInsideCountryBox() {
    let message = expectOnly(with("/site/lat", number(30)), "/site", .outsideCountry)
    #expect(message.contains("outside KZ"))
    expectOnly(with("/site/lat", number(91)), "/site/lat", .outOfRange)
    expectOnly(with("/site/lon", number(-181)), "/site/lon", .outOfRange)
    expectOnly(with("/site/lat", string("51.1")), "/site/lat", .type)
}

@Test func nullIslandIsRejected() {
    let document = setting("/site/lon", to: number(0), in: with("/site/lat", number(0)))
    expectOnly(document, "/site", .outOfRange)
}

@Test func russiaWrapsTheAntimeridian() {
    // Chukotka lies on both sides of 180 degrees: Natural Earth's outline, not a box.
    var document = setting("/country", to: string("RU"), in: baseDocument)
    document = setting("/region", to: string("RU-CHU"), in: document)
    for (lat, lon) in [(66.0, -172.0), (68.5, 178.0), (69.0, 179.5), (68.9, -179.5), (71.2, -179.8)] {
        let placed = setting("/site/lon", to: number(lon), in: setting("/site/lat", to: number(lat), in: document))
        #expect(problems(placed).isEmpty, "\(lat), \(lon)")
    }
    // Alaska, Sweden, the Atlantic: outside, whatever a box around Russia would say.
    for (lat, lon) in [(65.0, -165.0), (66.0, 19.5), (66.0, -90.0), (50.0, 0.5)] {
        let placed = setting("/site/lon", to: number(lon), in: setting("/site/lat", to: number(lat), in: document))
        expectOnly(placed, "/site", .outsideCountry)
    }
}

@Test func siteOptionalFields() {
    expectOnly(with("/site/accuracy_m", number(0)), "/site/accuracy_m", .outOfRange)
    expectOnly(with("/site/altitude_m", number(8001)), "/site/altitude_m", .outOfRange)
    expectOnly(with("/site/altitude_m", number(-151)), "/site/altitude_m", .outOfRange)
    #expect(problems(with("/site/altitude_m", number(-150))).isEmpty)
}

@Test func sampledOnRules() {
    expectOnly(with("/sampled_on", string("2024-02-30")), "/sampled_on", .format)
    expectOnly(with("/sampled_on", string("2023-02-29")), "/sampled_on", .format)
    expectOnly(with("/sampled_on", string("14.06.2024")), "/sampled_on", .format)
    expectOnly(with("/sampled_on", string("2024-6-14")), "/sampled_on", .format)
    #expect(problems(with("/sampled_on", string("2024-02-29"))).isEmpty)
    expectOnly(with("/sampled_on", string("1899-12-31")), "/sampled_on", .outOfRange)
    #expect(problems(with("/sampled_on", string("1900-01-01"))).isEmpty)
    // Today is 2025-03-10 UTC: tomorrow is within the grace day, the day after is not.
    #expect(problems(with("/sampled_on", string("2025-03-11"))).isEmpty)
    let message = expectOnly(with("/sampled_on", string("2025-03-12")), "/sampled_on", .futureDate)
    #expect(message == "sampled_on 2025-03-12 is in the future")
}

@Test func codeListFields() {
    expectOnly(with("/land_cover", string("forest")), "/land_cover", .notInCatalog)
    expectOnly(with("/land_use", string("ZZ9")), "/land_use", .notInCatalog)
    #expect(problems(with("/land_use", string("HE2"))).isEmpty)
    expectOnly(with("/erosion", json(#"{"category":"XX"}"#)), "/erosion/category", .notInCatalog)
    expectOnly(with("/erosion", json(#"{"degree":"Q"}"#)), "/erosion/degree", .notInCatalog)
    expectOnly(with("/erosion", json(#"{"area_affected":"50"}"#)), "/erosion/area_affected", .notInCatalog)
    expectOnly(with("/erosion", json(#"{"activity":"Z"}"#)), "/erosion/activity", .notInCatalog)
    expectOnly(with("/erosion", json(#"{"kind":"WS"}"#)), "/erosion/kind", .unknownField)
    expectOnly(with("/salt", json(#"{"crust":"T"}"#)), "/salt/crust", .notInCatalog)
    expectOnly(with("/salt", json(#"{"cover":5}"#)), "/salt/cover", .outOfRange)
    expectOnly(with("/salt", json(#"{"cover":1.5}"#)), "/salt/cover", .type)
    expectOnly(with("/salt", string("none")), "/salt", .type)
}

@Test func numericOptionalFields() {
    expectOnly(with("/lpd_class", number(0)), "/lpd_class", .outOfRange)
    expectOnly(with("/lpd_class", number(6)), "/lpd_class", .outOfRange)
    expectOnly(with("/lpd_class", json("2.5")), "/lpd_class", .type)
    expectOnly(with("/lpd_class", string("3")), "/lpd_class", .type)
    expectOnly(with("/cover", json(#"{"bare_ground_pct": 101}"#)), "/cover/bare_ground_pct", .outOfRange)
    expectOnly(with("/cover", json(#"{"vegetation_pct": -1}"#)), "/cover/vegetation_pct", .outOfRange)
    expectOnly(with("/cover", json(#"{"shrubs_pct": 1}"#)), "/cover/shrubs_pct", .unknownField)
    expectOnly(with("/fine_earth_limit_mm", number(3)), "/fine_earth_limit_mm", .outOfRange)
    #expect(problems(with("/fine_earth_limit_mm", number(1))).isEmpty)
}

@Test func stringLimits() {
    expectOnly(with("/notes", string(String(repeating: "ж", count: 2001))), "/notes", .outOfRange)
    #expect(problems(with("/notes", string(String(repeating: "ж", count: 2000)))).isEmpty)
    expectOnly(with("/observer", json(#"{"person": 5}"#)), "/observer/person", .type)
    expectOnly(
        with("/observer/lab", string(String(repeating: "x", count: 201))), "/observer/lab", .outOfRange)
    expectOnly(with("/observer/phone", string("1")), "/observer/phone", .unknownField)
}

@Test func unknownAndServerFieldsAreRejected() {
    let message = expectOnly(with("/contry", string("KZ")), "/contry", .unknownField)
    #expect(message.contains("contry"))
    for field in ["id", "revision", "derived", "qa_flags", "submitted_by", "schema_version"] {
        let serverMessage = expectOnly(with("/" + field, number(1)), "/" + field, .unknownField)
        #expect(serverMessage.contains("server"))
    }
    expectOnly(with("/site/elevation", number(1)), "/site/elevation", .unknownField)
    // RFC 6901: "~" is written "~0" and "/" is written "~1" in a pointer.
    expectOnly(with("/a~1b~0c", number(1)), "/a~1b~0c", .unknownField)
}
