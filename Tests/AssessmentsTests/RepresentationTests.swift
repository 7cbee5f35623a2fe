import Foundation
import Messages
import Testing

@testable import Assessments

@Test func canonicalJSONIsDeterministic() throws {
    // Same content, different member order, whitespace and units: same canonical bytes.
    let a = json(
        #"{"reference":"R-1","country":"KZ","region":"KZ-11","site":{"id":"S","lat":51.17,"lon":71.45},"sampled_on":"2024-06-14","land_cover":"grassland","layers":[{"top_cm":0,"bottom_cm":30,"measurements":[{"indicator":"soc","value":10}]}]}"#
    )
    let b = json(
        #"{ "layers":[{"measurements":[{"value":1.0,"unit":"%","indicator":"soc"}],"bottom_cm":30,"top_cm":0}], "land_cover":"grassland","sampled_on":"2024-06-14","site":{"lon":71.45,"lat":51.17,"id":"S"},"region":"KZ-11","country":"KZ","reference":"R-1"}"#
    )
    let canonicalA = String(decoding: try valid(a).canonicalJSON(), as: UTF8.self)
    #expect(
        canonicalA
            == #"{"reference":"R-1","country":"KZ","region":"KZ-11","site":{"id":"S","lat":51.17,"lon":71.45},"sampled_on":"2024-06-14","land_cover":"grassland","layers":[{"top_cm":0,"bottom_cm":30,"measurements":[{"indicator":"soc","value":10,"unit":"g/kg"}]}]}"#
    )
    let canonicalB = String(decoding: try valid(b).canonicalJSON(), as: UTF8.self)
    #expect(canonicalB.contains(#""original_value":1,"original_unit":"%""#))
    #expect(try valid(a).canonicalJSON() == valid(a).canonicalJSON())
}

@Test func representationHasServerFieldsFirstThenDerivedAndFlags() throws {
    let assessment = try valid(baseDocument)
    let bytes = assessment.representation(server: sampleServerFields)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(
        text.hasPrefix(
            #"{"id":7,"revision":2,"status":"active","submitted_at":"2025-03-01T10:00:00Z","submitted_by":"kz-agency","updated_at":"2025-03-02T10:00:00Z","schema_version":"1+abc","reference":"KZ-T-1""#
        ))
    #expect(
        text.hasSuffix(
            #""derived":{"soc_stock_0_30_t_ha":39,"flags":["coarse_fragments_assumed_zero"],"values_0_30":{"soc":10,"bd_fe":1.3},"layers":[{"top_cm":0,"bottom_cm":10,"texture_class":null},{"top_cm":10,"bottom_cm":30,"texture_class":null}]},"qa_flags":["coarse_fragments_assumed_zero"]}"#
        ))
    // The stored bytes are valid strict JSON without duplicate keys.
    let parsed = try JSONParser().parse(bytes)
    #expect(parsed["derived"]?["soc_stock_0_30_t_ha"]?.numberValue?.value == 39)
}

@Test func everyFixtureRoundTripsThroughItsCanonicalForm() throws {
    // The canonical form carries original_value/original_unit beside converted values, which a
    // submission may not; with those removed it must validate to the same bytes again.
    for fixture in try fixtures() {
        guard case .valid(let first) = testValidator.validate(fixture.bytes, today: testToday) else {
            Issue.record("\(fixture.name) invalid")
            continue
        }
        let canonical = first.canonicalJSON()
        var resubmitted = try JSONParser().parse(canonical)
        for (layerIndex, layer) in first.layers.enumerated() {
            for (index, measurement) in layer.measurements.enumerated() where measurement.originalUnit != nil {
                let path = "/layers/\(layerIndex)/measurements/\(index)"
                resubmitted = setting(path + "/original_value", to: nil, in: resubmitted)
                resubmitted = setting(path + "/original_unit", to: nil, in: resubmitted)
            }
        }
        let second = try testValidator.validate(resubmitted, today: testToday).get()
        #expect(second.derived == first.derived, "\(fixture.name)")
        #expect(
            second.layers.map(\.measurements.count) == first.layers.map(\.measurements.count),
            "\(fixture.name)")
        if !first.layers.contains(where: { $0.measurements.contains { $0.originalUnit != nil } }) {
            #expect(second.canonicalJSON() == canonical, "\(fixture.name)")
        }
        _ = try JSONParser().parse(first.representation(server: sampleServerFields))
    }
}

