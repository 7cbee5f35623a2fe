import Assessments
import Formats
import HTTP
import Messages
import Store

/// `GET /v1/regions/{code}/summary` and `GET /v1/stats`.
struct StatisticsResource: Sendable {
    let exchange: Exchange
    let store: any AssessmentStore
    let catalog: Catalog
    let countries: Set<String>

    /// The query parameters of `/v1/regions/{code}/summary` (besides `Exchange.commonParameters`).
    static let summaryParameters: Set<String> = ["indicator", "from", "to", "depth_max"]
    /// The query parameters of `/v1/stats`.
    static let statsParameters: Set<String> = ["indicator", "group_by", "country", "region", "from", "to", "depth_max"]

    /// `GET /v1/regions/{code}/summary`: per-indicator statistics of one region.
    func regionSummary(_ request: Request) -> Response {
        exchange.guarded(request, access: .read) { request, caller in
            let code = request.parameters["code"] ?? ""
            guard let region = QueryValues.region(code, catalog: catalog), let entry = catalog.regions[region] else {
                throw APIError.notFound(Message("region.not_found", ["code": code]))
            }
            try exchange.rejectParameters(request, allowed: Self.summaryParameters)
            var filter = try statisticsFilter(request)
            filter.regions = [region]
            filter.country = nil
            let etag = exchange.collectionETag(
                "summary", region, filter.key, "pretty=\(Exchange.isPretty(request))")
            if let answer = exchange.unchanged(request, etag: etag, caller: caller) { return answer }
            let samples = try store.statisticsSamples(filter)
            let out = StatisticsJSON(catalog: catalog).regionSummary(
                region: entry, filter: filter, samples: samples[region] ?? [:])
            var response = Response.json(out)
            response.headers.set("ETag", etag)
            return response
        }
    }

    /// `GET /v1/stats`: statistics grouped by country, region, year or land cover.
    func stats(_ request: Request) -> Response {
        exchange.guarded(request, access: .read) { request, caller in
            try exchange.rejectParameters(request, allowed: Self.statsParameters)
            let filter = try statisticsFilter(request)
            let etag = exchange.collectionETag("stats", filter.key, "pretty=\(Exchange.isPretty(request))")
            if let answer = exchange.unchanged(request, etag: etag, caller: caller) { return answer }
            let samples = try store.statisticsSamples(filter)
            var response = Response.json(StatisticsJSON(catalog: catalog).grouped(filter: filter, samples: samples))
            response.headers.set("ETag", etag)
            return response
        }
    }

    /// The parameters shared by both statistics endpoints.
    private func statisticsFilter(_ request: Request) throws -> StatisticsFilter {
        var filter = StatisticsFilter(indicators: catalog.indicators.keys.sorted() + [StatisticsFilter.derivedStock])
        if let value = request.query["indicator"] {
            filter.indicators = try QueryValues.indicators(value, catalog: catalog, allowingStock: true)
        }
        if let value = request.query["group_by"] {
            guard let grouping = StatisticsFilter.Grouping(rawValue: value) else {
                throw APIError.parameter(
                    "group_by", "one_of",
                    ["values": StatisticsFilter.Grouping.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            filter.grouping = grouping
        }
        if let value = request.query["country"] {
            filter.country = try QueryValues.country(value, countries: countries)
        }
        if let value = request.query["region"] { filter.regions = try QueryValues.regions(value, catalog: catalog) }
        if let value = request.query["from"] { filter.from = try QueryValues.date(value, name: "from") }
        if let value = request.query["to"] { filter.to = try QueryValues.date(value, name: "to") }
        try QueryValues.checkOrder(from: filter.from, to: filter.to)
        if let value = request.query["depth_max"] { filter.depthMax = try QueryValues.depth(value, name: "depth_max") }
        return filter
    }
}
