import Assessments
import SQLite

/// Which samples a statistics request covers.
struct StatisticsFilter: Sendable {
    enum Grouping: String, Sendable, CaseIterable {
        case country, region, year, landCover = "land_cover"
    }

    /// Indicator codes; `soc_stock_0_30` is the derived stock, one value per assessment.
    var indicators: [String]
    var country: String?
    var regions: [String] = []
    var from: String?
    var to: String?
    var depthMax: Double?
    var grouping: Grouping = .region

    static let derivedStock = "soc_stock_0_30"
}

/// Reads the samples of a statistics request and groups them; retracted assessments have no
/// measurement rows, and the stock column is read from active ones only.
enum StatisticsReads {
    /// (group key, indicator) -> samples.
    static func samples(_ filter: StatisticsFilter, in db: Connection) throws
        -> [String: [String: [(year: Int, value: Double)]]]
    {
        var groups: [String: [String: [(year: Int, value: Double)]]] = [:]
        for indicator in filter.indicators {
            let isStock = indicator == StatisticsFilter.derivedStock
            var sql = isStock
                ? "SELECT region, sampled_on, land_cover, soc_stock FROM assessments WHERE status = 'active' AND soc_stock IS NOT NULL"
                : "SELECT region, sampled_on, land_cover, value FROM measurements WHERE indicator = ?"
            var bindings: [any Bindable] = isStock ? [] : [indicator]
            if !filter.regions.isEmpty {
                sql += " AND region IN (" + Array(repeating: "?", count: filter.regions.count).joined(separator: ", ") + ")"
                bindings += filter.regions.map { $0 as any Bindable }
            }
            // Both given: the regions of that country only, as the list filters combine.
            if let country = filter.country {
                // Region codes start with the country code: a range on the clustered key.
                sql += " AND region >= ? AND region < ?"
                bindings += [country + "-", country + "."] as [any Bindable]
            }
            if let from = filter.from {
                sql += " AND sampled_on >= ?"
                bindings.append(from)
            }
            if let to = filter.to {
                sql += " AND sampled_on <= ?"
                bindings.append(to)
            }
            if let depthMax = filter.depthMax, !isStock {
                sql += " AND top_cm < ?"
                bindings.append(depthMax)
            }
            try db.query(sql, bindings) { row in
                let region = row.text(0)
                let sampledOn = row.text(1)
                let year = Int(sampledOn.prefix(4)) ?? 0
                let key: String
                switch filter.grouping {
                case .country: key = String(region.prefix(2))
                case .region: key = region
                case .year: key = String(year)
                case .landCover: key = row.text(2)
                }
                groups[key, default: [:]][indicator, default: []].append((year, row.double(3)))
            }
        }
        return groups
    }
}
