import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// `GET /v1/ldn` on the worked example of issue 11: eight sites of one region whose sub-indicators,
/// periods and statuses follow from the GPG v2 rules by hand (see the table in each test).
@Suite struct LDNApiTests {
    let harness: TestApp

    /// One visit: stock in t/ha (one 0-30 cm layer, bulk density 1, so soc = stock / 3 g/kg).
    static func visit(
        _ site: String, _ date: String, cover: String, stock: Double, lpd: Int?, method: String? = nil,
        region: String = "KZ-11"
    ) -> [String: Any] {
        var soc: [String: Any] = ["indicator": "soc", "value": stock / 3]
        if let method { soc["method"] = method }
        var document = T6Doc.make(
            "KZ", reference: "W-\(site)-\(date)", region: region, site: site, date: date, landCover: cover,
            layers: [["top_cm": 0, "bottom_cm": 30, "measurements": [soc, ["indicator": "bd_fe", "value": 1.0]]]])
        document["lpd_class"] = lpd
        return document
    }

    /// The worked example: site, land cover e_B -> l_B -> l_R, stocks (year), LPD at l_B / l_R.
    static var example: [[String: Any]] {
        [
            // A: 40 -> 39 stable; 39 -> 34 is -12.8 %: degraded, recent.
            visit("A", "2003-06-01", cover: "grassland", stock: 40, lpd: nil),
            visit("A", "2014-06-01", cover: "grassland", stock: 39, lpd: 4),
            visit("A", "2018-06-01", cover: "grassland", stock: 34, lpd: 4),
            // B: 50 -> 42 is -16 % in the baseline; 42 -> 43 stable: degraded (baseline).
            visit("B", "2002-06-01", cover: "grassland", stock: 50, lpd: nil),
            visit("B", "2015-06-01", cover: "grassland", stock: 42, lpd: 3),
            visit("B", "2019-06-01", cover: "grassland", stock: 43, lpd: 3),
            // C: cropland -> grassland is degradation in the default matrix: degraded, recent.
            visit("C", "2001-06-01", cover: "cropland", stock: 30, lpd: nil),
            visit("C", "2013-06-01", cover: "cropland", stock: 30.5, lpd: 4),
            visit("C", "2019-06-01", cover: "grassland", stock: 33.6, lpd: 5),
            // D: LPD 2 at l_B degrades the baseline; other_land -> grassland and +17 %: improved, recent.
            visit("D", "2005-06-01", cover: "other_land", stock: 3.0, lpd: nil),
            visit("D", "2014-06-01", cover: "other_land", stock: 2.9, lpd: 2),
            visit("D", "2019-06-01", cover: "grassland", stock: 3.4, lpd: 4),
            // E: one baseline visit with LPD 1; 25 -> 22.4 is -10.4 %: degraded, persistent.
            visit("E", "2008-06-01", cover: "grassland", stock: 25, lpd: 1),
            visit("E", "2018-06-01", cover: "grassland", stock: 22.4, lpd: 4),
            // G: exactly -10 % is degraded.
            visit("G", "2004-06-01", cover: "grassland", stock: 40, lpd: nil),
            visit("G", "2015-06-01", cover: "grassland", stock: 40, lpd: 4),
            visit("G", "2017-06-01", cover: "grassland", stock: 36, lpd: 4),
            // H: stable throughout.
            visit("H", "2001-06-01", cover: "tree_covered", stock: 60, lpd: nil),
            visit("H", "2012-06-01", cover: "tree_covered", stock: 61, lpd: 4),
            visit("H", "2018-06-01", cover: "tree_covered", stock: 62, lpd: 4),
            // F: water at the last reporting visit: excluded.
            visit("F", "2003-06-01", cover: "grassland", stock: 30, lpd: nil),
            visit("F", "2014-06-01", cover: "grassland", stock: 30, lpd: 4),
            visit("F", "2018-06-01", cover: "water_body", stock: 30, lpd: 4),
        ]
    }

