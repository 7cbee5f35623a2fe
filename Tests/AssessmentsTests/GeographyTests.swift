import Foundation
import Testing

@testable import Assessments

/// A KZ document at (lat, lon) declaring `region`.
private func placed(_ region: String, _ lat: Double, _ lon: Double, country: String = "KZ") -> JSONValue {
    var document = setting("/country", to: string(country), in: baseDocument)
    document = setting("/region", to: string(region), in: document)
    document = setting("/site/lat", to: number(lat), in: document)
    return setting("/site/lon", to: number(lon), in: document)
}

@Test func outlinesCoverEveryCountryAndRegion() {
    let geography = testCatalog.geography
    #expect(Set(geography.countries.keys) == ["KZ", "KG", "RU", "TJ", "TM", "UZ"])
    // Osh city and Ashgabat have no unit of their own in Natural Earth 4.1.0.
    let without = Set(testCatalog.regions.keys).subtracting(geography.regions.keys)
    #expect(without == ["KG-GO", "TM-S"])
    #expect(testCatalog.legacySplits["KZ-ALM"] == ["KZ-19", "KZ-33"])
    #expect(testCatalog.legacySplits["KZ-AKM"] == nil)
}

@Test func rayCastingWithHolesAndTheAntimeridian() throws {
    // A square from 179 E across 180 to 179 W, with a hole around (0.5 N, 180).
    let square = try #require(
        Outline(coordinates: [
            [
                [[179, -1], [-179, -1], [-179, 1], [179, 1], [179, -1]],
                [[179.8, 0.2], [179.8, 0.8], [-179.8, 0.8], [-179.8, 0.2], [179.8, 0.2]],
            ]
        ]))
    #expect(square.contains(lat: 0, lon: 179.5))
    #expect(square.contains(lat: 0, lon: -179.5))
    #expect(square.contains(lat: -0.5, lon: 180))
    #expect(!square.contains(lat: 0.5, lon: 180))  // in the hole
    #expect(!square.contains(lat: 0.5, lon: -179.9))
    #expect(!square.contains(lat: 0, lon: 178.5))
    #expect(!square.contains(lat: 0, lon: -178.5))
    #expect(!square.contains(lat: 0, lon: 0))
    // 0.5 degree east of the eastern edge at the equator: about 55.7 km.
    let distance = try #require(square.distanceToEdge(lat: 0, lon: -178.5, limitKM: 100))
    #expect(abs(distance - 55.66) < 0.1)
    #expect(square.distanceToEdge(lat: 0, lon: -178.5, limitKM: 50) == nil)
    #expect(square.contains(lat: 1.03, lon: 179.5, toleranceKM: 5))
    #expect(!square.contains(lat: 1.06, lon: 179.5, toleranceKM: 5))
    #expect(Outline(coordinates: [[[[0, 0], [1, 1], [0, 0]]]]) == nil)
    #expect(Outline(coordinates: [[[[0, 0], [1, 1], [200, 1], [0, 0]]]]) == nil)
}

@Test func aSiteOutsideItsCountryPolygonIsRefusedBeyondFiveKilometres() {
    // Tashkent lies inside Kazakhstan's old bounding box but 12 km beyond its border.
    let message = expectOnly(placed("KZ-31", 41.3, 69.24), "/site", .outsideCountry)
    #expect(message == "site position 41.3, 69.24 (lat, lon) is outside KZ")
    // North of Kazakhstan, in Russia: about 2.9 km beyond the border is kept (coasts, borders and
    // the outline's generalization), about 9.4 km is refused.
    #expect(problems(placed("KZ-59", 55.22, 70.0)).isEmpty)
    expectOnly(placed("KZ-59", 55.29, 70.0), "/site", .outsideCountry)
    #expect(text(problems(placed("KZ-59", 55.29, 70.0))[0], in: .ru).contains("за пределами KZ"))
}

