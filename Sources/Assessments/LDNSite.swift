/// A visit as an SDG 15.3.1 comparison used it.
public struct LDNVisitRef: Sendable, Equatable {
    /// The assessment's id.
    public var id: Int64
    /// `YYYY-MM-DD`.
    public var on: String
}

/// The land-cover sub-indicator of one period: the transition between two visits.
public struct LDNLandCover: Sendable, Equatable {
    public var from: LDNVisitRef
    public var fromClass: String
    public var to: LDNVisitRef
    public var toClass: String
    /// The matrix's class of the transition.
    public var value: LDNClass?
}

/// The productivity sub-indicator of one period: the LPD class at its last visit with one.
public struct LDNProductivity: Sendable, Equatable {
    public var at: LDNVisitRef
    public var lpdClass: Int
    public var value: LDNClass?
}

/// The SOC sub-indicator of one period: the stock change between two visits with a stock.
public struct LDNSOC: Sendable, Equatable {
    public var from: LDNVisitRef
    public var fromStock: Double
    public var fromMethod: String?
    public var to: LDNVisitRef
    public var toStock: Double
    public var toMethod: String?
    /// `(S1 - S0) / S0 x 100`; nil when `S0` is zero.
    public var changePercent: Double?
    /// nil when the change has no value (`S0 = 0`) or the methods differ (unless allowed).
    public var value: LDNClass?
    /// Both visits state a SOC method and they differ.
    public var methodChanged: Bool
}

/// One period of a site: the three sub-indicators and their one-out-all-out combination.
public struct LDNPeriodResult: Sendable, Equatable {
    public var landCover: LDNLandCover?
    public var productivity: LDNProductivity?
    public var soc: LDNSOC?
    /// One out, all out; nil when undecided (a sub-indicator missing and none degraded).
    public var combined: LDNClass?

    init(landCover: LDNLandCover?, productivity: LDNProductivity?, soc: LDNSOC?) {
        self.landCover = landCover
        self.productivity = productivity
        self.soc = soc
        combined = oneOutAllOut([landCover?.value, productivity?.value, soc?.value])
    }
}

/// One site's SDG 15.3.1: both periods, the status, and what made a value missing.
public struct LDNSite: Sendable, Equatable {
    public var country: String
    public var siteID: String
    /// The region of the site's latest visit in the two periods.
    public var region: String
    /// First and last visit in the baseline, last in the reporting period (any visit).
    public var baselineFirst: LDNVisitRef?
    public var baselineLast: LDNVisitRef?
    public var reportingLast: LDNVisitRef?
    public var baseline: LDNPeriodResult
    public var reporting: LDNPeriodResult
    public var status: LDNStatus
    /// `method_changed`, `zero_baseline_stock`, sorted.
    public var flags: [String]
}