@Test func measurementRowsAreCanonical() throws {
    let rows = try valid(with("/layers/0/measurements/0/unit", string("%"))).measurementRows
    // Four measurements, then the thickness-weighted 0-30 cm values of soc and bd_fe.
    #expect(rows.count == 6)
    #expect(rows[0].indicator == "soc" && rows[0].value == 100 && rows[0].top == 0 && rows[0].bottom == 10)
    #expect(rows[4].indicator == "soc_0_30" && rows[4].top == 0 && rows[4].bottom == 30)
}

@Test func problemsSerializeAndPrefix() {
    let problem = ValidationProblem(
        path: "/layers/0", code: .unknownField, message: Message("validation.unknown_field", ["field": "a\\b"]))
    var buffer: [UInt8] = []
    problem.prefixed(byIndex: 17).appendJSON(to: &buffer, catalog: testMessages, language: .en)
    #expect(
        String(decoding: buffer, as: UTF8.self)
            == #"{"path":"/17/layers/0","code":"unknown_field","message":"unknown field \"a\\b\" is not part of the schema"}"#
    )
    buffer = []
    problem.appendJSON(to: &buffer, catalog: testMessages, language: .ru)
    #expect(
        String(decoding: buffer, as: UTF8.self)
            == #"{"path":"/layers/0","code":"unknown_field","message":"неизвестное поле «a\\b» не входит в схему"}"#)
    #expect(problem.description == "/layers/0: unknown_field: validation.unknown_field {field=a\\b}")
}

@Test func jsonSchemaIsGeneratedFromTheCatalog() throws {
    let bytes = jsonSchema(for: testCatalog)
    let schema = try JSONParser().parse(bytes)
    #expect(schema["$schema"]?.stringValue == "https://json-schema.org/draft/2020-12/schema")
    #expect(schema["required"]?.arrayElements?.count == 7)
    let indicatorEnum = schema["$defs"]?["measurement"]?["properties"]?["indicator"]?["enum"]?.arrayElements
    #expect(indicatorEnum?.count == 33)
    #expect(schema["x-catalog"]?["indicators"]?.arrayElements?.first?["hard_max"]?.numberValue?.value == 600)
    #expect(schema["properties"]?["land_cover"]?["enum"]?.arrayElements?.count == 7)
    #expect(schema["additionalProperties"]?.storage == .bool(false))
    #expect(jsonSchema(for: testCatalog) == bytes)
}

@Test func jsonSchemaCarriesRussianNames() throws {
    let catalog = try JSONParser().parse(jsonSchema(for: testCatalog))["x-catalog"]
    let indicators = try #require(catalog?["indicators"]?.arrayElements)
    #expect(indicators.count == 33)
    for indicator in indicators {
        let code = indicator["code"]?.stringValue ?? "?"
        #expect(indicator["name_ru"]?.stringValue == testCatalog.indicators[code]?.nameRU, "\(code)")
    }
    #expect(indicators.first?["name_ru"]?.stringValue == "Органический углерод почвы")
    #expect(indicators.first?.objectMembers?.prefix(3).map(\.key) == ["code", "name", "name_ru"])
    for (list, entries) in [("land_cover", testCatalog.landCovers), ("land_use", testCatalog.landUses)] {
        let rendered = try #require(catalog?["code_lists"]?[list]?.arrayElements)
        #expect(rendered.map { $0["name_ru"]?.stringValue } == entries.map(\.nameRU), "\(list)")
    }
    let grassland = catalog?["code_lists"]?["land_cover"]?.arrayElements?.first {
        $0["code"]?.stringValue == "grassland"
    }
    #expect(grassland?["name_ru"]?.stringValue == "Луга и пастбища")
}