@Test func aSiteOutsideItsRegionIsKeptAndFlagged() throws {
    // Pavlodar's coordinates under Akmola region.
    let stray = try valid(placed("KZ-11", 51.73, 75.32))
    #expect(stray.region == "KZ-11")
    #expect(stray.qaFlags.contains("site_outside_region"))
    let home = try valid(placed("KZ-55", 51.73, 75.32))
    #expect(!home.qaFlags.contains("site_outside_region"))
    // A region without an outline (Osh city) is never flagged.
    let osh = try valid(placed("KG-GO", 40.53, 72.8, country: "KG"))
    #expect(!osh.qaFlags.contains("site_outside_region"))
}

@Test func splitLegacyCodesAreResolvedFromThePosition() throws {
    let cases: [(legacy: String, lat: Double, lon: Double, region: String)] = [
        ("KZ-ALM", 45.02, 78.37, "KZ-33"),  // Taldykorgan: Jetisu since 2022
        ("KZ-ALM", 43.2, 76.62, "KZ-19"),  // Kaskelen: Almaty region
        ("KZ-VOS", 50.41, 80.25, "KZ-10"),  // Semey: Abai
        ("KZ-VOS", 49.95, 82.61, "KZ-63"),  // Oskemen: East Kazakhstan
        ("KZ-KAR", 47.78, 67.71, "KZ-62"),  // Zhezkazgan: Ulytau
        ("KZ-KAR", 49.8, 73.1, "KZ-35"),  // Karaganda
        ("KZ-YUZ", 42.32, 69.59, "KZ-79"),  // Shymkent city
        ("KZ-YUZ", 43.3, 68.25, "KZ-61"),  // Turkistan
    ]
    for item in cases {
        let assessment = try valid(placed(item.legacy, item.lat, item.lon))
        #expect(assessment.region == item.region, "\(item)")
        #expect(assessment.qaFlags.contains("region_code_updated"))
        #expect(!assessment.qaFlags.contains("region_ambiguous"))
        #expect(!assessment.qaFlags.contains("site_outside_region"))
        #expect(assessment.originalRegion == nil)
    }
}

@Test func anUndecidedSplitKeepsTheLegacyCode() throws {
    // Astana is in neither successor of the former Almaty region.
    let assessment = try valid(placed("KZ-ALM", 51.17, 71.45))
    #expect(assessment.region == "KZ-19")
    #expect(assessment.originalRegion == "KZ-ALM")
    #expect(assessment.qaFlags.contains("region_ambiguous"))
    #expect(assessment.qaFlags.contains("region_code_updated"))
    let text = String(decoding: assessment.canonicalJSON(), as: UTF8.self)
    #expect(text.contains(#""region":"KZ-19","original_region":"KZ-ALM","site""#))
    // A legacy code of a region that was not split maps as before, wherever the site is.
    let unsplit = try valid(placed("KZ-PAV", 51.73, 75.32))
    #expect(unsplit.region == "KZ-55")
    #expect(unsplit.originalRegion == nil)
    // A submission may not set original_region itself.
    var sent = placed("KZ-19", 43.2, 76.62)
    sent = setting("/original_region", to: string("KZ-ALM"), in: sent)
    expectOnly(sent, "/original_region", .unknownField)
}

@Test func aCorrectionKeepsTheUndecidedLegacyCode() throws {
    let stored = try valid(placed("KZ-ALM", 51.17, 71.45))
    let storedJSON = json(String(decoding: stored.canonicalJSON(), as: UTF8.self))
    // Sent back unchanged: the legacy code is the region again, and stays undecided.
    let (unchanged, problems) = StoredFields.submission(from: storedJSON, stored: storedJSON, catalog: testCatalog)
    #expect(problems.isEmpty)
    #expect(unchanged["region"]?.stringValue == "KZ-ALM")
    #expect(unchanged["original_region"] == nil)
    #expect(try valid(unchanged).originalRegion == "KZ-ALM")
    // The client chose a region: the legacy code is dropped.
    let (chosen, _) = StoredFields.submission(
        from: setting("/region", to: string("KZ-71"), in: storedJSON), stored: storedJSON, catalog: testCatalog)
    #expect(chosen["region"]?.stringValue == "KZ-71")
    #expect(chosen["original_region"] == nil)
}

