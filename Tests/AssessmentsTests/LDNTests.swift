import Testing

@testable import Assessments

@Test func changeClassesAtTheThresholds() {
    #expect(classifyChange(baseline: 40, reporting: 36) == .degraded)
    #expect(classifyChange(baseline: 40, reporting: 36.1) == .stable)
    #expect(classifyChange(baseline: 40, reporting: 44) == .improved)
    #expect(classifyChange(baseline: 40, reporting: 43.9) == .stable)
    #expect(classifyChange(baseline: 40, reporting: 40) == .stable)
    #expect(classifyChange(baseline: 0, reporting: 1) == .improved)
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

@Test func regionSharesOverEligibleSites() {
    var sites: [(baseline: Double?, reporting: Double?)] = []
    sites += Array(repeating: (40, 30), count: 3)  // degraded
    sites += Array(repeating: (40, 41), count: 5)  // stable
    sites += Array(repeating: (40, 50), count: 2)  // improved
    sites += [(nil, 30), (40, nil)]  // not eligible
    let shares = ldnShares(sites: sites, minimumEligible: 10)
    #expect(shares.nSites == 12)
    #expect(shares.nEligible == 10)
    #expect(shares.degraded?.count == 3)
    #expect(shares.degraded?.share == 0.3)
    #expect(shares.stable?.share == 0.5)
    #expect(close(shares.stable!.lower, 0.2366))
    #expect(shares.improved?.share == 0.2)
    #expect(shares.insufficientData == false)
    #expect(ldnShares(sites: sites, minimumEligible: 11).insufficientData)
    let empty = ldnShares(sites: [], minimumEligible: 10)
    #expect(empty.nEligible == 0 && empty.degraded == nil && empty.insufficientData)
}
