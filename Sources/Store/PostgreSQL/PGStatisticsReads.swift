import PostgreSQL

/// Reads the samples of a statistics request and groups them; retracted assessments have no
/// measurement rows, and the stock column is read from active ones only. The rows come in the
/// order SQLite's plan reads them, so that sums (and so means) are equal to the last digit.
enum PGStatisticsReads {
    /// (group key, indicator) -> samples.
    static func samples(_ filter: StatisticsFilter, in db: PGConnection) throws -> StatisticsSamples {
        var groups: StatisticsSamples = [:]
        // SQL hands over the group key; rows of a group mostly arrive together, so a row costs a
        // byte comparison with the current key and the nested dictionaries are touched once per
        // run of a group, not once per row.
        let keyColumn: String
        switch filter.grouping {
        case .country: keyColumn = "substr(region, 1, 2)"
        case .region: keyColumn = "region"
        case .year: keyColumn = "substr(sampled_on, 1, 4)"
        case .landCover: keyColumn = "land_cover"
        }
        for indicator in filter.indicators {
            let isStock = indicator == StatisticsFilter.derivedStock
            var sql =
                isStock
                ? "SELECT \(keyColumn), sampled_on, soc_stock FROM assessments WHERE status = 'active' AND soc_stock IS NOT NULL"
                : "SELECT \(keyColumn), sampled_on, value FROM measurements WHERE indicator = ?"
            var bindings: [any PGBindable] = isStock ? [] : [indicator]
            if !filter.regions.isEmpty {
                sql +=
                    " AND region IN (" + PGText.placeholders(filter.regions.count)
                    + ")"
                bindings += filter.regions.map { $0 as any PGBindable }
            }
            // Both given: the regions of that country only, as the list filters combine.
            if let country = filter.country {
                // Region codes start with the country code: a range on the clustered key.
                sql += " AND region >= ? AND region < ?"
                bindings += [country + "-", country + "."] as [any PGBindable]
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
            sql += " ORDER BY " + order(isStock: isStock, filter)
            var currentKey: [UInt8] = []
            var run: [(year: Int, value: Double)] = []
            func flush() {
                guard !run.isEmpty else { return }
                groups[String(decoding: currentKey, as: UTF8.self), default: [:]][indicator, default: []]
                    .append(contentsOf: run)
                run.removeAll(keepingCapacity: true)
            }
            try db.query(sql, bindings) { row in
                if !row.withUnsafeBytes(0, { $0.elementsEqual(currentKey) }) {
                    flush()
                    currentKey = row.blob(0)
                }
                // sampled_on is YYYY-MM-DD (the validator's rule): the year is its first four digits.
                let year = row.withUnsafeBytes(1) { bytes in
                    bytes.count < 4 ? 0 : bytes.prefix(4).reduce(0) { $0 * 10 + Int($1) - 48 }
                }
                run.append((year, row.double(2)))
            }
            flush()
        }
        return groups
    }

    /// The order in which SQLite reads the same rows: the measurements' primary key; for the
    /// stock, `assessments_by_date` when only dates narrow the query, else `assessments_for_ldn`
    /// (SQLite sorts NULL first).
    private static func order(isStock: Bool, _ filter: StatisticsFilter) -> String {
        guard isStock else { return "region, sampled_on, assessment_id, top_cm" }
        if filter.regions.isEmpty && filter.country == nil && (filter.from != nil || filter.to != nil) {
            return "sampled_on, id"
        }
        return
            "region, sampled_on, site_id, land_cover, lpd_class NULLS FIRST, soc_stock, soc_method NULLS FIRST, id"
    }
}
