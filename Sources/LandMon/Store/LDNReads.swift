import Foundation
import SQLite

/// The stocks of each site in the two periods.
enum LDNReads {
    struct Site {
        var region: String
        var latestOn: String
        var baseline: Double?
        var baselineOn: String?
        var reporting: Double?
        var reportingOn: String?
    }

    /// Sites (country + site id) measured in either period; a site's region is that of its latest visit.
    static func sites(
        country: String?, regions: [String], baseline: (Int, Int), reporting: (Int, Int), in db: Connection
    ) throws -> [String: Site] {
        var sql =
            "SELECT country, site_id, region, sampled_on, soc_stock FROM assessments WHERE status = 'active' AND sampled_on >= ? AND sampled_on <= ?"
        var bindings: [any Bindable] = [format4(baseline.0) + "-01-01", format4(reporting.1) + "-12-31"]
        if !regions.isEmpty {
            sql += " AND region IN (" + SQLText.placeholders(regions.count) + ")"
            bindings += regions.map { $0 as any Bindable }
        } else if let country {
            sql += " AND region >= ? AND region < ?"
            bindings += [country + "-", country + "."] as [any Bindable]
        }
        let baselineEnd = format4(baseline.1) + "-12-31"
        let reportingStart = format4(reporting.0) + "-01-01"
        var sites: [String: Site] = [:]
        try db.query(sql, bindings) { row in
            let key = row.text(0) + "\u{0}" + row.text(1)
            let region = row.text(2)
            let sampledOn = row.text(3)
            let stock = row.isNull(4) ? nil : row.double(4)
            var site = sites[key] ?? Site(region: region, latestOn: sampledOn)
            if sampledOn >= site.latestOn {
                site.latestOn = sampledOn
                site.region = region
            }
            // The latest visit with a stock in each period counts; a visit without one makes the
            // site known (n_sites) but not eligible on its own.
            if let stock, sampledOn <= baselineEnd, site.baselineOn.map({ sampledOn > $0 }) ?? true {
                site.baselineOn = sampledOn
                site.baseline = stock
            } else if let stock, sampledOn >= reportingStart, site.reportingOn.map({ sampledOn > $0 }) ?? true {
                site.reportingOn = sampledOn
                site.reporting = stock
            }
            sites[key] = site
        }
        return sites
    }

    private static func format4(_ year: Int) -> String { String(format: "%04d", year) }
}
