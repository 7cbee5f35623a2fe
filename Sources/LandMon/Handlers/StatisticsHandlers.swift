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
            var out: [UInt8] = Array(#"{"region":"#.utf8)
            JSONWriter.appendString(region, to: &out)
            out.append(contentsOf: Array(#","name":"#.utf8))
            JSONWriter.appendString(entry.name, to: &out)
            out.append(contentsOf: Array(#","country":"#.utf8))
            JSONWriter.appendString(entry.country, to: &out)
            appendPeriod(filter, to: &out)
            out.append(contentsOf: Array(#","indicators":["#.utf8))
            appendIndicatorSummaries(samples[region] ?? [:], order: filter.indicators, to: &out)
            out.append(contentsOf: Array("]}".utf8))
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
            var out: [UInt8] = Array(#"{"group_by":"#.utf8)
            JSONWriter.appendString(filter.grouping.rawValue, to: &out)
            appendPeriod(filter, to: &out)
            out.append(contentsOf: Array(#","groups":["#.utf8))
            let keys = samples.keys.sorted { a, b in
                filter.grouping == .year ? (Int(a) ?? 0) < (Int(b) ?? 0) : a < b
            }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "{"))
                JSONWriter.appendKey(filter.grouping.rawValue, to: &out)
                if filter.grouping == .year, let year = Int(key) {
                    JSONWriter.appendInteger(year, to: &out)
                } else {
                    JSONWriter.appendString(key, to: &out)
                }
                if filter.grouping == .region, let name = catalog.regions[key]?.name {
                    out.append(contentsOf: Array(#","name":"#.utf8))
                    JSONWriter.appendString(name, to: &out)
                }
                out.append(contentsOf: Array(#","indicators":["#.utf8))
                appendIndicatorSummaries(samples[key] ?? [:], order: filter.indicators, to: &out)
                out.append(contentsOf: Array("]}".utf8))
            }
            out.append(contentsOf: Array("]}".utf8))
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

    private func appendPeriod(_ filter: StatisticsFilter, to out: inout [UInt8]) {
        for (key, value) in [("from", filter.from), ("to", filter.to)] {
            out.append(UInt8(ascii: ","))
            JSONWriter.appendKey(key, to: &out)
            if let value { JSONWriter.appendString(value, to: &out) } else { JSONWriter.appendNull(to: &out) }
        }
        out.append(contentsOf: Array(#","depth_max":"#.utf8))
        if let depth = filter.depthMax {
            JSONWriter.appendNumber(depth, to: &out)
        } else {
            JSONWriter.appendNull(to: &out)
        }
    }

    /// One object per indicator that has samples, in the requested order, canonical units.
    private func appendIndicatorSummaries(
        _ samples: [String: [(year: Int, value: Double)]], order: [String], to out: inout [UInt8]
    ) {
        var first = true
        for indicator in order {
            guard let values = samples[indicator], let summary = Summary(values) else { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: Array(#"{"indicator":"#.utf8))
            JSONWriter.appendString(indicator, to: &out)
            out.append(contentsOf: Array(#","unit":"#.utf8))
            JSONWriter.appendString(
                indicator == StatisticsFilter.derivedStock ? "t/ha" : catalog.indicators[indicator]?.unit ?? "",
                to: &out)
            out.append(contentsOf: Array(#","n":"#.utf8))
            JSONWriter.appendInteger(summary.n, to: &out)
            for (key, value) in [
                ("mean", summary.mean), ("min", summary.min), ("p10", summary.p10), ("median", summary.median),
                ("p90", summary.p90), ("max", summary.max),
            ] {
                out.append(UInt8(ascii: ","))
                JSONWriter.appendKey(key, to: &out)
                JSONWriter.appendNumber(value, to: &out)
            }
            out.append(contentsOf: Array(#","by_year":["#.utf8))
            for (index, year) in summary.byYear.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: Array(#"{"year":"#.utf8))
                JSONWriter.appendInteger(year.year, to: &out)
                out.append(contentsOf: Array(#","n":"#.utf8))
                JSONWriter.appendInteger(year.n, to: &out)
                out.append(contentsOf: Array(#","mean":"#.utf8))
                JSONWriter.appendNumber(year.mean, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(contentsOf: Array("]}".utf8))
        }
    }
}
