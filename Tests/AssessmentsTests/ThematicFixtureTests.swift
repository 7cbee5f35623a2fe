import Foundation
import Testing

@testable import Assessments

private func fixture(_ name: String) throws -> Assessment {
    let bytes = try #require(try fixtures().first { $0.name == name }?.bytes, "\(name)")
    switch testValidator.validate(bytes, today: testToday) {
    case .valid(let assessment): return assessment
    case .invalid(let failure): throw FixtureFailure(description: "\(name): \(failure.problems)")
    case .malformed(let error): throw FixtureFailure(description: "\(name): \(error)")
    }
}

private struct FixtureFailure: Error, CustomStringConvertible {
    let description: String
}

@Test func everyBlockHasAFixture() throws {
    var seen: Set<String> = []
    for entry in try fixtures() {
        if case .valid(let assessment) = testValidator.validate(
            entry.bytes, today: testToday)
        {
            seen.formUnion(assessment.blocks.map(\.code))
        }
    }
    #expect(seen == Set(testCatalog.blocks.map(\.code)))
}

@Test func thematicFixturesDeriveWhatTheyShould() throws {
    let naryn = try fixture("kg-pasture-summer-naryn.json")
    #expect(naryn.blocks.first?.fields.first == BlockFieldValue(code: "season", value: .text("summer")))

    let ahal = try fixture("tm-sands-ahal.json")
    #expect(ahal.blocks.map(\.code) == ["pasture", "sand"])
    #expect(ahal.layers[0].textureClass == "sand" && ahal.layers[0].textureScheme == "usda")

    // Aral seabed: Cl/SO4 = 0.5 is chloride-sulfate; 4.8 + 0.1 x (9.6 - (3.1 - 0.42)) = 5.492, strongly saline.
    let aral = try fixture("uz-aral-planting-karakalpakstan.json")
    #expect(aral.layers[0].salinity == Salinity(type: "chloride_sulfate", degree: "strongly_saline", toxicIons: 5.492))
    #expect(aral.blocks.map(\.code) == ["sand", "planting"])

    let nukus = try fixture("uz-dust-trap-nukus.json")
    #expect(nukus.blocks.first?.fields.map(\.code) == ["g_m2_month", "trap_height_m", "period_from", "period_to"])

    // Khatlon: 0.62 / 2.1 = 0.3, chloride-sulfate; 0.62 + 0.1 x (2.1 - 0.72) = 0.758, slightly saline.
    let khatlon = try fixture("tj-groundwater-khatlon.json")
    #expect(khatlon.layers[0].salinity?.type == "chloride_sulfate")
    #expect(khatlon.layers[0].salinity?.degree == "slightly_saline")

    // Kursk chernozem under the Kachinsky scheme: physical clay 57-59 % is heavy loam (steppe column);
    // SOC 34.8 and 31.2 g/kg over 10 and 20 cm weigh to 32.4.
    let kursk = try fixture("ru-notill-kursk.json")
    #expect(kursk.layers.map(\.textureClass) == ["heavy_loam", "heavy_loam"])
    #expect(kursk.derived.values0to30.first { $0.name == "soc" }?.value == 32.4)
    #expect(kursk.blocks.first?.code == "management")
}
