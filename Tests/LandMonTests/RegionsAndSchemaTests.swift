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
