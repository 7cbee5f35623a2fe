import Assessments
import Foundation
import HTTP
import SQLite

extension Application {
    static let ldnCaveat =
        "Point-sample estimate of the SOC sub-indicator of SDG 15.3.1 only, from sites measured in both periods; not the area-based SDG 15.3.1 value, which also needs land cover and land productivity maps."

    /// `GET /v1/ldn?country=KZ&baseline=2000-2015&reporting=2016-2019` (or `region=`): per region,
    /// shares of degraded, stable and improved sites with 95% Wilson intervals.
    func ldn(_ request: Request) -> Response {
        guarded(request, access: .read) { request, caller in
            try rejectParameters(request, allowed: ["country", "region", "baseline", "reporting", "pretty"])
            let baseline = try period(request, name: "baseline", default: (2000, 2015))
            let reporting = try period(request, name: "reporting", default: (2016, 2019))
            guard baseline.1 < reporting.0 else {
                throw APIError.invalidParameter(
                    name: "reporting", detail: "reporting: must start after the baseline ends")
            }
            var regions: [String] = []
            var country: String?
            if let value = request.query["region"] {
                regions = try QueryValues.regions(value, catalog: catalog)
            }
            if let value = request.query["country"] {
                country = try QueryValues.country(value)
            }
            if let country, let other = regions.first(where: { catalog.regions[$0]?.country != country }) {
                throw APIError.invalidParameter(
                    name: "region", detail: "region: \(other) is not a region of \(country)")
            }
            guard country != nil || !regions.isEmpty else {
                throw APIError.invalidParameter(
                    name: "country", detail: "country or region: say which country or regions")
            }
            let etag = collectionETag(
                "ldn", country ?? "", regions.joined(separator: ","), "\(baseline)", "\(reporting)",
                "pretty=\(request.query["pretty"] != nil)")
            if let answer = unchanged(request, etag: etag, caller: caller) { return answer }
            let sites = try database.read { db in
                try LDNReads.sites(
                    country: country, regions: regions, baseline: baseline, reporting: reporting, in: db)
            }
            var byRegion: [String: [(baseline: Double?, reporting: Double?)]] = [:]
            for site in sites.values { byRegion[site.region, default: []].append((site.baseline, site.reporting)) }
            let codes =
                regions.isEmpty
                ? catalog.regions.values.filter { $0.country == country }.map(\.code).sorted() : regions
            var out: [UInt8] = Array(#"{"indicator":"soc","method":"#.utf8)
            JSONWriter.appendString(
                "per site: change = (reporting - baseline) / baseline x 100 of soc_stock_0_30_t_ha, <= -10 degraded, >= +10 improved, else stable; latest measurement in each period",
                to: &out)
            out.append(contentsOf: Array(#","caveat":"#.utf8))
            JSONWriter.appendString(Application.ldnCaveat, to: &out)
            out.append(contentsOf: Array(#","baseline":"#.utf8))
            JSONWriter.appendString("\(baseline.0)-\(baseline.1)", to: &out)
            out.append(contentsOf: Array(#","reporting":"#.utf8))
            JSONWriter.appendString("\(reporting.0)-\(reporting.1)", to: &out)
            out.append(contentsOf: Array(#","minimum_eligible_sites":"#.utf8))
            JSONWriter.appendInteger(configuration.ldnMinimumSites, to: &out)
            out.append(contentsOf: Array(#","regions":["#.utf8))
            for (index, code) in codes.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                let shares = ldnShares(sites: byRegion[code] ?? [], minimumEligible: configuration.ldnMinimumSites)
                appendRegion(code, shares, to: &out)
            }
            out.append(contentsOf: Array("]}".utf8))
            var response = Response.json(out)
            response.headers.set("ETag", etag)
            return response
        }
    }

    private func appendRegion(_ code: String, _ shares: LDNShares, to out: inout [UInt8]) {
        out.append(contentsOf: Array(#"{"region":"#.utf8))
        JSONWriter.appendString(code, to: &out)
        out.append(contentsOf: Array(#","name":"#.utf8))
        JSONWriter.appendString(catalog.regions[code]?.name ?? code, to: &out)
        out.append(contentsOf: Array(#","n_sites":"#.utf8))
        JSONWriter.appendInteger(shares.nSites, to: &out)
        out.append(contentsOf: Array(#","n_eligible":"#.utf8))
        JSONWriter.appendInteger(shares.nEligible, to: &out)
        for (key, share) in [("degraded", shares.degraded), ("stable", shares.stable), ("improved", shares.improved)] {
            out.append(UInt8(ascii: ","))
            JSONWriter.appendKey(key, to: &out)
            guard let share else {
                JSONWriter.appendNull(to: &out)
                continue
            }
            out.append(contentsOf: Array(#"{"count":"#.utf8))
            JSONWriter.appendInteger(share.count, to: &out)
            for (name, value) in [("share", share.share), ("ci95_lower", share.lower), ("ci95_upper", share.upper)] {
                out.append(UInt8(ascii: ","))
                JSONWriter.appendKey(name, to: &out)
                JSONWriter.appendNumber(value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: Array(#","insufficient_data":"#.utf8))
        JSONWriter.appendBool(shares.insufficientData, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// `YYYY-YYYY` (inclusive years).
    private func period(_ request: Request, name: String, default fallback: (Int, Int)) throws -> (Int, Int) {
        guard let value = request.query[name] else { return fallback }
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 4 }), let start = Int(parts[0]), let end = Int(parts[1]),
            start >= 1900, start <= end, end <= 2200
        else {
            throw APIError.invalidParameter(name: name, detail: "\(name): years as YYYY-YYYY, e.g. 2000-2015")
        }
        return (start, end)
    }
}

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
            sql += " AND region IN (" + Array(repeating: "?", count: regions.count).joined(separator: ", ") + ")"
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
