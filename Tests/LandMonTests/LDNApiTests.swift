import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// `GET /v1/ldn` on a constructed data set: sites with known baseline and reporting stocks give
/// known degraded/stable/improved counts, shares and Wilson intervals computed here.
@Suite struct LDNApiTests {
    let harness: TestApp

    /// Stores one visit of a site; the default layer makes the stock 3 x soc.
    func visit(_ site: String, _ date: String, soc: Double, region: String = "KZ-11") throws {
        let reference = "L-\(site)-\(date)"
        _ = try harness.store(T6Doc.make("KZ", reference: reference, region: region, site: site, date: date, soc: soc))
    }

    init() throws {
        harness = try TestApp(.queries)
        // KZ-11: 5 degraded (one exactly -10 %), 6 stable, 4 improved, 1 baseline only: 16 sites, 15 eligible.
        for n in 0..<4 {
            try visit("D\(n)", "2010-06-01", soc: 10)
            try visit("D\(n)", "2017-06-01", soc: 8)
        }
        try visit("D-edge", "2011-06-01", soc: 40)
        try visit("D-edge", "2018-06-01", soc: 36)
        for n in 0..<5 {
            try visit("S\(n)", "2012-06-01", soc: 10)
            try visit("S\(n)", "2016-06-01", soc: 10.5)
        }
        for n in 0..<3 {
            try visit("I\(n)", "2005-06-01", soc: 10)
            try visit("I\(n)", "2019-06-01", soc: 12)
        }
        // The latest baseline visit counts: 20 in 2005, 10 in 2012, then 12 is +20 % (improved).
        try visit("LB", "2005-06-01", soc: 20)
        try visit("LB", "2012-06-01", soc: 10)
        try visit("LB", "2018-06-01", soc: 12)
        // The latest reporting visit counts: 5 in 2016, 10.5 in 2019 against 10 is stable.
        try visit("LR", "2010-06-01", soc: 10)
        try visit("LR", "2016-06-01", soc: 5)
        try visit("LR", "2019-06-01", soc: 10.5)
        try visit("B-only", "2014-06-01", soc: 10)
        // Outside both periods: not a site of this answer at all.
        try visit("Late", "2023-06-01", soc: 10)
        // KZ-43 (legacy KZ-KZY): 3 eligible sites, under the minimum of 10.
        for n in 0..<3 {
            try visit("K\(n)", "2010-06-01", soc: 10, region: "KZ-43")
            try visit("K\(n)", "2017-06-01", soc: 15, region: "KZ-43")
        }
    }

    static func wilson(_ k: Int, _ n: Int) -> (Double, Double) {
        let z = 1.959964
        let p = Double(k) / Double(n)
        let nn = Double(n)
        let centre = (p + z * z / (2 * nn)) / (1 + z * z / nn)
        let half = z / (1 + z * z / nn) * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()
        return (centre - half, centre + half)
    }

    func region(_ reply: TestReply, _ code: String) -> [String: Any]? {
        (reply.object["regions"] as? [[String: Any]])?.first { $0["region"] as? String == code }
    }

    func checkShare(_ object: [String: Any]?, _ key: String, count: Int, of eligible: Int) {
        let share = object?[key] as? [String: Any]
        #expect(share?["count"] as? Int == count, "\(key) count")
        let expected = Double(count) / Double(eligible)
        #expect(abs(((share?["share"] as? NSNumber)?.doubleValue ?? -1) - expected) < 1e-12, "\(key) share")
        let (lower, upper) = LDNApiTests.wilson(count, eligible)
        #expect(abs(((share?["ci95_lower"] as? NSNumber)?.doubleValue ?? -1) - lower) < 1e-9, "\(key) lower")
        #expect(abs(((share?["ci95_upper"] as? NSNumber)?.doubleValue ?? -1) - upper) < 1e-9, "\(key) upper")
    }

    @Test func sharesAndIntervalsByCountry() throws {
        let reply = harness.request(.get, "/v1/ldn?country=KZ&baseline=2000-2015&reporting=2016-2019")
        #expect(reply.status == 200, "\(reply.text)")
        let caveat = try #require(reply.object["caveat"] as? String)
        #expect(caveat.lowercased().contains("point-sample"))
        #expect(caveat.contains("SDG 15.3.1"))
        #expect(reply.object["baseline"] as? String == "2000-2015")
        #expect(reply.object["reporting"] as? String == "2016-2019")
        let kz11 = try #require(region(reply, "KZ-11"))
        #expect(kz11["n_sites"] as? Int == 16)
        #expect(kz11["n_eligible"] as? Int == 15)
        checkShare(kz11, "degraded", count: 5, of: 15)
        checkShare(kz11, "stable", count: 6, of: 15)
        checkShare(kz11, "improved", count: 4, of: 15)
        #expect(kz11["insufficient_data"] as? Bool == false)
        let kz43 = try #require(region(reply, "KZ-43"))
        #expect(kz43["n_eligible"] as? Int == 3)
        #expect(kz43["insufficient_data"] as? Bool == true)
        checkShare(kz43, "improved", count: 3, of: 3)
        // A region of the country without sites is listed, with no shares.
        let empty = try #require(region(reply, "KZ-75"))
        #expect(empty["n_eligible"] as? Int == 0)
        #expect(empty["degraded"] is NSNull)
        #expect(empty["insufficient_data"] as? Bool == true)
    }

    @Test func byRegionListWithLegacyCode() throws {
        let reply = harness.request(.get, "/v1/ldn?region=KZ-KZY,KZ-11")
        #expect(reply.status == 200)
        let codes = (reply.object["regions"] as? [[String: Any]])?.compactMap { $0["region"] as? String }
        #expect(codes == ["KZ-43", "KZ-11"])
        checkShare(region(reply, "KZ-11"), "degraded", count: 5, of: 15)
    }

    @Test func minimumIsConfigurable() throws {
        let small = try TestApp(.queries) { $0.ldnMinimumSites = 3 }
        for n in 0..<3 {
            _ = try small.store(
                T6Doc.make("KZ", reference: "M\(n)a", region: "KZ-43", site: "M\(n)", date: "2010-06-01", soc: 10))
            _ = try small.store(
                T6Doc.make("KZ", reference: "M\(n)b", region: "KZ-43", site: "M\(n)", date: "2017-06-01", soc: 10))
        }
        let reply = small.request(.get, "/v1/ldn?region=KZ-43")
        #expect(region(reply, "KZ-43")?["insufficient_data"] as? Bool == false)
        #expect(reply.object["minimum_eligible_sites"] as? Int == 3)
    }

    @Test(arguments: [
        ("", "country"), ("country=KZ&baseline=2015", "baseline"), ("country=KZ&reporting=2019-2016", "reporting"),
        ("country=KZ&baseline=2000-2016&reporting=2016-2019", "reporting"), ("country=XX", "country"),
        ("region=KZ-99", "region"), ("country=KZ&colour=red", "colour"), ("country=KZ&region=UZ-TO", "region"),
    ])
    func badParameters(query: String, parameter: String) {
        let reply = harness.request(.get, "/v1/ldn?" + query)
        #expect(reply.status == 400)
        #expect(reply.parameter == parameter, "\(query): \(reply.text)")
    }
}
