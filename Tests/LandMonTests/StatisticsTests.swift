import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// `GET /v1/regions/{code}/summary` and `GET /v1/stats` against values computed here from the
/// submitted data, in canonical units, without the retracted assessment.
@Suite struct StatisticsTests {
    /// One assessment: two layers, 0-10 cm with soc `top` and 10-30 cm with soc `sub` (g/kg), both
    /// bulk density 1.0, so the stock is top x 1 + sub x 2 t/ha.
    struct Row {
        let country: String
        let region: String
        let date: String
        let cover: String
        let top: Double
        let sub: Double
        var year: Int { Int(date.prefix(4))! }
        var stock: Double { top + 2 * sub }
    }

    static let rows: [Row] = [
        Row(country: "KZ", region: "KZ-11", date: "2010-05-01", cover: "grassland", top: 10, sub: 8),
        Row(country: "KZ", region: "KZ-11", date: "2011-05-01", cover: "grassland", top: 14, sub: 6),
        Row(country: "KZ", region: "KZ-43", date: "2011-06-01", cover: "cropland", top: 20, sub: 10),
        Row(country: "UZ", region: "UZ-TO", date: "2010-07-01", cover: "cropland", top: 5, sub: 3),
        Row(country: "UZ", region: "UZ-TO", date: "2012-07-01", cover: "cropland", top: 7, sub: 2),
        Row(country: "RU", region: "RU-KRS", date: "2012-01-01", cover: "grassland", top: 40, sub: 30),
    ]
    /// Stored, then retracted: must not count anywhere.
    static let retracted = Row(country: "KZ", region: "KZ-11", date: "2012-05-01", cover: "grassland", top: 50, sub: 45)

    let harness: TestApp

    init() throws {
        harness = try TestApp(.queries)
        for (index, row) in (StatisticsTests.rows + [StatisticsTests.retracted]).enumerated() {
            // The top value is sent in percent, to show that statistics use the canonical g/kg.
            let top: [String: Any] = [
                "top_cm": 0, "bottom_cm": 10,
                "measurements": [
                    ["indicator": "soc", "value": row.top / 10, "unit": "%"], ["indicator": "bd_fe", "value": 1.0],
                ],
            ]
            let document = T6Doc.make(
                row.country, reference: "ST-\(index)", region: row.region, site: "S-\(index)", date: row.date,
                landCover: row.cover, layers: [top, T6Doc.layer(10, 30, [("soc", row.sub), ("bd_fe", 1.0)])])
            let id = try harness.store(document)
            if index == StatisticsTests.rows.count {
                let reply = harness.request(.delete, "/v1/assessments/\(id)?reason=duplicate")
                #expect(reply.status == 204)
            }
        }
    }

    /// Type-7 quantile, written independently of the server's.
    static func quantile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// Checks one indicator object against (year, value) samples.
    func check(_ object: [String: Any]?, _ samples: [(Int, Double)], unit: String, _ context: String) {
        guard let object else {
            Issue.record("\(context): indicator missing")
            return
        }
        let values = samples.map(\.1)
        func near(_ key: String, _ expected: Double) {
            let got = (object[key] as? NSNumber)?.doubleValue ?? .nan
            #expect(abs(got - expected) < 1e-9, "\(context) \(key): \(got) != \(expected)")
        }
        #expect(object["unit"] as? String == unit)
        #expect(object["n"] as? Int == values.count, "\(context) n")
        near("mean", values.reduce(0, +) / Double(values.count))
        near("min", values.min()!)
        near("max", values.max()!)
        near("p10", StatisticsTests.quantile(values, 0.1))
        near("median", StatisticsTests.quantile(values, 0.5))
        near("p90", StatisticsTests.quantile(values, 0.9))
        let byYear = object["by_year"] as? [[String: Any]] ?? []
        let years = Set(samples.map(\.0)).sorted()
        #expect(byYear.map { $0["year"] as? Int } == years.map { $0 }, "\(context) years")
        for entry in byYear {
            let year = entry["year"] as? Int ?? 0
            let inYear = samples.filter { $0.0 == year }.map(\.1)
            #expect(entry["n"] as? Int == inYear.count)
            let mean = (entry["mean"] as? NSNumber)?.doubleValue ?? .nan
            #expect(abs(mean - inYear.reduce(0, +) / Double(inYear.count)) < 1e-9, "\(context) \(year) mean")
        }
    }

    static func soc(_ rows: [Row], depthMax: Double? = nil) -> [(Int, Double)] {
        rows.flatMap { row in
            depthMax.map { $0 <= 10 } == true ? [(row.year, row.top)] : [(row.year, row.top), (row.year, row.sub)]
        }
    }

