import SQLite

/// The visits LDN is computed from.
enum SiteVisitReads {
    /// Visits of active assessments between two dates, in `regions` or else in `country`.
    static func visits(country: String?, regions: [String], from: String, to: String, in db: Connection) throws
        -> [SiteVisit]
    {
        var sql = """
            SELECT country, site_id, region, sampled_on, soc_stock FROM assessments
            WHERE status = 'active' AND sampled_on >= ? AND sampled_on <= ?
            """
        var bindings: [any Bindable] = [from, to]
        if !regions.isEmpty {
            sql += " AND region IN (" + SQLText.placeholders(regions.count) + ")"
            bindings += regions.map { $0 as any Bindable }
        } else if let country {
            // Region codes start with the country code: a range on the region index.
            sql += " AND region >= ? AND region < ?"
            bindings += [country + "-", country + "."] as [any Bindable]
        }
        var visits: [SiteVisit] = []
        try db.query(sql, bindings) { row in
            visits.append(
                SiteVisit(
                    country: row.text(0), siteID: row.text(1), region: row.text(2), sampledOn: row.text(3),
                    socStock: row.isNull(4) ? nil : row.double(4)))
        }
        return visits
    }
}
