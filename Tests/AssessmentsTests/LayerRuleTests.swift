import Foundation
import Testing

@testable import Assessments

private let soc = "/layers/0/measurements/0"

@Test func layerCountLimits() {
    expectOnly(with("/layers", json("[]")), "/layers", .outOfRange)
    let layer = json(#"{"top_cm":0,"bottom_cm":1,"measurements":[{"indicator":"ph_h2o","value":7}]}"#)
    let many = JSONValue(
        .array(
            (0..<21).map { index in
                setting(
                    "/bottom_cm", to: number(Double(index + 1)),
                    in: setting("/top_cm", to: number(Double(index)), in: layer))
            }))
    expectOnly(with("/layers", many), "/layers", .outOfRange)
    expectOnly(with("/layers", json("{}")), "/layers", .type)
}

@Test func layerDepthRules() {
    expectOnly(with("/layers/0/top_cm", number(-1)), "/layers/0/top_cm", .outOfRange)
    expectOnly(with("/layers/1/bottom_cm", number(1001)), "/layers/1/bottom_cm", .outOfRange)
    let message = expectOnly(with("/layers/1/bottom_cm", number(10)), "/layers/1/bottom_cm", .inconsistent)
    #expect(message == "bottom_cm 10 must be greater than top_cm 10")
    expectOnly(with("/layers/0/top_cm", nil), "/layers/0/top_cm", .required)
    expectOnly(with("/layers/0/measurements", nil), "/layers/0/measurements", .required)
    expectOnly(with("/layers/0/horizon", number(1)), "/layers/0/horizon", .type)
    expectOnly(with("/layers/0/depth", number(1)), "/layers/0/depth", .unknownField)
}

@Test func overlappingLayers() {
    let message = expectOnly(with("/layers/1/top_cm", number(5)), "/layers/1", .overlap)
    #expect(message.contains("5-30 cm overlaps"))
    // Given in reverse order the layers are fine, and stored in depth order.
    let reversed = with("/layers", JSONValue(.array(baseDocument["layers"]!.arrayElements!.reversed())))
    #expect(problems(reversed).isEmpty)
    #expect(try! valid(reversed).layers.map(\.top) == [0, 10])
}

@Test func measurementCountLimits() {
    expectOnly(with("/layers/0/measurements", json("[]")), "/layers/0/measurements", .outOfRange)
}

@Test func oneMeasurementPerIndicatorPerLayer() {
    let message = expectOnly(
        with("/layers/0/measurements/-", json(#"{"indicator":"soc","value":3}"#)),
        "/layers/0/measurements/2/indicator", .duplicate)
    #expect(message == "indicator soc is measured twice in this layer")
}

@Test func measurementRules() {
    expectOnly(with(soc + "/indicator", string("carbon")), soc + "/indicator", .notInCatalog)
    expectOnly(with(soc + "/indicator", nil), soc + "/indicator", .required)
    expectOnly(with(soc + "/value", nil), soc + "/value", .required)
    let typeMessage = expectOnly(with(soc + "/value", string("10")), soc + "/value", .type)
    #expect(typeMessage == "soc must be a JSON number, not the string \"10\"")
    expectOnly(with(soc + "/value", JSONValue(.null)), soc + "/value", .type)
    expectOnly(with(soc + "/value", json("1e999")), soc + "/value", .outOfRange)
    expectOnly(with(soc + "/unit", string("ppm")), soc + "/unit", .unitNotAccepted)
    expectOnly(with(soc + "/method", string("OrgC_magic")), soc + "/method", .methodNotAccepted)
    expectOnly(with(soc + "/method", string("national:GOST 26213-91")), soc + "/method", .methodNotAccepted)
    expectOnly(with(soc + "/uncertainty", number(-0.1)), soc + "/uncertainty", .outOfRange)
    expectOnly(with(soc + "/note", string("x")), soc + "/note", .unknownField)
}

@Test func hardBoundsAfterConversion() {
    let message = expectOnly(with(soc + "/value", number(812)), soc + "/value", .outOfRange)
    #expect(message == "soc 812 g/kg is above the maximum of 600 g/kg")
    let converted = setting(soc + "/unit", to: string("%"), in: with(soc + "/value", number(81.2)))
    let convertedMessage = expectOnly(converted, soc + "/value", .outOfRange)
    #expect(convertedMessage == "soc 81.2 % (812 g/kg) is above the maximum of 600 g/kg")
    expectOnly(with(soc + "/value", number(-1)), soc + "/value", .outOfRange)
    #expect(problems(with(soc + "/value", number(600))).isEmpty)
}

@Test func typicalRangeIsAFlag() throws {
    let assessment = try valid(with(soc + "/value", number(200)))
    #expect(assessment.qaFlags.contains("out_of_typical_range"))
    #expect(!(try valid(baseDocument)).qaFlags.contains("out_of_typical_range"))
}

@Test func unitsAreConvertedAndOriginalsKept() throws {
    var document = with(soc + "/unit", string("%"))
    document = setting(soc + "/value", to: number(0.84), in: document)
    document = setting(soc + "/uncertainty", to: number(0.09), in: document)
    let measurement = try valid(document).layers[0].measurements[0]
    #expect(measurement.value == 8.4)
    #expect(measurement.unit == "g/kg")
    #expect(measurement.originalValue == 0.84)
    #expect(measurement.originalUnit == "%")
    #expect(measurement.uncertainty == 0.9)
    let canonical = try valid(with(soc + "/unit", string("g/kg"))).layers[0].measurements[0]
    #expect(canonical.originalUnit == nil)
}

@Test func nationalMethodsWhereListed() throws {
    let layer = json(
        #"{"top_cm":30,"bottom_cm":50,"measurements":[{"indicator":"tss","value":1.2,"method":"national:GOST 26423-85"}]}"#
    )
    #expect(try valid(with("/layers/-", layer)).layers[2].measurements[0].method == "national:GOST 26423-85")
    let blank = setting(
        "/layers/2/measurements/0/method", to: string("national:  "), in: with("/layers/-", layer))
    expectOnly(blank, "/layers/2/measurements/0/method", .methodNotAccepted)
}

private func layerWith(_ measurements: String) -> JSONValue {
    with("/layers/-", json(#"{"top_cm":30,"bottom_cm":60,"measurements":"# + measurements + "}"))
}

@Test func textureSum() throws {
    let low = layerWith(
        #"[{"indicator":"sand","value":40},{"indicator":"silt","value":30},{"indicator":"clay","value":19}]"#)
    let message = expectOnly(low, "/layers/2", .inconsistent)
    #expect(message == "sand + silt + clay of layer 30-60 cm is 89 g/100g, outside 90 to 101")
    let high = layerWith(
        #"[{"indicator":"sand","value":40},{"indicator":"silt","value":40},{"indicator":"clay","value":21.5}]"#
    )
    expectOnly(high, "/layers/2", .inconsistent)
    let flagged = layerWith(
        #"[{"indicator":"sand","value":40},{"indicator":"silt","value":40},{"indicator":"clay","value":17}]"#)
    #expect(try valid(flagged).qaFlags.contains("texture_sum"))
    let fine = layerWith(
        #"[{"indicator":"sand","value":40},{"indicator":"silt","value":40},{"indicator":"clay","value":20}]"#)
    #expect(!(try valid(fine)).qaFlags.contains("texture_sum"))
    #expect(try valid(fine).layers[2].textureClass == "loam")
}

@Test func carbonAndPHConsistencyFlags() throws {
    let carbon = layerWith(#"[{"indicator":"soc","value":12},{"indicator":"totc","value":11}]"#)
    #expect(try valid(carbon).qaFlags.contains("carbon_inconsistent"))
    let carbonFine = layerWith(#"[{"indicator":"soc","value":12},{"indicator":"totc","value":12}]"#)
    #expect(!(try valid(carbonFine)).qaFlags.contains("carbon_inconsistent"))
    let kcl = layerWith(#"[{"indicator":"ph_h2o","value":7},{"indicator":"ph_kcl","value":7.6}]"#)
    #expect(try valid(kcl).qaFlags.contains("ph_inconsistent"))
    let cacl2 = layerWith(#"[{"indicator":"ph_h2o","value":7},{"indicator":"ph_cacl2","value":7.6}]"#)
    #expect(try valid(cacl2).qaFlags.contains("ph_inconsistent"))
    let edge = layerWith(#"[{"indicator":"ph_h2o","value":7},{"indicator":"ph_kcl","value":7.5}]"#)
    #expect(!(try valid(edge)).qaFlags.contains("ph_inconsistent"))
}

@Test func tenBrokenRulesGiveTenProblems() {
    let document = json(
        """
        {"reference": "bad ref", "country": "KZ", "region": "KZ-99",
         "site": {"id": "S-1", "lat": 30, "lon": 71.45},
         "sampled_on": "2030-01-01", "land_cover": "forest",
         "layers": [
           {"top_cm": 0, "bottom_cm": 10, "measurements": [
             {"indicator": "soc", "value": "10"}, {"indicator": "bd_fe", "value": 1.3, "unit": "lb/ft3"},
             {"indicator": "ph_h2o", "value": 7, "method": "litmus"}]},
           {"top_cm": 10, "bottom_cm": 30, "measurements": [
             {"indicator": "soc", "value": 900}, {"indicator": "ec_e", "value": 1}, {"indicator": "ec_e", "value": 2}]}
         ]}
        """)
    let found = problems(document).map { "\($0.path) \($0.code.rawValue)" }
    #expect(
        found.sorted()
            == [
                "/land_cover not_in_catalog",
                "/layers/0/measurements/0/value type",
                "/layers/0/measurements/1/unit unit_not_accepted",
                "/layers/0/measurements/2/method method_not_accepted",
                "/layers/1/measurements/0/value out_of_range",
                "/layers/1/measurements/2/indicator duplicate",
                "/reference format",
                "/region not_in_catalog",
                "/sampled_on future_date",
                "/site outside_country",
            ].sorted())
}

@Test func wholeDocumentMustBeAnObject() {
    #expect(problems(json("[1]")).map(\.path) == [""])
    #expect(problems(json("[1]")).map(\.code) == [.type])
}

/// An overlap is reported even when one of the overlapping layers has another problem.
@Test func overlapOfAnInvalidLayerIsReportedToo() throws {
    let body = Array(
        """
        {"reference":"KZ-1","country":"KZ","region":"KZ-11","site":{"id":"S1","lat":51.1,"lon":71.4},
         "sampled_on":"2020-06-01","land_cover":"grassland",
         "layers":[{"top_cm":0,"bottom_cm":20,"measurements":[{"indicator":"soc","value":10}]},
                   {"top_cm":10,"bottom_cm":30,"measurements":[{"indicator":"soc","value":9000}]}]}
        """.utf8)
    let catalog = try Catalog.load(
        from: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Config/schema"))
    guard case .invalid(let failure) = Validator(catalog: catalog).validate(body, today: Date()) else {
        Issue.record("the document was accepted")
        return
    }
    #expect(failure.problems.contains { $0.path == "/layers/1" && $0.code == .overlap })
    #expect(failure.problems.contains { $0.path == "/layers/1/measurements/0/value" && $0.code == .outOfRange })
}
