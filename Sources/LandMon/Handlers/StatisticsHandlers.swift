import Assessments
import HTTP

extension Application {
    /// `GET /v1/regions/{code}/summary`: per-indicator statistics of one region.
    func regionSummary(_ request: Request) -> Response {
        guarded(request, access: .read) { request, caller in
            let code = request.parameters["code"] ?? ""
            guard let region = QueryValues.region(code, catalog: catalog), let entry = catalog.regions[region] else {
                throw APIError.notFound(detail: "\(code) is not an ISO 3166-2 region of a member country.")
            }
            try rejectParameters(request, allowed: ["indicator", "from", "to", "depth_max", "pretty"])
            var filter = try statisticsFilter(request)
            filter.regions = [region]
            filter.country = nil
            let etag = collectionETag("summary", region, filterText(filter), "pretty=\(request.query["pretty"] != nil)")
            if let answer = unchanged(request, etag: etag, caller: caller) { return answer }
            let samples = try database.read { try StatisticsReads.samples(filter, in: $0) }
            let out = StatisticsJSON(catalog: catalog).regionSummary(
                region: entry, filter: filter, samples: samples[region] ?? [:])
            var response = Response.json(out)
            response.headers.set("ETag", etag)
            return response
        }
    }

    /// `GET /v1/stats`: statistics grouped by country, region, year or land cover.
    func stats(_ request: Request) -> Response {
        guarded(request, access: .read) { request, caller in
            try rejectParameters(
                request, allowed: ["indicator", "group_by", "country", "region", "from", "to", "depth_max", "pretty"])
            let filter = try statisticsFilter(request)
            let etag = collectionETag("stats", filterText(filter), "pretty=\(request.query["pretty"] != nil)")
            if let answer = unchanged(request, etag: etag, caller: caller) { return answer }
            let samples = try database.read { try StatisticsReads.samples(filter, in: $0) }
            let out = StatisticsJSON(catalog: catalog).grouped(filter: filter, samples: samples)
            var response = Response.json(out)
            response.headers.set("ETag", etag)
            return response
        }
    }

    /// The parameters shared by both statistics endpoints.
    private func statisticsFilter(_ request: Request) throws -> StatisticsFilter {
        var filter = StatisticsFilter(indicators: catalog.indicators.keys.sorted() + [StatisticsFilter.derivedStock])
        if let value = request.query["indicator"] {
            filter.indicators = try QueryValues.list(value, name: "indicator")
            for code in filter.indicators where catalog.indicators[code] == nil && code != StatisticsFilter.derivedStock
            {
                throw APIError.invalidParameter(
                    name: "indicator",
                    detail: "indicator: \(code) is not an indicator of the catalog (or soc_stock_0_30)")
            }
        }
        if let value = request.query["group_by"] {
            guard let grouping = StatisticsFilter.Grouping(rawValue: value) else {
                throw APIError.invalidParameter(
                    name: "group_by", detail: "group_by: must be country, region, year or land_cover")
            }
            filter.grouping = grouping
        }
        if let value = request.query["country"] {
            filter.country = try QueryValues.country(value)
        }
        if let value = request.query["region"] {
            filter.regions = try QueryValues.regions(value, catalog: catalog)
        }
        if let value = request.query["from"] { filter.from = try QueryValues.date(value, name: "from") }
        if let value = request.query["to"] { filter.to = try QueryValues.date(value, name: "to") }
        if let from = filter.from, let to = filter.to, from > to {
            throw APIError.invalidParameter(name: "from", detail: "from (\(from)) is after to (\(to))")
        }
        if let value = request.query["depth_max"] {
            guard let depth = Double(value), depth.isFinite, depth > 0, depth <= 1000 else {
                throw APIError.invalidParameter(
                    name: "depth_max", detail: "depth_max: a depth in cm, above 0 and at most 1000")
            }
            filter.depthMax = depth
        }
        return filter
    }

    private func filterText(_ filter: StatisticsFilter) -> String {
        [
            filter.indicators.joined(separator: ","), filter.country ?? "", filter.regions.joined(separator: ","),
            filter.from ?? "", filter.to ?? "", filter.depthMax.map { "\($0)" } ?? "", filter.grouping.rawValue,
        ].joined(separator: "|")
    }
}
