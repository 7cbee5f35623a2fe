import Foundation
import Testing

@testable import LandMon

/// The thematic blocks through the API: refused by pointer, filtered, exported, counted.
@Suite struct BlockApiTests {
    /// Kyrgyz pasture visits in Naryn with the given season and forage yield.
    static func pasture(_ reference: String, season: String, forage: Double, region: String = "KG-N") -> [String: Any] {
        var document = T6Doc.make("KG", reference: reference, region: region, soc: 30)
        document["pasture"] = ["season": season, "forage_dm_kg_ha": forage, "degradation": 1]
        return document
    }

    @Test func aBadBlockIs422WithPointersInBothLanguages() throws {
        let t = try TestApp(.queries)
        var document = Self.pasture("KG-B-1", season: "autumn", forage: 9000)
        document["sand"] = ["fixation": "mobile", "height": 3]
        let reply = t.request(.post, "/v1/assessments", body: T6Doc.encode(document))
        #expect(reply.status == 422)
        #expect(reply.errorPaths == ["/pasture/season", "/pasture/forage_dm_kg_ha", "/sand/height"])
        #expect(reply.errorCodes == ["not_in_catalog", "out_of_range", "unknown_field"])
        let russian = t.request(.post, "/v1/assessments?lang=ru", body: T6Doc.encode(document))
        let messages = (russian.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(messages.count == 3)
        #expect(messages[1].contains("вне допустимого диапазона от 0 до 8000"))
        #expect(try t.count("assessments") == 0)
    }

    @Test func blocksAreFilteredExportedAndCounted() throws {
        let t = try TestApp(.queries)
        let summer = try t.store(Self.pasture("KG-B-2", season: "summer", forage: 1200))
        let summerRich = try t.store(Self.pasture("KG-B-3", season: "summer", forage: 2600, region: "KG-Y"))
        let winter = try t.store(Self.pasture("KG-B-4", season: "winter", forage: 600))
        _ = try t.store(T6Doc.make("KZ", reference: "KZ-B-5"))

        func ids(_ query: String) -> [Int64] {
            let reply = t.request(.get, "/v1/assessments?sort=submitted_at&" + query)
            #expect(reply.status == 200, "\(query): \(reply.text)")
            return reply.items.compactMap { ($0["id"] as? NSNumber)?.int64Value }
        }
        #expect(ids("pasture.season=summer") == [summer, summerRich])
        #expect(ids("pasture.season=winter") == [winter])
        #expect(ids("pasture.forage_dm_kg_ha.min=1000") == [summer, summerRich])
        #expect(ids("pasture.forage_dm_kg_ha.min=1000&pasture.forage_dm_kg_ha.max=2000") == [summer])
        #expect(ids("pasture.season=summer&region=KG-Y") == [summerRich])
        #expect(ids("pasture.degradation=1").count == 3)

        // Bad values are refused by name.
        for (query, parameter) in [
            ("pasture.season=autumn", "pasture.season"),
            ("pasture.forage_dm_kg_ha.min=9001", "pasture.forage_dm_kg_ha.min"),
            ("pasture.forage_dm_kg_ha=5", "pasture.forage_dm_kg_ha"), ("pasture.colour=red", "pasture.colour"),
            ("management.cover_crop=yes", "management.cover_crop"),
        ] {
            let reply = t.request(.get, "/v1/assessments?" + query)
            #expect(reply.status == 400, "\(query)")
            #expect(reply.parameter == parameter, "\(query)")
        }

        // CSV: one column per block field after the fixed ones.
        let csv = try T6CSV.parse(t.request(.get, "/v1/assessments?format=csv&pasture.season=winter").body)
        let season = try #require(csv[0].firstIndex(of: "pasture.season"))
        let forage = try #require(csv[0].firstIndex(of: "pasture.forage_dm_kg_ha"))
        #expect(csv.count == 3)  // header and the winter visit's two measurements
        #expect(csv[1][season] == "winter" && csv[1][forage] == "600")
        #expect(csv[0].contains("management.tillage"))

        // GeoJSON: the stored document, blocks included, is each feature's properties.
        let geojson = t.request(.get, "/v1/assessments?format=geojson&pasture.season=winter").object
        let features = try #require(geojson["features"] as? [[String: Any]])
        let properties = try #require(features.first?["properties"] as? [String: Any])
        #expect((properties["pasture"] as? [String: Any])?["season"] as? String == "winter")

        // Statistics: one value per assessment, grouped by region.
        let stats = t.request(.get, "/v1/stats?indicator=pasture.forage_dm_kg_ha&group_by=region")
        #expect(stats.status == 200, "\(stats.text)")
        let text = stats.text
        #expect(text.contains("KG-N") && text.contains("KG-Y") && !text.contains("KZ-"))
        #expect(text.contains(#""unit":"kg/ha""#))
        let soc = t.request(.get, "/v1/stats?indicator=soc_0_30&group_by=country")
        #expect(soc.status == 200 && soc.text.contains(#""unit":"g/kg""#))
        #expect(t.request(.get, "/v1/stats?indicator=pasture.season").parameter == "indicator")
    }
}
