import Assessments
import Foundation
import HTTP
import SQLite

extension Application {
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
            let shares = codes.map { code in
                (code, ldnShares(sites: byRegion[code] ?? [], minimumEligible: configuration.ldnMinimumSites))
            }
            let out = LDNJSON(catalog: catalog).document(
                baseline: baseline, reporting: reporting, minimumSites: configuration.ldnMinimumSites, regions: shares)
            var response = Response.json(out)
            response.headers.set("ETag", etag)
            return response
        }
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
