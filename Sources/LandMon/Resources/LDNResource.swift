import Assessments
import Formats
import Foundation
import HTTP
import Messages
import Store

/// `GET /v1/ldn`.
struct LDNResource: Sendable {
    let exchange: Exchange
    let store: any AssessmentStore
    let catalog: Catalog
    let countries: Set<String>
    /// Eligible sites below which a region is `insufficient_data`.
    let minimumSites: Int

    /// The query parameters of `/v1/ldn` (besides `Exchange.commonParameters`).
    static let parameters: Set<String> = ["country", "region", "baseline", "reporting"]

    /// `GET /v1/ldn?country=KZ&baseline=2000-2015&reporting=2016-2019` (or `region=`): per region,
    /// shares of degraded, stable and improved sites with 95% Wilson intervals.
    func ldn(_ request: Request) -> Response {
        exchange.guarded(request, access: .read) { request, caller in
            try exchange.rejectParameters(request, allowed: Self.parameters)
            let baseline =
                try request.query["baseline"].map { try QueryValues.period($0, name: "baseline") } ?? (2000, 2015)
            let reporting =
                try request.query["reporting"].map { try QueryValues.period($0, name: "reporting") } ?? (2016, 2019)
            guard baseline.1 < reporting.0 else { throw APIError.parameter("reporting", "reporting_after_baseline") }
            let regions = try request.query["region"].map { try QueryValues.regions($0, catalog: catalog) } ?? []
            let country = try request.query["country"].map { try QueryValues.country($0, countries: countries) }
            if let country, let other = regions.first(where: { catalog.regions[$0]?.country != country }) {
                throw APIError.parameter("region", "region_of_other_country", ["value": other, "country": country])
            }
            guard country != nil || !regions.isEmpty else { throw APIError.parameter("country", "country_or_region") }
            let language = caller.language
            let etag = exchange.collectionETag(
                "ldn", country ?? "", regions.joined(separator: ","), "\(baseline)", "\(reporting)",
                "pretty=\(Exchange.isPretty(request))", "lang=\(language.rawValue)")
            if let answer = exchange.unchanged(request, etag: etag, caller: caller, headers: languageHeaders(language))
            {
                return answer
            }
            let visits = try store.siteVisits(
                country: country, regions: regions, from: String(format: "%04d-01-01", baseline.0),
                to: String(format: "%04d-12-31", reporting.1))
            let byRegion = LDNSites.stocks(visits, baseline: baseline, reporting: reporting)
            let codes =
                regions.isEmpty ? catalog.regions.values.filter { $0.country == country }.map(\.code).sorted() : regions
            let shares = codes.map { code in
                (code, ldnShares(sites: byRegion[code] ?? [], minimumEligible: minimumSites))
            }
            let out = LDNJSON(catalog: catalog, messages: exchange.messages, language: language).document(
                baseline: baseline, reporting: reporting, minimumSites: minimumSites, regions: shares)
            var response = exchange.localized(Response.json(out), language)
            response.headers.set("ETag", etag)
            return response
        }
    }

    /// The headers of an answer in `language`, for its 304.
    func languageHeaders(_ language: Language) -> Headers {
        ["Content-Language": language.rawValue, "Vary": "Accept-Language"]
    }
}

/// Each site's SOC stock in the two periods, from its visits.
enum LDNSites {
    /// Region -> (baseline stock, reporting stock) per site (country + site id). A site's region is
    /// that of its latest visit; the latest visit with a stock in each period counts, and a visit
    /// without one makes the site known but not eligible on its own.
    static func stocks(_ visits: [SiteVisit], baseline: (Int, Int), reporting: (Int, Int))
        -> [String: [(baseline: Double?, reporting: Double?)]]
    {
        struct Site {
            var region: String
            var latestOn: String
            var baseline: Double?
            var baselineOn: String?
            var reporting: Double?
            var reportingOn: String?
        }
        let baselineEnd = String(format: "%04d-12-31", baseline.1)
        let reportingStart = String(format: "%04d-01-01", reporting.0)
        var sites: [String: Site] = [:]
        for visit in visits {
            let key = visit.country + "\u{0}" + visit.siteID
            var site = sites[key] ?? Site(region: visit.region, latestOn: visit.sampledOn)
            if visit.sampledOn >= site.latestOn {
                site.latestOn = visit.sampledOn
                site.region = visit.region
            }
            if let stock = visit.socStock, visit.sampledOn <= baselineEnd,
                site.baselineOn.map({ visit.sampledOn > $0 }) ?? true
            {
                site.baselineOn = visit.sampledOn
                site.baseline = stock
            } else if let stock = visit.socStock, visit.sampledOn >= reportingStart,
                site.reportingOn.map({ visit.sampledOn > $0 }) ?? true
            {
                site.reportingOn = visit.sampledOn
                site.reporting = stock
            }
            sites[key] = site
        }
        var byRegion: [String: [(baseline: Double?, reporting: Double?)]] = [:]
        for site in sites.values { byRegion[site.region, default: []].append((site.baseline, site.reporting)) }
        return byRegion
    }
}
