import Foundation
import Testing

@testable import Assessments

@Test func everyFixtureIsValid() throws {
    let all = try fixtures()
    #expect(all.count >= 10)
    for fixture in all {
        switch testValidator.validate(fixture.bytes, today: testToday) {
        case .valid: break
        case .invalid(let failure): Issue.record("\(fixture.name): \(failure.problems)")
        case .malformed(let error): Issue.record("\(fixture.name): \(error)")
        }
    }
}

@Test func fixturesCoverEveryCountry() throws {
    var countries: Set<String> = []
    for fixture in try fixtures() {
        if case .valid(let assessment) = testValidator.validate(fixture.bytes, today: testToday) {
            countries.insert(assessment.country)
        }
    }
    #expect(countries == ["KZ", "KG", "RU", "TJ", "TM", "UZ"])
}

@Test func legacyFixtureIsMappedAndFlagged() throws {
    let bytes = try fixtures().first { $0.name == "kz-legacy-aral-kyzylorda.json" }!.bytes
    guard case .valid(let assessment) = testValidator.validate(bytes, today: testToday) else {
        Issue.record("not valid")
        return
    }
    #expect(assessment.region == "KZ-43")
    #expect(assessment.qaFlags.contains("region_code_updated"))
    // 71000 uS/cm is 71 dS/m: above the typical 60, below the hard 250.
    #expect(assessment.layers[0].measurements[1].value == 71)
    #expect(assessment.layers[0].measurements[1].originalUnit == "uS/cm")
    #expect(assessment.qaFlags.contains("out_of_typical_range"))
}

@Test func unitFixtureConvertsEverything() throws {
    let bytes = try fixtures().first { $0.name == "kz-legacy-pavlodar-units.json" }!.bytes
    guard case .valid(let assessment) = testValidator.validate(bytes, today: testToday) else {
        Issue.record("not valid")
        return
    }
    let layer = assessment.layers[0]
    #expect(layer.value(of: "som") == 29)
    #expect(layer.value(of: "bd_fe") == 1.29)
    #expect(layer.value(of: "n_tot") == 1.6)
    #expect(layer.value(of: "p2o5_machigin") == 14)
    #expect(layer.value(of: "k2o_machigin") == 380)
    #expect(layer.value(of: "clay") == 18.5)
    // Fractions of the Kachinsky scheme (1 mm fine earth): no USDA class, Kachinsky's class from
    // physical clay 34 % in the steppe column (30 to 45 %).
    #expect(layer.textureClass == "medium_loam")
    #expect(layer.textureScheme == "kachinsky")
    #expect(
        assessment.qaFlags == [
            "coarse_fragments_assumed_zero", "ph_inconsistent", "region_code_updated", "soc_from_som",
        ])
    // som 29 g/kg / 1.724 x 1.29 x 30 x 0.1
    #expect(abs(assessment.derived.socStock0to30! - 29 / 1.724 * 1.29 * 3) < 0.001)
}

@Test func truncatedAndCorruptedFixturesNeverCrashTheValidator() throws {
    // Every prefix of a fixture is malformed or (rarely) a complete value; every single-byte
    // corruption gives some answer. The point is that nothing traps.
    let bytes = try #require(try fixtures().first { $0.name == "kz-chestnut-akmola.json" }).bytes
    var outcomes = (valid: 0, invalid: 0, malformed: 0)
    for cut in stride(from: 0, to: bytes.count, by: 3) {
        var corrupted = bytes
        corrupted[cut] = [0x22, 0x7D, 0x30, 0x2C, 0x5D][cut % 5]
        for candidate in [Array(bytes[..<cut]), corrupted] {
            switch testValidator.validate(candidate, today: testToday) {
            case .valid: outcomes.valid += 1
            case .invalid(let failure):
                outcomes.invalid += 1
                #expect(!failure.problems.isEmpty)
            case .malformed: outcomes.malformed += 1
            }
        }
    }
    #expect(outcomes.malformed > 0 && outcomes.invalid > 0)
}