    init() throws {
        harness = try TestApp(.queries)
        for document in Self.example { _ = try harness.store(document) }
    }

    static func wilson(_ k: Int, _ n: Int) -> (Double, Double) {
        let z = 1.959964
        let p = Double(k) / Double(n)
        let nn = Double(n)
        let centre = (p + z * z / (2 * nn)) / (1 + z * z / nn)
        let half = z / (1 + z * z / nn) * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()
        return (centre - half, centre + half)
    }

    static func region(_ reply: TestReply, _ code: String) -> [String: Any]? {
        (reply.object["regions"] as? [[String: Any]])?.first { $0["region"] as? String == code }
    }

    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    static func checkShare(_ shares: [String: Any]?, _ key: String, count: Int, of n: Int) {
        #expect(shares?["n"] as? Int == n)
        let share = shares?[key] as? [String: Any]
        #expect(share?["count"] as? Int == count, "\(key) count")
        #expect(abs((number(share?["share"]) ?? -1) - Double(count) / Double(n)) < 1e-12, "\(key) share")
        let (lower, upper) = wilson(count, n)
        #expect(abs((number(share?["ci95_lower"]) ?? -1) - lower) < 1e-9, "\(key) lower")
        #expect(abs((number(share?["ci95_upper"]) ?? -1) - upper) < 1e-9, "\(key) upper")
    }

    /// Site -> its entry of `detail=sites`.
    func sites(_ query: String = "") -> [String: [String: Any]] {
        let reply = harness.request(.get, "/v1/ldn?region=KZ-11&detail=sites" + query)
        #expect(reply.status == 200, "\(reply.text)")
        let list = reply.object["sites"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: list.map { ($0["site"] as? String ?? "", $0) })
    }

    static func combined(_ site: [String: Any]?, _ period: String) -> String? {
        (site?[period] as? [String: Any])?["combined"] as? String
    }

    @Test func workedExampleSites() {
        let sites = sites()
        #expect(sites.count == 8)
        let expected: [(String, String?, String?, String)] = [
            ("A", "stable", "degraded", "recent_degradation"),
            ("B", "degraded", "stable", "baseline_degradation"),
            ("C", "stable", "degraded", "recent_degradation"),
            ("D", "degraded", "improved", "recent_improvement"),
            ("E", "degraded", "degraded", "persistent_degradation"),
            ("G", "stable", "degraded", "recent_degradation"),
            ("H", "stable", "stable", "stable"),
            ("F", "stable", "stable", "excluded"),
        ]
        for (site, baseline, reporting, status) in expected {
            #expect(Self.combined(sites[site], "baseline") == baseline, "\(site) baseline")
            #expect(Self.combined(sites[site], "reporting") == reporting, "\(site) reporting")
            #expect(sites[site]?["status"] as? String == status, "\(site) status")
        }
        // A's reporting SOC: 39 -> 34, -12.82 %.
        let aSOC = (sites["A"]?["reporting"] as? [String: Any])?["soc"] as? [String: Any]
        #expect(Self.number(aSOC?["change_pct"]) == -12.82)
        #expect((aSOC?["from"] as? [String: Any])?["sampled_on"] as? String == "2014-06-01")
        // C is degraded by land cover, its LPD 5 notwithstanding.
        let cReporting = sites["C"]?["reporting"] as? [String: Any]
        #expect((cReporting?["land_cover"] as? [String: Any])?["class"] as? String == "degraded")
        #expect((cReporting?["productivity"] as? [String: Any])?["class"] as? String == "improved")
        // E has one baseline visit: no baseline land-cover or SOC comparison, LPD decides.
        let eBaseline = sites["E"]?["baseline"] as? [String: Any]
        #expect(eBaseline?["land_cover"] is NSNull && eBaseline?["soc"] is NSNull)
        #expect((eBaseline?["productivity"] as? [String: Any])?["lpd_class"] as? Int == 1)
        // G: exactly -10 % is degraded.
        let gSOC = (sites["G"]?["reporting"] as? [String: Any])?["soc"] as? [String: Any]
        #expect(Self.number(gSOC?["change_pct"]) == -10)
        #expect(gSOC?["class"] as? String == "degraded")
    }

