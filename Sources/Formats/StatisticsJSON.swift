import Assessments
import Store

/// Renders statistics as JSON, apart from the handlers that fetch them, so that other
/// renderings (a dashboard, the printed review) can stand beside it. Canonical units throughout.
public struct StatisticsJSON {
    let catalog: Catalog

    public init(catalog: Catalog) { self.catalog = catalog }

    /// `GET /v1/regions/{code}/summary`: the region, the period and one entry per indicator.
    public func regionSummary(
        region: Region, filter: StatisticsFilter, samples: [String: [(year: Int, value: Double)]]
    )
        -> [UInt8]
    {
        var out: [UInt8] = Array(#"{"region":"#.utf8)
        JSONWriter.appendString(region.code, to: &out)
        CatalogNames.append(region.name, region.nameRU, to: &out)
        out.append(contentsOf: Array(#","country":"#.utf8))
        JSONWriter.appendString(region.country, to: &out)
        appendPeriod(filter, to: &out)
        out.append(contentsOf: Array(#","indicators":["#.utf8))
        appendIndicatorSummaries(samples, order: filter.indicators, to: &out)
        out.append(contentsOf: Array("]}".utf8))
        return out
    }

    /// `GET /v1/stats`: one entry per group (sorted; years numerically), each with its indicators.
    public func grouped(filter: StatisticsFilter, samples: StatisticsSamples) -> [UInt8] {
        var out: [UInt8] = Array(#"{"group_by":"#.utf8)
        JSONWriter.appendString(filter.grouping.rawValue, to: &out)
        appendPeriod(filter, to: &out)
        out.append(contentsOf: Array(#","groups":["#.utf8))
        let keys = samples.keys.sorted { a, b in
            filter.grouping == .year ? (Int(a) ?? 0) < (Int(b) ?? 0) : a < b
        }
        for (index, key) in keys.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            JSONWriter.appendKey(filter.grouping.rawValue, to: &out)
            if filter.grouping == .year, let year = Int(key) {
                JSONWriter.appendInteger(year, to: &out)
            } else {
                JSONWriter.appendString(key, to: &out)
            }
            if filter.grouping == .region, let region = catalog.regions[key] {
                CatalogNames.append(region.name, region.nameRU, to: &out)
            }
            out.append(contentsOf: Array(#","indicators":["#.utf8))
            appendIndicatorSummaries(samples[key] ?? [:], order: filter.indicators, to: &out)
            out.append(contentsOf: Array("]}".utf8))
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }

    private func appendPeriod(_ filter: StatisticsFilter, to out: inout [UInt8]) {
        for (key, value) in [("from", filter.from), ("to", filter.to)] {
            out.append(UInt8(ascii: ","))
            JSONWriter.appendKey(key, to: &out)
            if let value { JSONWriter.appendString(value, to: &out) } else { JSONWriter.appendNull(to: &out) }
        }
        out.append(contentsOf: Array(#","depth_max":"#.utf8))
        if let depth = filter.depthMax {
            JSONWriter.appendNumber(depth, to: &out)
        } else {
            JSONWriter.appendNull(to: &out)
        }
    }

    /// One object per indicator that has samples, in the requested order, canonical units.
    private func appendIndicatorSummaries(
        _ samples: [String: [(year: Int, value: Double)]], order: [String], to out: inout [UInt8]
    ) {
        var first = true
        for indicator in order {
            guard let values = samples[indicator], let summary = Summary(values) else { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: Array(#"{"indicator":"#.utf8))
            JSONWriter.appendString(indicator, to: &out)
            out.append(contentsOf: Array(#","unit":"#.utf8))
            JSONWriter.appendString(
                indicator == StatisticsFilter.derivedStock ? "t/ha" : catalog.statisticsUnit(indicator) ?? "",
                to: &out)
            out.append(contentsOf: Array(#","n":"#.utf8))
            JSONWriter.appendInteger(summary.n, to: &out)
            for (key, value) in [
                ("mean", summary.mean), ("min", summary.min), ("p10", summary.p10), ("median", summary.median),
                ("p90", summary.p90), ("max", summary.max),
            ] {
                out.append(UInt8(ascii: ","))
                JSONWriter.appendKey(key, to: &out)
                JSONWriter.appendNumber(value, to: &out)
            }
            out.append(contentsOf: Array(#","by_year":["#.utf8))
            for (index, year) in summary.byYear.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: Array(#"{"year":"#.utf8))
                JSONWriter.appendInteger(year.year, to: &out)
                out.append(contentsOf: Array(#","n":"#.utf8))
                JSONWriter.appendInteger(year.n, to: &out)
                out.append(contentsOf: Array(#","mean":"#.utf8))
                JSONWriter.appendNumber(year.mean, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(contentsOf: Array("]}".utf8))
        }
    }
}
