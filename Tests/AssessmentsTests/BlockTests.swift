import Foundation
import Messages
import Testing

@testable import Assessments

/// `problems` of a document as `path code`.
private func found(_ document: JSONValue, catalog: Catalog = testCatalog) -> [String] {
    let result = Validator(catalog: catalog).validate(document, today: testToday)
    guard case .failure(let failure) = result else { return [] }
    return failure.problems.map { "\($0.path) \($0.code.rawValue)" }
}

/// The base document with `block` set to `value` (JSON text).
private func withBlock(_ block: String, _ value: String) -> JSONValue {
    with("/" + block, json(value))
}

@Test func everyBlockOfTheIssueIsInTheCatalog() {
    #expect(testCatalog.blocks.map(\.code) == ["pasture", "sand", "planting", "dust", "water", "management"])
    let pasture = testCatalog.block("pasture")!
    #expect(
        pasture.fields.map(\.code) == [
            "season", "forage_dm_kg_ha", "eatable_pct", "stocking_su_ha", "degradation", "distance_to_water_km",
        ])
    #expect(pasture.field("season")?.codes.map(\.code) == ["winter", "spring_autumn", "summer"])
    #expect(pasture.field("forage_dm_kg_ha")?.max == 8000)
    #expect(pasture.field("forage_dm_kg_ha")?.unit == "kg/ha")
    #expect(pasture.nameRU.contains("Пастбище"))
    #expect(testCatalog.blockField("sand.fixation")?.field.codes.count == 4)
    #expect(testCatalog.blockField("planting.species")?.field.codes.map(\.code).contains("Haloxylon") == true)
    #expect(testCatalog.blockField("water.irrigation_water_ec")?.field.max == 20)
    #expect(testCatalog.blockField("management.shelterbelt_distance_h")?.field.max == 30)
    #expect(testCatalog.blockField("management.cover_crop")?.field.kind == .boolean)
    #expect(testCatalog.blockField("dust.g_m2_month")?.field.isRequired == true)
    for block in testCatalog.blocks {
        for field in block.fields {
            #expect(field.nameRU.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "\(field.code)")
        }
    }
}