    func indicator(_ group: [String: Any]?, _ code: String) -> [String: Any]? {
        (group?["indicators"] as? [[String: Any]])?.first { $0["indicator"] as? String == code }
    }

    @Test func regionSummary() throws {
        let reply = harness.request(.get, "/v1/regions/KZ-11/summary?indicator=soc,soc_stock_0_30")
        #expect(reply.status == 200, "\(reply.text)")
        #expect(reply.object["region"] as? String == "KZ-11")
        let kz11 = StatisticsTests.rows.filter { $0.region == "KZ-11" }
        check(indicator(reply.object, "soc"), StatisticsTests.soc(kz11), unit: "g/kg", "KZ-11 soc")
        check(indicator(reply.object, "soc_stock_0_30"), kz11.map { ($0.year, $0.stock) }, unit: "t/ha", "KZ-11 stock")
        // The legacy code names the same region; depth_max keeps the 0-10 cm layers only.
        let legacy = harness.request(.get, "/v1/regions/KZ-AKM/summary?indicator=soc&depth_max=10")
        #expect(legacy.object["region"] as? String == "KZ-11")
        check(indicator(legacy.object, "soc"), StatisticsTests.soc(kz11, depthMax: 10), unit: "g/kg", "KZ-AKM depth")
        let dated = harness.request(.get, "/v1/regions/KZ-11/summary?indicator=soc&from=2011-01-01&to=2011-12-31")
        check(
            indicator(dated.object, "soc"), StatisticsTests.soc(kz11.filter { $0.year == 2011 }), unit: "g/kg", "dated")
        #expect(harness.request(.get, "/v1/regions/XX-1/summary").status == 404)
        #expect(harness.request(.get, "/v1/regions/KZ-11/summary?group_by=year").status == 400)
    }

    @Test(arguments: ["country", "region", "year", "land_cover"])
    func statsGroupedBy(grouping: String) throws {
        let reply = harness.request(.get, "/v1/stats?indicator=soc,soc_stock_0_30&group_by=\(grouping)")
        #expect(reply.status == 200, "\(reply.text)")
        #expect(reply.object["group_by"] as? String == grouping)
        let groups = reply.object["groups"] as? [[String: Any]] ?? []
        func key(_ row: Row) -> String {
            switch grouping {
            case "country": return row.country
            case "region": return row.region
            case "year": return String(row.year)
            default: return row.cover
            }
        }
        let expected = Dictionary(grouping: StatisticsTests.rows, by: key)
        #expect(groups.count == expected.count)
        for group in groups {
            let name = group[grouping].map { "\($0)" } ?? ""
            guard let rows = expected[name] else {
                Issue.record("unexpected group \(name)")
                continue
            }
            check(indicator(group, "soc"), StatisticsTests.soc(rows), unit: "g/kg", "\(grouping)=\(name) soc")
            check(
                indicator(group, "soc_stock_0_30"), rows.map { ($0.year, $0.stock) }, unit: "t/ha",
                "\(grouping)=\(name) stock")
        }
    }

    @Test func statsFilteredByCountryAndDates() throws {
        let reply = harness.request(.get, "/v1/stats?indicator=soc&group_by=region&country=KZ&from=2011-01-01")
        let groups = reply.object["groups"] as? [[String: Any]] ?? []
        #expect(groups.map { $0["region"] as? String } == ["KZ-11", "KZ-43"])
        let kz = StatisticsTests.rows.filter { $0.country == "KZ" && $0.year >= 2011 }
        check(
            indicator(groups.first, "soc"), StatisticsTests.soc(kz.filter { $0.region == "KZ-11" }), unit: "g/kg",
            "KZ-11")
        // Country and region combine like the list filters: both must hold.
        let both = harness.request(.get, "/v1/stats?indicator=soc&country=KZ&region=KZ-11,UZ-TO")
        #expect((both.object["groups"] as? [[String: Any]])?.compactMap { $0["region"] as? String } == ["KZ-11"])
        let neither = harness.request(.get, "/v1/stats?indicator=soc&country=KG&region=KZ-11")
        #expect((neither.object["groups"] as? [[String: Any]])?.isEmpty == true)
        #expect(harness.request(.get, "/v1/stats?group_by=month").parameter == "group_by")
        #expect(harness.request(.get, "/v1/stats?indicator=gold").parameter == "indicator")
        #expect(harness.request(.get, "/v1/stats?colour=red").status == 400)
    }

    @Test func retractedAssessmentIsExcluded() {
        let reply = harness.request(.get, "/v1/stats?indicator=soc&group_by=country&country=KZ")
        let kz = (reply.object["groups"] as? [[String: Any]])?.first
        #expect(indicator(kz, "soc")?["max"] as? Double == 20)
        #expect(indicator(kz, "soc")?["n"] as? Int == 6)
    }
}
