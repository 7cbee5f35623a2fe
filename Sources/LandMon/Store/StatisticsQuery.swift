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
        // SQL hands over the group key and the year, so a row costs one small string and no
        // parsing; the rows of a group arrive together (the scan follows the clustered key), so
        // the nested dictionaries are touched once per run of a group, not once per row.
        let keyColumn: String
        switch filter.grouping {
        case .country: keyColumn = "substr(region, 1, 2)"
        case .region: keyColumn = "region"
        case .year: keyColumn = "substr(sampled_on, 1, 4)"
        case .landCover: keyColumn = "land_cover"
        }
        let yearColumn = "CAST(substr(sampled_on, 1, 4) AS INTEGER)"
        for indicator in filter.indicators {
            let isStock = indicator == StatisticsFilter.derivedStock
            var sql = isStock
                ? "SELECT \(keyColumn), \(yearColumn), soc_stock FROM assessments WHERE status = 'active' AND soc_stock IS NOT NULL"
                : "SELECT \(keyColumn), \(yearColumn), value FROM measurements WHERE indicator = ?"
            var bindings: [any Bindable] = isStock ? [] : [indicator]
            if !filter.regions.isEmpty {
                sql += " AND region IN (" + Array(repeating: "?", count: filter.regions.count).joined(separator: ", ") + ")"
                bindings += filter.regions.map { $0 as any Bindable }
            } else if let country = filter.country {
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
            var currentKey = ""
            var run: [(year: Int, value: Double)] = []
            func flush() {
                guard !run.isEmpty else { return }
                groups[currentKey, default: [:]][indicator, default: []].append(contentsOf: run)
                run.removeAll(keepingCapacity: true)
            }
            try db.query(sql, bindings) { row in
                let key = row.text(0)
                if key != currentKey {
                    flush()
                    currentKey = key
                }
                run.append((Int(row.int(1)), row.double(2)))
            }
            flush()
        }
        return groups
    }
}
