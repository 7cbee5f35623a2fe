/// Change class of a site's SOC stock between the baseline and reporting periods (SDG 15.3.1
/// SOC sub-indicator, UNCCD Good Practice Guidance v2).
public enum SOCChange: String, Sendable, Equatable {
    case degraded
    case stable
    case improved
}

/// Classifies a site: `change = (reporting - baseline) / baseline x 100`; `<= -10` degraded,
/// `>= +10` improved, else stable. A zero baseline has no relative change: any gain counts as
/// improved, anything else as stable.
public func classifyChange(baseline: Double, reporting: Double) -> SOCChange {
    guard baseline > 0 else { return reporting > baseline ? .improved : .stable }
    let change = (reporting - baseline) / baseline * 100
    // Compare with a tolerance so that exactly 10 % (e.g. 40 -> 36) is not lost to rounding.
    if change <= -10 + 1e-9 { return .degraded }
    if change >= 10 - 1e-9 { return .improved }
    return .stable
}

/// The 95 % (by default) Wilson score interval of a binomial proportion; `(0, 1)` when `total` is 0.
public func wilsonInterval(successes: Int, total: Int, z: Double = 1.959964) -> (lower: Double, upper: Double) {
    guard total > 0 else { return (0, 1) }
    let n = Double(total)
    let p = Double(successes) / n
    let z2 = z * z
    let denominator = 1 + z2 / n
    let centre = (p + z2 / (2 * n)) / denominator
    let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
    return (max(0, centre - half), min(1, centre + half))
}

/// A region's SOC sub-indicator: shares of eligible sites per change class.
public struct LDNShares: Sendable, Equatable {
    /// A share with its 95 % Wilson interval.
    public struct Share: Sendable, Equatable {
        /// Number of sites in the class.
        public var count: Int
        /// Fraction of eligible sites, 0 to 1.
        public var share: Double
        /// Lower bound of the interval.
        public var lower: Double
        /// Upper bound of the interval.
        public var upper: Double
    }

    /// Sites considered.
    public var nSites: Int
    /// Sites with both a baseline and a reporting stock.
    public var nEligible: Int
    /// Degraded share (nil when no site is eligible).
    public var degraded: Share?
    /// Stable share.
    public var stable: Share?
    /// Improved share.
    public var improved: Share?
    /// Fewer eligible sites than the configured minimum: the shares are not to be relied on.
    public var insufficientData: Bool
}

/// Shares of degraded, stable and improved sites over the eligible ones (both stocks present).
public func ldnShares(sites: [(baseline: Double?, reporting: Double?)], minimumEligible: Int = 10)
    -> LDNShares
{
    var counts: [SOCChange: Int] = [.degraded: 0, .stable: 0, .improved: 0]
    var eligible = 0
    for site in sites {
        guard let baseline = site.baseline, let reporting = site.reporting, baseline.isFinite,
            reporting.isFinite
        else { continue }
        eligible += 1
        counts[classifyChange(baseline: baseline, reporting: reporting), default: 0] += 1
    }
    func share(_ change: SOCChange) -> LDNShares.Share? {
        guard eligible > 0 else { return nil }
        let count = counts[change] ?? 0
        let interval = wilsonInterval(successes: count, total: eligible)
        return LDNShares.Share(
            count: count, share: Double(count) / Double(eligible), lower: interval.lower,
            upper: interval.upper)
    }
    return LDNShares(
        nSites: sites.count, nEligible: eligible, degraded: share(.degraded), stable: share(.stable),
        improved: share(.improved), insufficientData: eligible < minimumEligible)
}