    @Test func workedExampleRegion() throws {
        let reply = harness.request(.get, "/v1/ldn?country=KZ&baseline=2000-2015&reporting=2016-2019")
        #expect(reply.status == 200, "\(reply.text)")
        #expect((reply.object["caveat"] as? String)?.contains("SDG 15.3.1") == true)
        let kz11 = try #require(Self.region(reply, "KZ-11"))
        let counts = kz11["sites"] as? [String: Any]
        #expect(counts?["seen"] as? Int == 8)
        #expect(counts?["complete"] as? Int == 7)
        #expect(counts?["incomplete"] as? Int == 0)
        #expect(counts?["excluded"] as? Int == 1)
        let status = kz11["status"] as? [String: Any]
        Self.checkShare(status, "degraded", count: 5, of: 7)
        Self.checkShare(status, "stable", count: 1, of: 7)
        Self.checkShare(status, "improved", count: 1, of: 7)
        // The figures: 0.714 (0.359 - 0.918).
        let degraded = status?["degraded"] as? [String: Any]
        #expect(abs((Self.number(degraded?["ci95_lower"]) ?? 0) - 0.359) < 5e-4)
        #expect(abs((Self.number(degraded?["ci95_upper"]) ?? 0) - 0.918) < 5e-4)
        #expect(kz11["insufficient_data"] as? Bool == true)
        // Baseline: B, D, E degraded; A, C, G, H stable.
        Self.checkShare(kz11["baseline"] as? [String: Any], "degraded", count: 3, of: 7)
        let classes = kz11["status_classes"] as? [String: Any]
        #expect(classes?["recent_degradation"] as? Int == 3)
        #expect(classes?["persistent_degradation"] as? Int == 1)
        #expect(classes?["baseline_degradation"] as? Int == 1)
        #expect(classes?["recent_improvement"] as? Int == 1)
        #expect(classes?["excluded"] as? Int == 1)
        // Reporting land cover: C degraded, D improved, the others stable (F excluded).
        let reportingCover = (kz11["sub_indicators"] as? [String: Any]).flatMap {
            ($0["reporting"] as? [String: Any])?["land_cover"] as? [String: Any]
        }
        Self.checkShare(reportingCover, "degraded", count: 1, of: 7)
        Self.checkShare(reportingCover, "improved", count: 1, of: 7)
        // The default matrix is stated; no country overrides it.
        let matrix = reply.object["matrix"] as? [String: Any]
        #expect((matrix?["default"] as? [[String]])?[2][1] == "-")
        #expect((matrix?["country_overrides"] as? [String: Any])?.isEmpty == true)
        // Grouped by country: the same sites.
        let byCountry = harness.request(.get, "/v1/ldn?country=KZ&group_by=country")
        let kz = (byCountry.object["countries"] as? [[String: Any]])?.first
        Self.checkShare(kz?["status"] as? [String: Any], "degraded", count: 5, of: 7)
    }

    @Test func answersAreComputedOncePerChange() throws {
        let app = try TestApp(.queries)
        for document in Self.example.prefix(6) { _ = try app.store(document) }
        let first = app.request(.get, "/v1/ldn?region=KZ-11")
        let hits = app.app.answers.hits
        // Another client without the tag: the same bytes, from the cache.
        let second = app.request(.get, "/v1/ldn?region=KZ-11")
        #expect(second.text == first.text && second.headers["ETag"] == first.headers["ETag"])
        #expect(app.app.answers.hits == hits + 1)
        // Another language or format is another answer.
        #expect(app.request(.get, "/v1/ldn?region=KZ-11&lang=ru").text != first.text)
        #expect(app.app.answers.hits == hits + 1)
        // A commit changes the tag: the answer is computed again, with the new site.
        for document in Self.example.dropFirst(6).prefix(3) { _ = try app.store(document) }
        let third = app.request(.get, "/v1/ldn?region=KZ-11")
        #expect(third.headers["ETag"] != first.headers["ETag"])
        #expect(app.app.answers.hits == hits + 1)
        let seen = ((Self.region(third, "KZ-11")?["sites"] as? [String: Any])?["seen"] as? Int)
        #expect(seen == 3)
    }

