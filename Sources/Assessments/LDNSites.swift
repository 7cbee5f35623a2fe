/// SDG 15.3.1 from monitoring sites (UNCCD GPG v2, as Trends.Earth computes it from rasters):
/// per site, `e_B` and `l_B` are the first and last visits in the baseline and `l_R` the last in
/// the reporting period, counted separately for each sub-indicator among the visits that carry
/// it (a stock for SOC, an LPD class for productivity, any visit for land cover).
public struct LDNComputation: Sendable {
    public var periods: LDNPeriods
    public var matrix: LandCoverMatrix
    /// Keep the SOC value of comparisons whose two visits used different methods.
    public var anySOCMethod: Bool

    public init(periods: LDNPeriods, matrix: LandCoverMatrix, anySOCMethod: Bool = false) {
        self.periods = periods
        self.matrix = matrix
        self.anySOCMethod = anySOCMethod
    }

    /// Every site with a visit in the two periods, in no particular order (`sorted` orders them).
    /// Visits outside the periods are ignored; the order of `visits` does not matter.
    public func sites(_ visits: [LDNVisit]) -> [LDNSite] {
        var trackers: [SiteKey: Tracker] = [:]
        trackers.reserveCapacity(visits.count / 2)
        let (from, baselineEnd, reportingStart, to) =
            (periods.from, periods.baselineEnd, periods.reportingStart, periods.to)
        for visit in visits where visit.sampledOn >= from && visit.sampledOn <= to {
            let inBaseline: Bool
            if visit.sampledOn <= baselineEnd {
                inBaseline = true
            } else if visit.sampledOn >= reportingStart {
                inBaseline = false
            } else {
                continue
            }
            trackers[SiteKey(country: visit.country, siteID: visit.siteID), default: Tracker()]
                .add(visit, inBaseline: inBaseline)
        }
        var sites: [LDNSite] = []
        sites.reserveCapacity(trackers.count)
        for (key, tracker) in trackers { sites.append(evaluate(key, tracker)) }
        return sites
    }

    private func evaluate(_ key: SiteKey, _ site: Tracker) -> LDNSite {
        var flags: Set<String> = []
        let baseline = LDNPeriodResult(
            landCover: landCover(site.coverFirstB, site.coverLastB, key.country),
            productivity: productivity(site.lpdLastB),
            soc: soc(site.socFirstB, site.socLastB, flags: &flags))
        let reporting = LDNPeriodResult(
            landCover: landCover(site.coverLastB, site.coverLastR, key.country),
            productivity: productivity(site.lpdLastR),
            soc: soc(site.socLastB, site.socLastR, flags: &flags))
        let status: LDNStatus =
            site.coverLastR?.value == "water_body"
            ? .excluded : LDNStatus(baseline: baseline.combined, reporting: reporting.combined)
        return LDNSite(
            country: key.country, siteID: key.siteID, region: site.latest?.value ?? "",
            baselineFirst: site.coverFirstB?.ref, baselineLast: site.coverLastB?.ref,
            reportingLast: site.coverLastR?.ref, baseline: baseline, reporting: reporting, status: status,
            flags: flags.sorted())
    }

    /// The transition between two distinct visits; nil when either is missing or they are one.
    private func landCover(_ first: Mark<String>?, _ last: Mark<String>?, _ country: String) -> LDNLandCover? {
        guard let first, let last, first.ref != last.ref else { return nil }
        return LDNLandCover(
            from: first.ref, fromClass: first.value, to: last.ref, toClass: last.value,
            value: matrix.transition(from: first.value, to: last.value, country: country))
    }

    private func productivity(_ mark: Mark<Int>?) -> LDNProductivity? {
        mark.map { LDNProductivity(at: $0.ref, lpdClass: $0.value, value: productivityClass(lpd: $0.value)) }
    }

    private func soc(_ first: Mark<Stock>?, _ last: Mark<Stock>?, flags: inout Set<String>) -> LDNSOC? {
        guard let first, let last, first.ref != last.ref else { return nil }
        let change = socChangeClass(from: first.value.stock, to: last.value.stock)
        if change == nil { flags.insert("zero_baseline_stock") }
        var methodChanged = false
        if let before = first.value.method, let after = last.value.method, before != after {
            methodChanged = true
            flags.insert("method_changed")
        }
        return LDNSOC(
            from: first.ref, fromStock: first.value.stock, fromMethod: first.value.method, to: last.ref,
            toStock: last.value.stock, toMethod: last.value.method, changePercent: change?.change,
            value: methodChanged && !anySOCMethod ? nil : change?.value, methodChanged: methodChanged)
    }
}

extension [LDNSite] {
    /// The sites in country, site order.
    public func sortedBySite() -> [LDNSite] {
        indices.sorted { (self[$0].country, self[$0].siteID) < (self[$1].country, self[$1].siteID) }.map { self[$0] }
    }

    /// Indices of the sites per group: the site's country, or its region.
    public func groupIndices(byCountry: Bool) -> [String: [Int]] {
        var groups: [String: [Int]] = [:]
        for index in indices { groups[byCountry ? self[index].country : self[index].region, default: []].append(index) }
        return groups
    }
}

/// A site: country and the agency's site id.
struct SiteKey: Hashable {
    let country: String
    let siteID: String
}

/// A value seen at a visit.
struct Mark<Value> {
    let ref: LDNVisitRef
    let value: Value

    /// Later in time, then by id, than `other`.
    func isAfter<Other>(_ other: Mark<Other>) -> Bool {
        (ref.on, ref.id) > (other.ref.on, other.ref.id)
    }
}

/// A stock and the method it was measured by.
struct Stock {
    let stock: Double
    let method: String?
}

/// The visits one site's comparisons use, kept while the visits stream by.
struct Tracker {
    var latest: Mark<String>?
    var coverFirstB: Mark<String>?
    var coverLastB: Mark<String>?
    var coverLastR: Mark<String>?
    var socFirstB: Mark<Stock>?
    var socLastB: Mark<Stock>?
    var socLastR: Mark<Stock>?
    var lpdLastB: Mark<Int>?
    var lpdLastR: Mark<Int>?

    mutating func add(_ visit: LDNVisit, inBaseline: Bool) {
        let ref = LDNVisitRef(id: visit.id, on: visit.sampledOn)
        Self.keepLast(&latest, Mark(ref: ref, value: visit.region))
        let cover = Mark(ref: ref, value: visit.landCover)
        let stock = visit.socStock.map { Mark(ref: ref, value: Stock(stock: $0, method: visit.socMethod)) }
        let lpd = visit.lpdClass.map { Mark(ref: ref, value: $0) }
        if inBaseline {
            Self.keepFirst(&coverFirstB, cover)
            Self.keepLast(&coverLastB, cover)
            if let stock {
                Self.keepFirst(&socFirstB, stock)
                Self.keepLast(&socLastB, stock)
            }
            if let lpd { Self.keepLast(&lpdLastB, lpd) }
        } else {
            Self.keepLast(&coverLastR, cover)
            if let stock { Self.keepLast(&socLastR, stock) }
            if let lpd { Self.keepLast(&lpdLastR, lpd) }
        }
    }

    static func keepFirst<V>(_ slot: inout Mark<V>?, _ mark: Mark<V>) {
        if let current = slot, mark.isAfter(current) || mark.ref == current.ref { return }
        slot = mark
    }

    static func keepLast<V>(_ slot: inout Mark<V>?, _ mark: Mark<V>) {
        if let current = slot, !mark.isAfter(current) { return }
        slot = mark
    }
}
