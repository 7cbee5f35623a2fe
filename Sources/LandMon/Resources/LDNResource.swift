import Assessments
import Formats
import Foundation
import HTTP
import Messages
import Store

/// `GET /v1/ldn`, `/v1/ldn/transitions` and `/v1/reports/so1-3`: SDG 15.3.1 from the sites.
struct LDNResource: Sendable {
    let exchange: Exchange
    let store: any AssessmentStore
    let catalog: Catalog
    let countries: Set<String>
    /// Complete sites below which a group is `insufficient_data`.
    let minimumSites: Int
    /// Answers by entity tag: a dashboard without the tag gets the bytes computed for another.
    let cache: AnswerCache

    /// The query parameters of each operation (besides `Exchange.commonParameters`).
    static let parameters: Set<String> = [
        "country", "region", "baseline", "reporting", "group_by", "detail", "soc_methods", "format",
    ]
    static let transitionParameters: Set<String> = ["country", "region", "baseline", "reporting", "group_by"]
    static let reportParameters: Set<String> = ["country", "region", "baseline", "reporting", "format"]

    /// `GET /v1/ldn?country=KZ&baseline=2000-2015&reporting=2016-2019` (or `region=`): per region
    /// (or country), the status shares with 95% Wilson intervals; `detail=sites` lists the sites.
    func ldn(_ request: Request) -> Response {
        answer(request, kind: "ldn", allowed: Self.parameters) { query, visits, language in
            let sites = LDNComputation(
                periods: query.periods, matrix: catalog.landCoverMatrix, anySOCMethod: query.anySOCMethod
            ).sites(visits)
            let writer = LDNJSON(catalog: catalog, messages: exchange.messages, language: language)
            let countries = query.countries(catalog: catalog)
            if query.detail {
                let chosen = sites.filter {
                    query.byCountry || query.regions.isEmpty || query.regions.contains($0.region)
                }
                return query.isCSV
                    ? (LDNJSON.sitesCSV(chosen), true)
                    : (
                        writer.sites(
                            periods: query.periods, anySOCMethod: query.anySOCMethod, countries: countries,
                            sites: chosen), false
                    )
            }
            let grouped = sites.groupIndices(byCountry: query.byCountry)
            let groups = query.groups(catalog: catalog).map { code in
                (code: code, summary: LDNSummary(sites, indices: grouped[code] ?? [], minimumSites: minimumSites))
            }
            if query.isCSV { return (writer.summaryCSV(byCountry: query.byCountry, groups: groups), true) }
            return (
                writer.summary(
                    periods: query.periods, anySOCMethod: query.anySOCMethod, minimumSites: minimumSites,
                    byCountry: query.byCountry, countries: countries, groups: groups), false
            )
        }
    }

    /// `GET /v1/ldn/transitions`: the 7x7 land-cover transition counts of the reporting period.
    func transitions(_ request: Request) -> Response {
        answer(request, kind: "transitions", allowed: Self.transitionParameters) { query, visits, language in
            let sites = LDNComputation(periods: query.periods, matrix: catalog.landCoverMatrix).sites(visits)
            let grouped = sites.groupIndices(byCountry: query.byCountry)
            let classes = catalog.landCoverMatrix.classes
            let groups = query.groups(catalog: catalog).map { code in
                (code: code, transitions: LDNTransitions(sites, indices: grouped[code] ?? [], classes: classes))
            }
            let writer = LDNJSON(catalog: catalog, messages: exchange.messages, language: language)
            return (writer.transitions(periods: query.periods, byCountry: query.byCountry, groups: groups), false)
        }
    }

    /// `GET /v1/reports/so1-3`: mean SOC stock 0-30 cm per land-cover class and period.
    func socStockReport(_ request: Request) -> Response {
        answer(request, kind: "so1-3", allowed: Self.reportParameters) { query, visits, language in
            let report = SOCStockReport(visits, periods: query.periods, classes: catalog.landCoverMatrix.classes)
            let writer = LDNJSON(catalog: catalog, messages: exchange.messages, language: language)
            let scope = query.regions.isEmpty ? query.countries(catalog: catalog) : query.regions
            return query.isCSV
                ? (writer.socStockReportCSV(report), true)
                : (writer.socStockReport(periods: query.periods, scope: scope, report: report), false)
        }
    }

    /// `,"ldn_status":...,"ldn":...` of one site for the default periods (2000-2015, 2016-2019):
    /// the `sites` features of `/ogc` carry them. Nulls when the store cannot answer.
    @Sendable func siteMembers(country: String, site: String) -> [UInt8] {
        let visits = (try? store.siteVisits(country: country, siteID: site)) ?? []
        let status = LDNComputation(periods: LDNQuery().periods, matrix: catalog.landCoverMatrix).sites(visits).first?
            .status
        return LDNJSON.siteMembers(status)
    }

    /// The common path: access, parameters, the ETag (the change sequence and the normalized
    /// query), the visits of the scope, then `render` (bytes and whether they are CSV).
    private func answer(
        _ request: Request, kind: String, allowed: Set<String>,
        _ render: (LDNQuery, [LDNVisit], Language) throws -> ([UInt8], Bool)
    ) -> Response {
        exchange.guarded(request, access: .read) { request, caller in
            let query = try LDNQuery.parse(request, allowed: allowed, catalog: catalog, countries: countries)
            let language = caller.language
            let etag = exchange.collectionETag(
                kind, query.tagParts, "pretty=\(Exchange.isPretty(request))", "lang=\(language.rawValue)")
            var headers: Headers = ["Content-Language": language.rawValue, "Vary": "Accept, Accept-Language"]
            if let answer = exchange.unchanged(
                request, etag: etag, caller: caller, isJSON: !query.isCSV, headers: headers)
            {
                return answer
            }
            let bytes: [UInt8]
            let isCSV: Bool
            if let kept = cache.answer(for: etag) {
                (bytes, isCSV) = (kept.bytes, kept.isCSV)
            } else {
                let visits = try store.siteVisits(
                    country: query.country, regions: query.regions, from: query.periods.from, to: query.periods.to)
                (bytes, isCSV) = try render(query, visits, language)
                cache.keep(AnswerCache.Entry(bytes: bytes, isCSV: isCSV), for: etag)
            }
            var response = isCSV ? Response(body: .bytes(bytes)) : Response.json(bytes)
            if isCSV { headers.set("Content-Type", "text/csv; charset=utf-8; header=present") }
            for (name, value) in headers { response.headers.set(name, value) }
            response.headers.set("ETag", etag)
            return response
        }
    }
}