    @Test func unccdNotationForTheReportingPeriod() {
        let plain = harness.request(.get, "/v1/ldn?region=KZ-11&baseline=2000-2015&reporting=2016-2019")
        let unccd = harness.request(.get, "/v1/ldn?region=KZ-11&baseline=2000-2015&reporting=2015-2019")
        #expect(unccd.status == 200)
        #expect(unccd.object["reporting"] as? String == "2016-2019")
        #expect(unccd.text == plain.text)
        // Another overlap is refused, naming the parameter.
        let overlap = harness.request(.get, "/v1/ldn?region=KZ-11&baseline=2000-2015&reporting=2014-2019")
        #expect(overlap.status == 400 && overlap.parameter == "reporting")
    }

    @Test func changedSOCMethodHasNoValueUnlessAllowed() throws {
        let app = try TestApp(.queries)
        for (date, stock, method, lpd) in [
            ("2005-06-01", 40.0, "OrgC_wc-cro3-tiurin", 4), ("2014-06-01", 40.0, "OrgC_wc-cro3-tiurin", 4),
            ("2018-06-01", 30.0, "OrgC_dc-ht", 4),
        ] {
            _ = try app.store(Self.visit("M", date, cover: "grassland", stock: stock, lpd: lpd, method: method))
        }
        func reportingSOC(_ query: String) -> [String: Any]? {
            let reply = app.request(.get, "/v1/ldn?region=KZ-11&detail=sites" + query)
            let site = (reply.object["sites"] as? [[String: Any]])?.first
            return (site?["reporting"] as? [String: Any])?["soc"] as? [String: Any]
        }
        let same = reportingSOC("")
        #expect(same?["method_changed"] as? Bool == true)
        #expect(same?["class"] is NSNull)
        #expect(Self.number(same?["change_pct"]) == -25)
        let any = reportingSOC("&soc_methods=any")
        #expect(any?["class"] as? String == "degraded")
        let summary = app.request(.get, "/v1/ldn?region=KZ-11")
        let counts = Self.region(summary, "KZ-11")?["sites"] as? [String: Any]
        // Without its SOC value the site has no degraded sub-indicator: incomplete.
        #expect(counts?["incomplete"] as? Int == 1)
        let flags = app.request(.get, "/v1/ldn?region=KZ-11&detail=sites").object["sites"] as? [[String: Any]]
        #expect(flags?.first?["flags"] as? [String] == ["method_changed"])
    }

    @Test func zeroBaselineStockHasNoValue() throws {
        let app = try TestApp(.queries)
        _ = try app.store(Self.visit("Z", "2005-06-01", cover: "other_land", stock: 0, lpd: 3))
        _ = try app.store(Self.visit("Z", "2014-06-01", cover: "other_land", stock: 0, lpd: 3))
        _ = try app.store(Self.visit("Z", "2018-06-01", cover: "other_land", stock: 1.5, lpd: 3))
        let reply = app.request(.get, "/v1/ldn?region=KZ-11&detail=sites")
        let site = (reply.object["sites"] as? [[String: Any]])?.first
        let soc = (site?["reporting"] as? [String: Any])?["soc"] as? [String: Any]
        #expect(soc?["change_pct"] is NSNull && soc?["class"] is NSNull)
        #expect(site?["status"] as? String == "incomplete")
        #expect(site?["flags"] as? [String] == ["zero_baseline_stock"])
    }