@Test func validBlocksAreStoredInCatalogOrder() throws {
    let document = setting(
        "/management", to: json(#"{"cover_crop": true, "tillage": "no_till", "belt_age_yr": 35}"#),
        in: withBlock("pasture", #"{"forage_dm_kg_ha": 1450.5, "season": "summer", "degradation": 2}"#))
    let assessment = try valid(document)
    #expect(assessment.blocks.map(\.code) == ["pasture", "management"])
    let text = String(decoding: assessment.canonicalJSON(), as: UTF8.self)
    #expect(text.contains(#""pasture":{"season":"summer","forage_dm_kg_ha":1450.5,"degradation":2}"#))
    #expect(text.contains(#""management":{"tillage":"no_till","cover_crop":true,"belt_age_yr":35}"#))
    // Numeric fields become statistics rows, one per assessment.
    let rows = assessment.measurementRows.filter { $0.indicator.hasPrefix("pasture.") }
    #expect(rows.map(\.indicator) == ["pasture.forage_dm_kg_ha", "pasture.degradation"])
    #expect(rows.map(\.value) == [1450.5, 2])
    // The stored document validates again to the same assessment (a PUT of what GET gave).
    let again = try valid(try JSONParser().parse(assessment.canonicalJSON()))
    #expect(again == assessment)
}

@Test func badBlockFieldsAreNamedByPointer() {
    #expect(found(withBlock("pasture", #"{"season": "autumn"}"#)) == ["/pasture/season not_in_catalog"])
    #expect(found(withBlock("pasture", #"{"seasn": "summer"}"#)) == ["/pasture/seasn unknown_field"])
    #expect(found(withBlock("pasture", #"{"forage_dm_kg_ha": 9000}"#)) == ["/pasture/forage_dm_kg_ha out_of_range"])
    #expect(found(withBlock("pasture", #"{"forage_dm_kg_ha": "900"}"#)) == ["/pasture/forage_dm_kg_ha type"])
    #expect(found(withBlock("pasture", #"{"degradation": 2.5}"#)) == ["/pasture/degradation type"])
    #expect(found(withBlock("pasture", #"{"season": 3}"#)) == ["/pasture/season type"])
    #expect(found(withBlock("pasture", #"[]"#)) == ["/pasture type"])
    #expect(found(withBlock("management", #"{"cover_crop": "yes"}"#)) == ["/management/cover_crop type"])
    #expect(found(withBlock("sand", #"{"dune_migration_m_yr": -1}"#)) == ["/sand/dune_migration_m_yr out_of_range"])
    #expect(found(withBlock("water", #"{"irrigation_water_ec": 20.5}"#)) == ["/water/irrigation_water_ec out_of_range"])
    // Required fields, dates and the order of the exposure period.
    #expect(
        found(withBlock("dust", #"{"trap_height_m": 2}"#)) == [
            "/dust/g_m2_month required", "/dust/period_from required", "/dust/period_to required",
        ])
    #expect(
        found(withBlock("dust", #"{"g_m2_month": 30, "period_from": "2024-05-01", "period_to": "2024-04-30"}"#))
            == ["/dust/period_to inconsistent"])
    #expect(
        found(withBlock("dust", #"{"g_m2_month": 30, "period_from": "2024-02-30", "period_to": "2024-04-30"}"#))
            == ["/dust/period_from format"])
    // An unknown block is an unknown field like any other.
    #expect(found(withBlock("grazing", #"{}"#)) == ["/grazing unknown_field"])
}

@Test func blockMessagesAreLocalized() {
    let document = withBlock("pasture", #"{"season": "autumn", "stocking_su_ha": 25}"#)
    guard case .failure(let failure) = testValidator.validate(document, today: testToday) else {
        Issue.record("valid")
        return
    }
    let english = failure.problems.map { text($0, in: .en) }
    let russian = failure.problems.map { text($0, in: .ru) }
    #expect(
        english == [
            #"pasture.season "autumn" is not one of winter, spring_autumn, summer"#,
            "pasture.stocking_su_ha 25 is outside 0 to 20",
        ])
    #expect(russian[0].contains("pasture.season") && russian[0].contains("допустимые значения"))
    #expect(russian[1].contains("вне допустимого диапазона"))
}

@Test func addingABlockFieldNeedsNoCode() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("blocks-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for name in Catalog.fileNames {
        var text = try String(
            contentsOf: repositoryRoot.appendingPathComponent("Config/schema").appendingPathComponent(name),
            encoding: .utf8)
        if name == "blocks.json" {
            let field =
                #"{"code": "herd_walk_km", "type": "number", "unit": "km", "min": 0, "max": 30, "name": "Daily herd walk", "name_ru": "Суточный перегон стада"},"#
            text = text.replacingOccurrences(of: #""fields": ["#, with: #""fields": ["# + field)
        }
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let catalog = try Catalog.load(from: directory)
    #expect(catalog.blockField("pasture.herd_walk_km")?.field.max == 30)
    let document = withBlock("pasture", #"{"herd_walk_km": 12}"#)
    #expect(try Validator(catalog: catalog).validate(document, today: testToday).get().blocks.count == 1)
    #expect(
        found(withBlock("pasture", #"{"herd_walk_km": 31}"#), catalog: catalog) == [
            "/pasture/herd_walk_km out_of_range"
        ])
    #expect(found(document) == ["/pasture/herd_walk_km unknown_field"])
    let schema = String(decoding: jsonSchema(for: catalog), as: UTF8.self)
    #expect(schema.contains(#""herd_walk_km":{"description":"Daily herd walk, km","maximum":30"#))
}

@Test func jsonSchemaDescribesTheBlocks() throws {
    let schema = try JSONParser().parse(jsonSchema(for: testCatalog))
    let pasture = try #require(schema["properties"]?["pasture"])
    #expect(pasture["additionalProperties"]?.storage == .bool(false))
    let season = pasture["properties"]?["season"]?["enum"]?.arrayElements?.compactMap(\.stringValue)
    #expect(season == ["winter", "spring_autumn", "summer"])
    #expect(pasture["properties"]?["forage_dm_kg_ha"]?["maximum"]?.numberValue?.value == 8000)
    #expect(schema["properties"]?["dust"]?["required"]?.arrayElements?.count == 3)
    #expect(schema["properties"]?["management"]?["properties"]?["cover_crop"]?["type"]?.stringValue == "boolean")
    let layer = try #require(schema["$defs"]?["layer"])
    #expect(layer["properties"]?["psd_basis"]?["enum"]?.arrayElements?.count == 4)
    let blocks = try #require(schema["x-catalog"]?["blocks"]?.arrayElements)
    #expect(blocks.first?["name_ru"]?.stringValue == testCatalog.blocks[0].nameRU)
}