/// Loads the committed catalog with one file of `Config/geo` (or `kz-legacy-codes.json`) edited.
private func loadWithGeo(_ file: String, _ edit: (String) -> String) throws -> Result<Catalog, CatalogError> {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("geo-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    for (folder, names) in [("schema", Catalog.fileNames), ("geo", Geography.fileNames)] {
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        for name in names {
            var text = try String(
                contentsOf: repositoryRoot.appendingPathComponent("Config/\(folder)/\(name)"), encoding: .utf8)
            if name == file { text = edit(text) }
            try text.write(to: root.appendingPathComponent("\(folder)/\(name)"), atomically: true, encoding: .utf8)
        }
    }
    do {
        return .success(try Catalog.load(from: root.appendingPathComponent("schema")))
    } catch {
        return .failure(error)
    }
}

@Test func brokenOutlinesAndSplitsStopTheStart() throws {
    guard case .success(let copy) = try loadWithGeo("none", { $0 }) else {
        Issue.record("the committed files do not load from a copy")
        return
    }
    #expect(copy.geography.regions.count == testCatalog.geography.regions.count)
    #expect(copy.version == testCatalog.version)

    let unknown = try loadWithGeo("regions.json") {
        $0.replacingOccurrences(of: #""code":"KZ-10""#, with: #""code":"KZ-99""#)
    }
    guard case .failure(let unknownError) = unknown else {
        Issue.record("loaded")
        return
    }
    #expect(unknownError.file == "geo/regions.json")
    #expect(unknownError.entry == "KZ-99")

    let noRussia = try loadWithGeo("countries.json") {
        $0.replacingOccurrences(of: #""country":"RU""#, with: #""country":"KZ""#)
    }
    guard case .failure(let russiaError) = noRussia else {
        Issue.record("loaded")
        return
    }
    #expect(russiaError.file == "geo/countries.json")
    #expect(russiaError.entry == "RU")

    let badSplit = try loadWithGeo("kz-legacy-codes.json") {
        $0.replacingOccurrences(of: "\"KZ-19\",\n    \"KZ-33\"", with: "\"KZ-33\",\n    \"KZ-19\"")
    }
    guard case .failure(let splitError) = badSplit else {
        Issue.record("loaded")
        return
    }
    #expect(splitError.file == "kz-legacy-codes.json")
    #expect(splitError.entry == "KZ-ALM")
}

@Test func theSchemaDocumentListsTheSplits() throws {
    let catalog = try JSONParser().parse(jsonSchema(for: testCatalog))["x-catalog"]
    let entries = try #require(catalog?["kz_legacy_codes"]?.arrayElements)
    let alm = try #require(entries.first { $0["legacy"]?.stringValue == "KZ-ALM" })
    #expect(alm["split_into"]?.arrayElements?.compactMap(\.stringValue) == ["KZ-19", "KZ-33"])
    #expect(entries.first { $0["legacy"]?.stringValue == "KZ-AKM" }?["split_into"] == nil)
}

@Test func bandedRayCastingAgreesWithPlainRayCasting() throws {
    // Every ring's edges, tried one by one: the slow answer the latitude bands must reproduce.
    func plain(_ outline: Outline, lat: Double, lon: Double) -> Bool {
        outline.coordinates.contains { polygon in
            var odd = false
            for ring in polygon {
                for index in ring.indices.dropFirst() {
                    let (a, b) = (ring[index - 1], ring[index])
                    if (a[1] > lat) != (b[1] > lat), lon < a[0] + (lat - a[1]) * (b[0] - a[0]) / (b[1] - a[1]) {
                        odd.toggle()
                    }
                }
            }
            return odd
        }
    }
    var state: UInt64 = 42
    func unit() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    for code in ["KZ", "UZ", "TJ"] {
        let outline = try #require(testCatalog.geography.countries[code])
        let box = outline.bounds
        var inside = 0
        for _ in 0..<3000 {
            let lat = box.minLat + unit() * (box.maxLat - box.minLat)
            let lon = box.minLon + unit() * (box.maxLon - box.minLon)
            let answer = outline.contains(lat: lat, lon: lon)
            #expect(answer == plain(outline, lat: lat, lon: lon), "\(code) \(lat), \(lon)")
            if answer { inside += 1 }
        }
        #expect(inside > 500, "\(code)")
    }
}