    @Test func countryOverrideOfOneMatrixCell() throws {
        // KZ declares cropland -> grassland an improvement (e.g. restored steppe on abandoned fields).
        let schema = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestApp.root.appendingPathComponent("Config/schema"), to: schema)
        defer { try? FileManager.default.removeItem(at: schema) }
        let file = schema.appendingPathComponent("land-cover-transitions.json")
        var matrix = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
        matrix["country_overrides"] = [
            "KZ": [["from": "cropland", "to": "grassland", "class": "+", "basis": "abandoned fields return to steppe"]]
        ]
        try JSONSerialization.data(withJSONObject: matrix).write(to: file)
        let app = try TestApp(.queries) { $0.schemaDirectory = schema.path }
        for document in Self.example { _ = try app.store(document) }
        let reply = app.request(.get, "/v1/ldn?region=KZ-11&detail=sites")
        let c = (reply.object["sites"] as? [[String: Any]])?.first { $0["site"] as? String == "C" }
        // C: land cover +, SOC 30.5 -> 33.6 is +10.2 % (+), LPD 5 (+): improved, recent.
        #expect(c?["status"] as? String == "recent_improvement")
        let overrides = (reply.object["matrix"] as? [String: Any])?["country_overrides"] as? [String: Any]
        let kz = overrides?["KZ"] as? [[String: Any]]
        #expect(kz?.first?["basis"] as? String == "abandoned fields return to steppe")
    }

    @Test func detailAsCSV() {
        let reply = harness.request(.get, "/v1/ldn?region=KZ-11&detail=sites&format=csv")
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"]?.hasPrefix("text/csv") == true)
        let lines = reply.text.split(separator: "\r\n").map(String.init)
        #expect(lines.count == 9)
        let header = lines[0].split(separator: ",").map(String.init)
        let statusColumn = header.firstIndex(of: "status")
        let row = lines.first { $0.hasPrefix("KZ,E,") }?.split(separator: ",", omittingEmptySubsequences: false)
        #expect(statusColumn.flatMap { row?[$0] } == "persistent_degradation")
        // Without detail=sites, one row per region with the shares; Accept: image/png is 406.
        let summary = harness.request(.get, "/v1/ldn?country=KZ&format=csv&lang=ru").text.split(separator: "\r\n")
        let columns = summary.first?.split(separator: ",").map(String.init) ?? []
        let kz11 = summary.first { $0.hasPrefix("KZ-11,") }?.split(separator: ",", omittingEmptySubsequences: false)
        #expect(kz11?[1] == "Акмолинская область")
        #expect(columns.firstIndex(of: "status_degraded").flatMap { kz11?[$0] } == "5")
        #expect(columns.firstIndex(of: "excluded").flatMap { kz11?[$0] } == "1")
        #expect(summary.count == 1 + 20)
        let accept = harness.request(.get, "/v1/ldn?region=KZ-11&detail=sites", headers: [("Accept", "text/csv")])
        #expect(accept.headers["Content-Type"]?.hasPrefix("text/csv") == true)
        #expect(harness.request(.get, "/v1/ldn?region=KZ-11", headers: [("Accept", "image/png")]).status == 406)
    }

    @Test func transitionCounts() throws {
        let reply = harness.request(.get, "/v1/ldn/transitions?region=KZ-11")
        #expect(reply.status == 200, "\(reply.text)")
        let classes = (reply.object["classes"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
        #expect(classes.count == 7)
        let counts = try #require(Self.region(reply, "KZ-11")?["counts"] as? [[Int]])
        func count(_ from: String, _ to: String) -> Int? {
            guard let i = classes.firstIndex(of: from), let j = classes.firstIndex(of: to) else { return nil }
            return counts[i][j]
        }
        #expect(count("grassland", "grassland") == 4)  // A, B, E, G
        #expect(count("cropland", "grassland") == 1)
        #expect(count("other_land", "grassland") == 1)
        #expect(count("tree_covered", "tree_covered") == 1)
        #expect(count("grassland", "water_body") == 1)
        #expect(counts.joined().reduce(0, +) == 8)
        #expect(Self.region(reply, "KZ-11")?["sites"] as? Int == 8)
    }

    @Test func soc13Table() throws {
        let reply = harness.request(.get, "/v1/reports/so1-3?country=KZ")
        #expect(reply.status == 200, "\(reply.text)")
        let rows = reply.object["rows"] as? [[String: Any]] ?? []
        func row(_ period: String, _ cover: String) -> [String: Any]? {
            rows.first { $0["period"] as? String == period && $0["land_cover"] as? String == cover }
        }
        // Baseline grassland: last baseline stocks of A 39, B 42, E 25, G 40, F 30.
        let grass = try #require(row("baseline", "grassland"))
        let values = [39.0, 42, 25, 40, 30]
        let mean = values.reduce(0, +) / 5
        let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
        #expect(grass["n"] as? Int == 5)
        #expect(abs((Self.number(grass["mean"]) ?? 0) - mean) < 1e-3)
        #expect(abs((Self.number(grass["ci95_lower"]) ?? 0) - (mean - 2.7764 * sd / 5.squareRoot())) < 1e-3)
        // One site: no interval.
        let tree = try #require(row("reporting", "tree_covered"))
        #expect(tree["n"] as? Int == 1 && tree["ci95_lower"] is NSNull)
        #expect(row("reporting", "water_body")?["n"] as? Int == 1)
        let csv = harness.request(.get, "/v1/reports/so1-3?country=KZ&format=csv&lang=ru")
        #expect(csv.text.hasPrefix("period,land_cover,land_cover_name,n,mean_t_ha"))
        #expect(
            csv.text.contains("baseline,grassland,Пастбища и луга,5,35.2,") || csv.text.contains("baseline,grassland,"))
    }

    @Test func ogcSitesCarryTheirStatus() {
        let reply = harness.request(.get, "/ogc/collections/sites/items?region=KZ-11")
        #expect(reply.status == 200, "\(reply.text)")
        let features = reply.object["features"] as? [[String: Any]] ?? []
        var statuses: [String: (Any?, Any?)] = [:]
        for feature in features {
            let properties = feature["properties"] as? [String: Any]
            statuses[feature["id"] as? String ?? ""] = (properties?["ldn_status"], properties?["ldn"])
        }
        #expect(statuses.count == 8)
        #expect(statuses["KZ:A"]?.0 as? String == "recent_degradation" && statuses["KZ:A"]?.1 as? String == "degraded")
        #expect(statuses["KZ:D"]?.0 as? String == "recent_improvement" && statuses["KZ:D"]?.1 as? String == "improved")
        #expect(statuses["KZ:F"]?.0 as? String == "excluded" && statuses["KZ:F"]?.1 is NSNull)
    }

    @Test(arguments: [
        ("", "country"), ("country=KZ&baseline=2015", "baseline"), ("country=KZ&reporting=2019-2016", "reporting"),
        ("country=KZ&baseline=2000-2016&reporting=2016-2019&x=1", "x"), ("country=XX", "country"),
        ("country=KZ&baseline=2000-2016&reporting=2015-2019", "reporting"),
        ("region=KZ-99", "region"), ("country=KZ&colour=red", "colour"), ("country=KZ&region=UZ-TO", "region"),
        ("country=KZ&group_by=year", "group_by"), ("country=KZ&detail=all", "detail"),
        ("country=KZ&soc_methods=some", "soc_methods"), ("country=KZ&format=xml", "format"),
        ("country=KZ&country=UZ", "country"),
    ])
    func badParameters(query: String, parameter: String) {
        let reply = harness.request(.get, "/v1/ldn?" + query)
        #expect(reply.status == 400)
        #expect(reply.parameter == parameter, "\(query): \(reply.text)")
    }

    @Test func otherOperationsRefuseWhatTheyDoNotTake() {
        #expect(harness.request(.get, "/v1/ldn/transitions?country=KZ&detail=sites").parameter == "detail")
        #expect(harness.request(.get, "/v1/reports/so1-3?country=KZ&group_by=country").parameter == "group_by")
        #expect(harness.request(.get, "/v1/reports/so1-3").parameter == "country")
    }
}
