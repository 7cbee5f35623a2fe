import Assessments
import PostgreSQL

/// The visits SDG 15.3.1 is computed from, in PostgreSQL (the planner picks the covering partial
/// index `assessments_for_ldn` and the site index by itself; there is no `INDEXED BY`).
enum PGSiteVisitReads {
    /// Visits of active assessments between two dates, in `regions` or else in `country`: a range
    /// scan of `assessments_for_ldn` per region (or one per country), read from the index alone.
    static func visits(country: String?, regions: [String], from: String, to: String, in db: PGConnection) throws
        -> [LDNVisit]
    {
        var sql = """
            SELECT id, region, site_id, sampled_on, land_cover, lpd_class, soc_stock, soc_method
            FROM assessments
            WHERE status = 'active' AND sampled_on >= ? AND sampled_on <= ?
            """
        var bindings: [any PGBindable] = [from, to]
        if !regions.isEmpty {
            sql += " AND region IN (" + PGText.placeholders(regions.count) + ")"
            bindings += regions.map { $0 as any PGBindable }
        } else if let country {
            // Region codes start with the country code: a range on the index.
            sql += " AND region >= ? AND region < ?"
            bindings += [country + "-", country + "."] as [any PGBindable]
        }
        return try read(sql, bindings, in: db)
    }

    /// Every active visit of one site: the site index (`site_id`), then the country's regions.
    static func visits(country: String, siteID: String, in db: PGConnection) throws -> [LDNVisit] {
        let sql = """
            SELECT id, region, site_id, sampled_on, land_cover, lpd_class, soc_stock, soc_method
            FROM assessments
            WHERE site_id = ? AND status = 'active' AND region >= ? AND region < ?
            """
        return try read(sql, [siteID, country + "-", country + "."], in: db)
    }

    /// The rows of `sql` (the columns of `visits`) as visits.
    private static func read(_ sql: String, _ bindings: [any PGBindable], in db: PGConnection) throws -> [LDNVisit] {
        var visits: [LDNVisit] = []
        var methods: [String: String] = [:]
        try db.query(sql, bindings) { row in
            let region = row.text(1)
            // A region code is `CC-...`: its first two letters are the country.
            let country = String(region.prefix(2))
            var method: String?
            if !row.isNull(7) {
                // Few distinct methods: share one string per method instead of one per row.
                let text = row.text(7)
                method = methods[text] ?? text
                methods[text] = method
            }
            visits.append(
                LDNVisit(
                    id: row.int(0), country: country, siteID: row.text(2), region: region, sampledOn: row.text(3),
                    landCover: row.text(4), lpdClass: row.isNull(5) ? nil : Int(row.int(5)),
                    socStock: row.isNull(6) ? nil : row.double(6), socMethod: method))
        }
        return visits
    }
}
