import Testing

@testable import Assessments

@Test func socChangeClassesAtTheThresholds() {
    #expect(socChangeClass(from: 40, to: 36)?.value == .degraded)
    #expect(socChangeClass(from: 40, to: 36.1)?.value == .stable)
    #expect(socChangeClass(from: 40, to: 44)?.value == .improved)
    #expect(socChangeClass(from: 40, to: 43.9)?.value == .stable)
    #expect(socChangeClass(from: 40, to: 40)?.value == .stable)
    // A zero baseline stock has no relative change (it was "improved" before issue 11).
    #expect(socChangeClass(from: 0, to: 1) == nil)
}

@Test func productivityFromLPDClasses() {
    #expect([1, 2, 3, 4, 5].map(productivityClass) == [.degraded, .degraded, .stable, .stable, .improved])
    #expect(productivityClass(lpd: 0) == nil && productivityClass(lpd: 6) == nil)
}

@Test func oneOutAllOut() {
    #expect(Assessments.oneOutAllOut([.stable, nil, .degraded]) == .degraded)
    #expect(Assessments.oneOutAllOut([.improved, nil, .stable]) == nil)
    #expect(Assessments.oneOutAllOut([.improved, .stable, .stable]) == .improved)
    #expect(Assessments.oneOutAllOut([.stable, .stable, .stable]) == .stable)
}

@Test func statusMatrix() {
    #expect(LDNStatus(baseline: .degraded, reporting: .degraded) == .persistentDegradation)
    #expect(LDNStatus(baseline: .improved, reporting: .degraded) == .recentDegradation)
    #expect(LDNStatus(baseline: .degraded, reporting: .stable) == .baselineDegradation)
    #expect(LDNStatus(baseline: .stable, reporting: .stable) == .stable)
    #expect(LDNStatus(baseline: .improved, reporting: .stable) == .baselineImprovement)
    #expect(LDNStatus(baseline: .degraded, reporting: .improved) == .recentImprovement)
    #expect(LDNStatus(baseline: .improved, reporting: .improved) == .persistentImprovement)
    #expect(LDNStatus(baseline: nil, reporting: .degraded) == .degradationBaselineUnknown)
    #expect(LDNStatus(baseline: nil, reporting: .stable) == .incomplete)
    #expect(LDNStatus(baseline: .degraded, reporting: nil) == .incomplete)
    #expect(LDNStatus.baselineDegradation.overall == .degraded)
}

private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 5e-5 }

@Test func wilsonIntervalsMatchKnownValues() {
    // Reference values from Wilson (1927) / R's prop.test(correct = FALSE) and statsmodels.
    let half = wilsonInterval(successes: 5, total: 10)
    #expect(close(half.lower, 0.2366) && close(half.upper, 0.7634))
    let none = wilsonInterval(successes: 0, total: 10)
    #expect(none.lower == 0 && close(none.upper, 0.2775))
    let all = wilsonInterval(successes: 10, total: 10)
    #expect(close(all.lower, 0.7225) && close(all.upper, 1))
    let small = wilsonInterval(successes: 1, total: 20)
    #expect(close(small.lower, 0.0089) && close(small.upper, 0.2361))
    let large = wilsonInterval(successes: 81, total: 263)
    #expect(close(large.lower, 0.2553) && close(large.upper, 0.3662))
    #expect(wilsonInterval(successes: 0, total: 0) == (0, 1))
}

@Test func sharesOverSitesWithAValue() {
    let values: [LDNClass?] =
        Array(repeating: .degraded, count: 3) + Array(repeating: .stable, count: 5)
        + Array(repeating: .improved, count: 2) + [nil, nil]
    let shares = LDNShares(values)
    #expect(shares.n == 10)
    #expect(shares.degraded.count == 3 && shares.degraded.share == 0.3)
    #expect(shares.stable.share == 0.5 && close(shares.stable.lower, 0.2366))
    #expect(shares.improved.share == 0.2)
    let empty = LDNShares([nil])
    #expect(empty.n == 0 && empty.degraded.share == 0)
}

private func visit(_ site: String, _ on: String, _ cover: String, stock: Double?, lpd: Int?, method: String? = nil)
    -> LDNVisit
{
    LDNVisit(
        id: Int64(on.replacingOccurrences(of: "-", with: ""))!, country: "KZ", siteID: site, region: "KZ-11",
        sampledOn: on, landCover: cover, lpdClass: lpd, socStock: stock, socMethod: method)
}

@Test func sitesTakeTheirVisitsPerSubIndicator() {
    let computation = LDNComputation(
        periods: LDNPeriods(baseline: 2000...2015, reporting: 2016...2019), matrix: testCatalog.landCoverMatrix)
    // The visits in any order; the last baseline visit has no stock, so SOC uses 2010's.
    let sites = computation.sites([
        visit("S", "2018-05-01", "grassland", stock: 27, lpd: 3),
        visit("S", "2001-05-01", "grassland", stock: 30, lpd: nil),
        visit("S", "2014-05-01", "grassland", stock: nil, lpd: 4),
        visit("S", "2010-05-01", "grassland", stock: 30, lpd: 2),
        visit("S", "2021-05-01", "cropland", stock: 1, lpd: 1),  // after the reporting period
    ])
    #expect(sites.count == 1)
    let site = sites[0]
    #expect(site.baselineFirst?.on == "2001-05-01" && site.baselineLast?.on == "2014-05-01")
    #expect(site.reportingLast?.on == "2018-05-01")
    #expect(site.baseline.soc?.to.on == "2010-05-01")
    #expect(site.reporting.soc?.from.on == "2010-05-01" && site.reporting.soc?.value == .degraded)
    #expect(site.baseline.productivity?.lpdClass == 4)
    #expect(site.status == .recentDegradation)
}

@Test func countryOverridesChangeOnlyTheirCountry() {
    var matrix = testCatalog.landCoverMatrix
    #expect(matrix.transition(from: "cropland", to: "grassland", country: "KZ") == .degraded)
    matrix.overrides["KZ"] = [.init(from: "cropland", to: "grassland", value: .improved, basis: "steppe restoration")]
    #expect(matrix.transition(from: "cropland", to: "grassland", country: "KZ") == .improved)
    #expect(matrix.transition(from: "cropland", to: "grassland", country: "UZ") == .degraded)
    let cells = matrix.cells(for: "KZ")
    #expect(cells[matrix.index(of: "cropland")!][matrix.index(of: "grassland")!] == .improved)
    #expect(matrix.transition(from: "cropland", to: "moon", country: "KZ") == nil)
}

@Test func studentTQuantiles() {
    #expect(studentT975(degreesOfFreedom: 1) == 12.7062)
    #expect(studentT975(degreesOfFreedom: 30) == 2.0423)
    // R: qt(0.975, c(31, 60, 120)) = 2.039513 2.000298 1.979930.
    #expect(abs(studentT975(degreesOfFreedom: 31) - 2.039513) < 1e-4)
    #expect(abs(studentT975(degreesOfFreedom: 60) - 2.000298) < 1e-5)
    #expect(abs(studentT975(degreesOfFreedom: 120) - 1.979930) < 1e-5)
}
