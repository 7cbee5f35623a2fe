import Foundation
import Testing

@testable import Assessments

private func salinity(_ values: [String: Double]) -> Salinity? {
    Derived.salinity(values, rules: testCatalog.salinity)
}

@Test func salinityTypeByTheAnionRatio() {
    // Cl/SO4 in equivalents: > 2.5 chloride, 1-2.5 sulfate-chloride, 0.2-1 chloride-sulfate, < 0.2 sulfate.
    #expect(salinity(["cl_1_5": 3, "so4_1_5": 1])?.type == "chloride")
    #expect(salinity(["cl_1_5": 2.5, "so4_1_5": 1])?.type == "chloride")
    #expect(salinity(["cl_1_5": 1.5, "so4_1_5": 1])?.type == "sulfate_chloride")
    #expect(salinity(["cl_1_5": 1, "so4_1_5": 1])?.type == "sulfate_chloride")
    #expect(salinity(["cl_1_5": 0.5, "so4_1_5": 1])?.type == "chloride_sulfate")
    #expect(salinity(["cl_1_5": 0.1, "so4_1_5": 1])?.type == "sulfate")
    #expect(salinity(["cl_1_5": 0.4, "so4_1_5": 0])?.type == "chloride")
    // Without both anions there is no type.
    #expect(salinity(["cl_1_5": 3]) == nil)
}

@Test func sodaTypesWhenAlkalinityExceedsCalciumAndMagnesium() {
    // Bicarbonate beyond Ca + Mg is sodium bicarbonate; dominant alkalinity is the soda type.
    let soda = ["cl_1_5": 0.5, "so4_1_5": 0.4, "hco3_1_5": 2.0, "ca_1_5": 0.3, "mg_1_5": 0.2]
    #expect(salinity(soda)?.type == "soda")
    // Carbonate alone means soda; chloride dominates the anions here.
    #expect(salinity(["cl_1_5": 3, "so4_1_5": 1, "co3_1_5": 0.2, "hco3_1_5": 0.5])?.type == "soda_chloride")
    #expect(salinity(["cl_1_5": 0.5, "so4_1_5": 3, "co3_1_5": 0.1])?.type == "soda_sulfate")
    // Bicarbonate bound by calcium (Ca(HCO3)2) is no soda.
    #expect(salinity(["cl_1_5": 3, "so4_1_5": 1, "hco3_1_5": 0.5, "ca_1_5": 0.6, "mg_1_5": 0.2])?.type == "chloride")
}

@Test func salinityDegreeByTheToxicIons() throws {
    // Gypsum is not toxic: calcium left after bicarbonate binds sulfate. 0.1 + 0.1 x (0.5 - 0.3) = 0.12.
    let low = try #require(salinity(["cl_1_5": 0.1, "so4_1_5": 0.5, "ca_1_5": 0.6, "hco3_1_5": 0.3]))
    #expect(low.toxicIons == 0.12 && low.degree == "non_saline")
    // 3 + 0.1 x (1 - 0.1) = 3.09: strongly saline.
    let strong = try #require(salinity(["cl_1_5": 3, "so4_1_5": 1, "ca_1_5": 0.5, "hco3_1_5": 0.4]))
    #expect(strong.toxicIons == 3.09 && strong.degree == "strongly_saline")
    #expect(salinity(["cl_1_5": 0.5, "so4_1_5": 1, "ca_1_5": 0.2])?.degree == "slightly_saline")
    #expect(salinity(["cl_1_5": 1.5, "so4_1_5": 1, "ca_1_5": 0.2])?.degree == "moderately_saline")
    // A chloride crust of the Aral seabed.
    #expect(salinity(["cl_1_5": 40, "so4_1_5": 12, "ca_1_5": 6])?.degree == "solonchak")
    // Soda counts 2.5 times: 0.5 + 0.1 x 0.4 + 2.5 x 1 = 3.04.
    #expect(salinity(["cl_1_5": 0.5, "so4_1_5": 0.4, "co3_1_5": 1, "ca_1_5": 0])?.toxicIons == 3.04)
    // Without calcium the toxic sulfate is unknown: a type, no degree.
    let noCalcium = try #require(salinity(["cl_1_5": 3, "so4_1_5": 1]))
    #expect(noCalcium.degree == nil && noCalcium.toxicIons == nil && noCalcium.type == "chloride")
}

@Test func salinityIsStoredUnderTheLayersDerivedValues() throws {
    let ions =
        #"[{"indicator":"cl_1_5","value":3},{"indicator":"so4_1_5","value":1,"unit":"meq/100g"},{"indicator":"ca_1_5","value":0.5},{"indicator":"hco3_1_5","value":0.4}]"#
    let document = setting(
        "/layers", to: json(#"[{"top_cm":0,"bottom_cm":5,"measurements":\#(ions)}]"#), in: baseDocument)
    let assessment = try valid(document)
    #expect(assessment.layers[0].salinity == Salinity(type: "chloride", degree: "strongly_saline", toxicIons: 3.09))
    let text = String(decoding: assessment.representation(server: sampleServerFields), as: UTF8.self)
    #expect(
        text.contains(
            #"{"top_cm":0,"bottom_cm":5,"texture_class":null,"salinity_type":"chloride","salinity_degree":"strongly_saline","toxic_ions_cl_eq":3.09}"#
        ))
    // The thresholds are catalog data, with their source.
    #expect(testCatalog.salinity.degrees.map(\.code).last == "solonchak")
    #expect(testCatalog.salinity.degrees.first?.nameRU == "незасолённые")
    let file = try String(
        contentsOf: repositoryRoot.appendingPathComponent("Config/schema/salinity.json"), encoding: .utf8)
    #expect(file.contains("Bazilevich") && file.contains("Pankova"))
}
