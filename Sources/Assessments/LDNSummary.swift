/// Shares of degraded, stable and improved among the sites that have a value, with 95 % Wilson
/// intervals.
public struct LDNShares: Sendable, Equatable {
    /// A share with its interval.
    public struct Share: Sendable, Equatable {
        public var count: Int
        /// Fraction of `n`, 0 to 1 (0 when `n` is 0).
        public var share: Double
        public var lower: Double
        public var upper: Double
    }

    /// Sites with a value.
    public var n: Int
    public var degraded: Share
    public var stable: Share
    public var improved: Share

    /// Counts the classes of `values`; nil values are not counted.
    public init(_ values: some Sequence<LDNClass?>) {
        var counts = [0, 0, 0]
        for case let value? in values { counts[value.rawValue + 1] += 1 }
        let n = counts.reduce(0, +)
        func share(_ count: Int) -> Share {
            let interval = wilsonInterval(successes: count, total: n)
            return Share(
                count: count, share: n == 0 ? 0 : Double(count) / Double(n), lower: interval.lower,
                upper: interval.upper)
        }
        self.n = n
        degraded = share(counts[0])
        stable = share(counts[1])
        improved = share(counts[2])
    }

    /// The share of `value`.
    public subscript(_ value: LDNClass) -> Share {
        switch value {
        case .degraded: degraded
        case .stable: stable
        case .improved: improved
        }
    }
}

/// One group's (region's or country's) SDG 15.3.1 from its sites.
public struct LDNSummary: Sendable, Equatable {
    /// Sites with a visit in the periods.
    public var seen: Int
    /// Water at the last reporting visit.
    public var excluded: Int
    /// Sites with a status: the denominator of the shares.
    public var complete: Int
    /// Land sites whose status could not be decided.
    public var incomplete: Int
    /// The status after the status matrix (the SDG 15.3.1 answer).
    public var status: LDNShares
    /// The baseline period's one-out-all-out class.
    public var baseline: LDNShares
    /// The reporting period's own one-out-all-out class, before the status matrix.
    public var reportingPeriod: LDNShares
    /// Each sub-indicator: `[period][sub-indicator]`, periods `baseline` and `reporting`,
    /// sub-indicators `land_cover`, `productivity`, `soc`.
    public var subIndicators: [(period: String, indicator: String, shares: LDNShares)]
    /// Sites per expanded status class, in `LDNStatus.allCases` order.
    public var statusClasses: [(status: LDNStatus, count: Int)]
    /// Fewer complete sites than the minimum: the shares are not to be relied on.
    public var insufficientData: Bool

    /// Summarizes the sites of one group: `sites` at `indices` (all of them by default).
    public init(_ sites: [LDNSite], indices: [Int]? = nil, minimumSites: Int) {
        let chosen = indices ?? Array(sites.indices)
        let land = chosen.filter { sites[$0].status != .excluded }
        seen = chosen.count
        excluded = chosen.count - land.count
        // One pass over the sites, reading each value in place (a key path would copy each site).
        var values = Array(repeating: [LDNClass?](), count: 9)
        for index in values.indices { values[index].reserveCapacity(land.count) }
        for index in land {
            values[0].append(sites[index].status.overall)
            values[1].append(sites[index].baseline.combined)
            values[2].append(sites[index].reporting.combined)
            values[3].append(sites[index].baseline.landCover?.value)
            values[4].append(sites[index].baseline.productivity?.value)
            values[5].append(sites[index].baseline.soc?.value)
            values[6].append(sites[index].reporting.landCover?.value)
            values[7].append(sites[index].reporting.productivity?.value)
            values[8].append(sites[index].reporting.soc?.value)
        }
        status = LDNShares(values[0])
        complete = status.n
        incomplete = land.count - complete
        baseline = LDNShares(values[1])
        reportingPeriod = LDNShares(values[2])
        var subIndicators: [(period: String, indicator: String, shares: LDNShares)] = []
        for (offset, period) in [(3, "baseline"), (6, "reporting")] {
            for (step, indicator) in ["land_cover", "productivity", "soc"].enumerated() {
                subIndicators.append((period, indicator, LDNShares(values[offset + step])))
            }
        }
        self.subIndicators = subIndicators
        var counts: [LDNStatus: Int] = [:]
        for index in chosen { counts[sites[index].status, default: 0] += 1 }
        statusClasses = LDNStatus.allCases.map { ($0, counts[$0] ?? 0) }
        insufficientData = complete < minimumSites
    }

    public static func == (lhs: LDNSummary, rhs: LDNSummary) -> Bool {
        lhs.seen == rhs.seen && lhs.excluded == rhs.excluded && lhs.complete == rhs.complete
            && lhs.status == rhs.status && lhs.baseline == rhs.baseline
            && lhs.statusClasses.map(\.count) == rhs.statusClasses.map(\.count)
    }
}

/// Land-cover transitions of the reporting period (`l_B -> l_R`): counts in matrix order.
public struct LDNTransitions: Sendable, Equatable {
    /// `counts[from][to]`, indices in the matrix's class order.
    public var counts: [[Int]]
    /// Sites with both visits.
    public var sites: Int

    public init(_ sites: [LDNSite], indices: [Int], classes: [String]) {
        var counts = Array(repeating: Array(repeating: 0, count: classes.count), count: classes.count)
        var n = 0
        for index in indices {
            guard let cover = sites[index].reporting.landCover, let from = classes.firstIndex(of: cover.fromClass),
                let to = classes.firstIndex(of: cover.toClass)
            else { continue }
            counts[from][to] += 1
            n += 1
        }
        self.counts = counts
        self.sites = n
    }
}
