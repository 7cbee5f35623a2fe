import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// `landmon seed`: `Seeder.seed(count:)` stores that many valid assessments across the six
/// countries, dated 2000 to 2025, with stocks for statistics and LDN to show.
@Suite struct SeedTests {
    @Test func seedsThreeHundredAcrossTheSixCountries() throws {
        let harness = try TestApp(.queries)
        #expect(try Seeder(application: harness.app).seed(count: 300) == 300)
        let total = harness.request(.get, "/v1/assessments?limit=1&count=true")
        #expect(total.object["total"] as? Int == 300)
        #expect(harness.app.commits.activeAssessments == 300)
        let dated = harness.request(.get, "/v1/assessments?limit=1&count=true&from=2000-01-01&to=2025-12-31")
        #expect(dated.object["total"] as? Int == 300)
        let byCountry = harness.request(.get, "/v1/stats?indicator=soc_stock_0_30&group_by=country")
        let countries = (byCountry.object["groups"] as? [[String: Any]] ?? []).compactMap { $0["country"] as? String }
        #expect(countries == ["KG", "KZ", "RU", "TJ", "TM", "UZ"])
        for country in countries {
            let reply = harness.request(.get, "/v1/assessments?country=\(country)&limit=1&count=true")
            #expect((reply.object["total"] as? Int ?? 0) > 10, "\(country)")
        }
        // Regions spread within each country, and each stored document validates again.
        let all = harness.request(.get, "/v1/assessments?format=ndjson&limit=1000")
        let lines = all.text.split(separator: "\n")
        #expect(lines.count == 300)
        var regions = Set<String>()
        var references = Set<String>()
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            regions.insert(object["region"] as? String ?? "")
            references.insert(object["reference"] as? String ?? "")
        }
        #expect(regions.count > 20)
        #expect(references.count == 300)
        // Sites are revisited with land cover, LPD and stocks, so LDN decides some sites' status.
        let ldn = harness.request(.get, "/v1/ldn?country=RU&baseline=2000-2012&reporting=2013-2025")
        let complete = (ldn.object["regions"] as? [[String: Any]] ?? []).reduce(0) {
            $0 + (($1["sites"] as? [String: Any])?["complete"] as? Int ?? 0)
        }
        #expect(complete > 0)
        // Seeding again with the same count is deterministic: the same references, nothing new.
        #expect(try Seeder(application: harness.app).seed(count: 300) == 0)
    }

    @Test func seededSitesLieInsideTheirRegions() throws {
        let harness = try TestApp(.queries)
        #expect(try Seeder(application: harness.app).seed(count: 2000) == 2000)
        let geography = harness.app.catalog.geography
        let all = harness.request(.get, "/v1/assessments?format=ndjson&limit=1000")
        let lines = all.text.split(separator: "\n")
        #expect(lines.count == 1000)
        var checked = 0
        var russian = 0
        // Every seventh document, against the polygons themselves (no tolerance).
        for line in lines.enumerated().filter({ $0.offset % 7 == 0 }).map(\.element) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let region = try #require(object["region"] as? String)
            let site = try #require(object["site"] as? [String: Any])
            let (lat, lon) = (try #require(site["lat"] as? Double), try #require(site["lon"] as? Double))
            let flags = object["qa_flags"] as? [String] ?? []
            #expect(!flags.contains("site_outside_region"), "\(region) \(lat), \(lon)")
            if let outline = geography.regions[region] {
                #expect(outline.contains(lat: lat, lon: lon), "\(region) \(lat), \(lon)")
                checked += 1
            }
            if let notes = object["notes"] as? String, notes.unicodeScalars.contains(where: { $0.value >= 0x400 }) {
                russian += 1
            }
        }
        #expect(checked > 120)
        #expect(russian > 120)
        // The soil of the place: Karakalpakstan's sites take the soils of Karakalpakstan's fixtures
        // (the Aral salt crust, the seabed plantings, the Nukus dust trap), never another region's.
        let fixtures = try FileManager.default.contentsOfDirectory(
            at: TestApp.root.appendingPathComponent("Config/fixtures"), includingPropertiesForKeys: nil)
        let local = try fixtures.compactMap { url -> [String: Any]? in
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
            return object?["region"] as? String == "UZ-QR" ? object : nil
        }
        func crust(_ object: [String: Any]) -> String { (object["salt"] as? [String: Any])?["crust"] as? String ?? "-" }
        func horizons(_ object: [String: Any]) -> [String] {
            (object["layers"] as? [[String: Any]] ?? []).map { $0["horizon"] as? String ?? "-" }
        }
        let soils = Set(local.map { crust($0) + "/" + horizons($0).joined(separator: ",") })
        #expect(local.contains { crust($0) == "C" })
        let aral = try #require(
            harness.request(.get, "/v1/assessments?region=UZ-QR&limit=50").object["items"] as? [[String: Any]])
        #expect(!aral.isEmpty)
        for item in aral {
            #expect(
                soils.contains(crust(item) + "/" + horizons(item).joined(separator: ",")), "\(item["reference"] ?? "")")
        }
        #expect(aral.contains { crust($0) == "C" })
    }
}
