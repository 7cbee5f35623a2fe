import Testing

@testable import Assessments

private func layer(_ top: Double, _ bottom: Double, _ values: [String: Double]) -> Layer {
    Layer(
        top: top, bottom: bottom, horizon: nil,
        measurements: values.keys.sorted().map { Measurement(indicator: $0, value: values[$0]!, unit: "") },
        textureClass: nil)
}

@Test func workedExampleGives39() {
    let result = Derived.socStock(layers: [layer(0, 30, ["soc": 10, "bd_fe": 1.3, "cf_vol": 0])])
    #expect(result.stock == 39)
    #expect(result.flags == [])
}

@Test func layeredAndClippedStock() {
    // 0-10: 20 x 1.2 x 10 x 0.1 = 24; 10-50 clipped to 10-30: 10 x 1.4 x 20 x 0.1 = 28.
    let result = Derived.socStock(layers: [
        layer(0, 10, ["soc": 20, "bd_fe": 1.2, "cf_vol": 0]),
        layer(10, 50, ["soc": 10, "bd_fe": 1.4, "cf_vol": 0]),
    ])
    #expect(result.stock == 52)
}

@Test func stonyStocks() {
    // 25 % stones by volume remove a quarter: 39 x 0.75.
    #expect(Derived.socStock(layers: [layer(0, 30, ["soc": 10, "bd_fe": 1.3, "cf_vol": 25])]).stock == 29.25)
    // Whole-soil density with 20 % stones by mass: 10 x 1.5 x 0.8 x 30 x 0.1 = 36.
    #expect(Derived.socStock(layers: [layer(0, 30, ["soc": 10, "bd_ws": 1.5, "cf_grav": 20])]).stock == 36)
    let assumed = Derived.socStock(layers: [layer(0, 30, ["soc": 10, "bd_fe": 1.3])])
    #expect(assumed.stock == 39)
    #expect(assumed.flags == ["coarse_fragments_assumed_zero"])
}

@Test func organicMatterStandsInForCarbon() {
    let result = Derived.socStock(layers: [layer(0, 30, ["som": 17.24, "bd_fe": 1.3, "cf_vol": 0])])
    #expect(result.stock == 39)
    #expect(result.flags == ["soc_from_som"])
}

@Test func gapGivesNullAndIncompleteDepth() {
    let gap = Derived.socStock(layers: [
        layer(0, 10, ["soc": 10, "bd_fe": 1.3]), layer(15, 30, ["soc": 10, "bd_fe": 1.3]),
    ])
    #expect(gap.stock == nil)
    #expect(gap.flags.contains("incomplete_depth"))
    let shallow = Derived.socStock(layers: [layer(0, 20, ["soc": 10, "bd_fe": 1.3])])
    #expect(shallow.stock == nil)
    #expect(shallow.flags.contains("incomplete_depth"))
    let late = Derived.socStock(layers: [layer(5, 30, ["soc": 10, "bd_fe": 1.3])])
    #expect(late.stock == nil)
    let noCarbon = Derived.socStock(layers: [
        layer(0, 10, ["soc": 10, "bd_fe": 1.3]), layer(10, 30, ["bd_fe": 1.3]),
    ])
    #expect(noCarbon.flags.contains("incomplete_depth"))
}

@Test func missingBulkDensityGivesNull() {
    let result = Derived.socStock(layers: [
        layer(0, 10, ["soc": 10, "bd_fe": 1.3]), layer(10, 30, ["soc": 10]),
    ])
    #expect(result.stock == nil)
    #expect(result.flags.contains("no_bulk_density"))
}

@Test func gapInSubmittedDocumentGivesNullInDerived() throws {
    let document = with("/layers/1/top_cm", number(15))
    let assessment = try valid(document)
    #expect(assessment.derived.socStock0to30 == nil)
    #expect(assessment.qaFlags.contains("incomplete_depth"))
    let text = String(decoding: assessment.representation(server: sampleServerFields), as: UTF8.self)
    #expect(text.contains(#""soc_stock_0_30_t_ha":null"#))
}

@Test(arguments: [
    // Corners of the triangle.
    (100.0, 0.0, 0.0, "sand"), (0.0, 100.0, 0.0, "silt"), (0.0, 0.0, 100.0, "clay"),
    // Edges and class boundaries.
    (85.0, 15.0, 0.0, "loamy sand"), (90.0, 10.0, 0.0, "sand"), (70.0, 30.0, 0.0, "sandy loam"),
    (50.0, 50.0, 0.0, "silt loam"), (20.0, 80.0, 0.0, "silt"), (60.0, 0.0, 40.0, "sandy clay"),
    (40.0, 0.0, 60.0, "clay"), (0.0, 60.0, 40.0, "silty clay"), (0.0, 35.0, 65.0, "clay"),
    (0.0, 73.0, 27.0, "silty clay loam"), (0.0, 88.0, 12.0, "silt loam"),
    // Interior points, one per remaining class.
    (40.0, 40.0, 20.0, "loam"), (60.0, 15.0, 25.0, "sandy clay loam"), (30.0, 35.0, 35.0, "clay loam"),
    (10.0, 55.0, 35.0, "silty clay loam"), (20.0, 65.0, 15.0, "silt loam"), (65.0, 25.0, 10.0, "sandy loam"),
    // Exactly on boundaries: clay 40 / silt 40 belongs to silty clay, clay 27 sand 20 to silty clay loam.
    (20.0, 40.0, 40.0, "silty clay"), (20.0, 53.0, 27.0, "silty clay loam"), (45.0, 28.0, 27.0, "clay loam"),
])
func usdaTextureClasses(_ sand: Double, _ silt: Double, _ clay: Double, _ expected: String) {
    #expect(Derived.textureClass(sand: sand, silt: silt, clay: clay) == expected)
}

@Test func everyPointOfTheTriangleHasAClass() {
    var seen: Set<String> = []
    for clay in 0...100 {
        for silt in 0...(100 - clay) {
            let result = Derived.textureClass(
                sand: Double(100 - clay - silt), silt: Double(silt), clay: Double(clay))
            #expect(result != nil)
            if let result { seen.insert(result) }
        }
    }
    #expect(seen.count == 12)
    #expect(Derived.textureClass(sand: 0, silt: 0, clay: 0) == nil)
    #expect(Derived.textureClass(sand: 45, silt: 45, clay: 5) == "sandy loam")
}

let sampleServerFields = ServerFields(
    id: 7, revision: 2, status: "active", submittedAt: "2025-03-01T10:00:00Z", submittedBy: "kz-agency",
    updatedAt: "2025-03-02T10:00:00Z", schemaVersion: "1+abc")
