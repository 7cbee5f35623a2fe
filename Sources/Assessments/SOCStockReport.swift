/// The UNCCD SO1-3 table (PRAIS): mean SOC stock 0-30 cm per land-cover class and period, from
/// the sites. Each site counts once per period, with its last visit in the period that has a
/// stock, under the land cover of that visit.
public struct SOCStockReport: Sendable, Equatable {
    /// One land-cover class in one period.
    public struct Row: Sendable, Equatable {
        /// `baseline` or `reporting`.
        public var period: String
        public var landCover: String
        /// Sites.
        public var n: Int
        /// Mean stock, t/ha.
        public var mean: Double
        /// Sample standard deviation; nil for one site.
        public var standardDeviation: Double?
        /// 95 % confidence interval of the mean (Student's t); nil for one site.
        public var lower: Double?
        public var upper: Double?
    }

    /// Rows in period, then matrix class order; classes without a site are left out.
    public var rows: [Row]

    public init(_ visits: [LDNVisit], periods: LDNPeriods, classes: [String]) {
        var last: [SiteKey: [Mark<(cover: String, stock: Double)>?]] = [:]
        let (from, baselineEnd, reportingStart, to) =
            (periods.from, periods.baselineEnd, periods.reportingStart, periods.to)
        for visit in visits where visit.sampledOn >= from && visit.sampledOn <= to {
            guard let stock = visit.socStock else { continue }
            let period: Int
            if visit.sampledOn <= baselineEnd {
                period = 0
            } else if visit.sampledOn >= reportingStart {
                period = 1
            } else {
                continue
            }
            let mark = Mark(
                ref: LDNVisitRef(id: visit.id, on: visit.sampledOn), value: (cover: visit.landCover, stock: stock))
            Tracker.keepLast(
                &last[SiteKey(country: visit.country, siteID: visit.siteID), default: [nil, nil]][period], mark)
        }
        var stocks: [[[Double]]] = Array(repeating: Array(repeating: [], count: classes.count), count: 2)
        for marks in last.values {
            for period in 0..<2 {
                guard let mark = marks[period], let index = classes.firstIndex(of: mark.value.cover) else { continue }
                stocks[period][index].append(mark.value.stock)
            }
        }
        var rows: [Row] = []
        for (period, name) in ["baseline", "reporting"].enumerated() {
            for (index, cover) in classes.enumerated() where !stocks[period][index].isEmpty {
                rows.append(Self.row(period: name, landCover: cover, values: stocks[period][index]))
            }
        }
        self.rows = rows
    }

    static func row(period: String, landCover: String, values: [Double]) -> Row {
        let n = values.count
        // Sum in a fixed order so that the mean does not depend on the order of the visits.
        let sorted = values.sorted()
        let mean = sorted.reduce(0, +) / Double(n)
        guard n > 1 else { return Row(period: period, landCover: landCover, n: n, mean: mean) }
        let variance = sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        let sd = variance.squareRoot()
        let half = studentT975(degreesOfFreedom: n - 1) * sd / Double(n).squareRoot()
        return Row(
            period: period, landCover: landCover, n: n, mean: mean, standardDeviation: sd, lower: mean - half,
            upper: mean + half)
    }
}

extension SOCStockReport.Row {
    init(period: String, landCover: String, n: Int, mean: Double) {
        self.init(
            period: period, landCover: landCover, n: n, mean: mean, standardDeviation: nil, lower: nil, upper: nil)
    }
}

/// The 0.975 quantile of Student's t distribution: exact to 4 decimals from a table up to 30
/// degrees of freedom, then the Cornish-Fisher expansion around the normal quantile (error
/// below 1e-5 from 30 on).
public func studentT975(degreesOfFreedom df: Int) -> Double {
    let table: [Double] = [
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281, 2.2010, 2.1788, 2.1604,
        2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555,
        2.0518, 2.0484, 2.0452, 2.0423,
    ]
    precondition(df >= 1, "degrees of freedom must be positive")
    if df <= table.count { return table[df - 1] }
    let z = 1.959964
    let v = Double(df)
    let z3 = z * z * z
    let z5 = z3 * z * z
    let z7 = z5 * z * z
    return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
        + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
}
