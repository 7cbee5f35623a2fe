import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// `GET /v1/regions[?country=]` and `GET /v1/schema`: the catalogs an analyst needs to write queries.
@Suite struct RegionsAndSchemaTests {
    let harness: TestApp

    init() throws { harness = try TestApp(.queries) }

    @Test func regionsOfTheSixCountries() throws {
        let reply = harness.request(.get, "/v1/regions")
        #expect(reply.status == 200)
        let regions = try #require(reply.object["regions"] as? [[String: Any]])
        let countries = Set(regions.compactMap { $0["country"] as? String })
        #expect(countries == ["KZ", "KG", "RU", "TJ", "TM", "UZ"])
        #expect(
            regions.allSatisfy { ($0["code"] as? String)?.hasPrefix(($0["country"] as? String ?? "") + "-") == true })
        #expect(regions.allSatisfy { ($0["name"] as? String)?.isEmpty == false })
        // Current codes only: legacy Kazakh letter codes are accepted in queries but not listed.
        #expect(!regions.contains { $0["code"] as? String == "KZ-AKM" })
        #expect(regions.contains { $0["code"] as? String == "KZ-11" })
        let kg = harness.request(.get, "/v1/regions?country=KG").object["regions"] as? [[String: Any]] ?? []
        #expect(!kg.isEmpty && kg.allSatisfy { $0["country"] as? String == "KG" })
        #expect(kg.count == regions.filter { $0["country"] as? String == "KG" }.count)
        #expect(harness.request(.get, "/v1/regions?country=XX").parameter == "country")
        #expect(harness.request(.get, "/v1/regions?colour=red").parameter == "colour")
    }

    @Test func everyRegionIndicatorAndClassHasARussianName() throws {
        let cyrillic = { (text: Any?) in
            (text as? String)?.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } == true
        }
        let regions = try #require(harness.request(.get, "/v1/regions").object["regions"] as? [[String: Any]])
        #expect(regions.count == 137)
        #expect(regions.allSatisfy { cyrillic($0["name_ru"]) })
        let akmola = try #require(regions.first { $0["code"] as? String == "KZ-11" })
        #expect(akmola["name_ru"] as? String == "Акмолинская область")
        let catalog = try #require(harness.request(.get, "/v1/schema").object["x-catalog"] as? [String: Any])
        let indicators = try #require(catalog["indicators"] as? [[String: Any]])
        #expect(indicators.allSatisfy { cyrillic($0["name_ru"]) })
        let lists = try #require(catalog["code_lists"] as? [String: Any])
        for list in ["land_cover", "land_use"] {
            let entries = try #require(lists[list] as? [[String: Any]], "\(list)")
            #expect(entries.allSatisfy { cyrillic($0["name_ru"]) }, "\(list)")
        }
        // Statistics name their regions in both languages too.
        let summary = harness.request(.get, "/v1/regions/KZ-11/summary")
        #expect(summary.object["name_ru"] as? String == "Акмолинская область")
    }

    @Test func schemaIsJSONSchemaWithTheCatalogs() throws {
        let reply = harness.request(.get, "/v1/schema")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == "application/schema+json")
        #expect(reply.object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let required = reply.object["required"] as? [String] ?? []
        #expect(Set(required) == ["reference", "country", "region", "site", "sampled_on", "land_cover", "layers"])
        let catalog = try #require(reply.object["x-catalog"] as? [String: Any])
        let indicators = try #require(catalog["indicators"] as? [[String: Any]])
        let soc = try #require(indicators.first { $0["code"] as? String == "soc" })
        #expect(soc["unit"] as? String == "g/kg")
        #expect(soc["hard_max"] as? Double == 600)
        #expect((soc["methods"] as? [String])?.isEmpty == false)
        let lists = catalog["code_lists"] as? [String: Any]
        #expect((lists?["land_cover"] as? [[String: Any]])?.count == 7)
        #expect(harness.request(.get, "/v1/schema", authorized: false).status == 401)
    }
}

/// `GET /v1/regions/{code}`: the outline as a GeoJSON Feature.
@Suite struct RegionOutlineTests {
    @Test func outlineIsAFeatureWithCodeNamesAndCountry() throws {
        let t = try TestApp(.queries)
        let reply = t.request(.get, "/v1/regions/KZ-33")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == "application/geo+json")
        #expect(reply.headers["ETag"] != nil)
        #expect(reply.headers["Cache-Control"] != nil)
        #expect(reply.object["type"] as? String == "Feature")
        let properties = try #require(reply.object["properties"] as? [String: Any])
        #expect(properties["code"] as? String == "KZ-33")
        #expect(properties["country"] as? String == "KZ")
        #expect(properties["name_ru"] as? String == "область Жетісу")
        let geometry = try #require(reply.object["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "MultiPolygon")
        let polygons = try #require(geometry["coordinates"] as? [[[[Double]]]])
        // Taldykorgan, Jetisu's centre, lies within the outline's extent.
        let points = polygons.flatMap { $0[0] }
        #expect(points.map { $0[0] }.min()! < 78.37 && points.map { $0[0] }.max()! > 78.37)
        #expect(points.map { $0[1] }.min()! < 45.02 && points.map { $0[1] }.max()! > 45.02)
        // A legacy code answers its current region; a city without an outline has a null geometry.
        #expect(
            (t.request(.get, "/v1/regions/KZ-AKM").object["properties"] as? [String: Any])?["code"] as? String
                == "KZ-11")
        let osh = t.request(.get, "/v1/regions/KG-GO")
        #expect(osh.status == 200)
        #expect(osh.object["geometry"] is NSNull)
        let missing = t.request(.get, "/v1/regions/XX-1?lang=ru")
        #expect(missing.status == 404)
        #expect(missing.text.contains("XX-1 не является регионом"))
        #expect(t.request(.get, "/v1/regions/KZ-33", headers: [("Accept", "text/csv")]).status == 406)
        #expect(t.request(.get, "/v1/regions/KZ-33", headers: [("Accept", "application/json")]).status == 200)
    }
}
