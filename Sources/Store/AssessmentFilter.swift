/// Which assessments a list covers and in what order: the checked values of a query, whatever
/// language or format the query came in.
public struct AssessmentFilter: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        case sampledOn = "sampled_on"
        case sampledOnDescending = "-sampled_on"
        case submittedAt = "submitted_at"
        case submittedAtDescending = "-submitted_at"

        /// Whether the sort key includes `sampled_on` (so the page key carries it).
        public var isByDate: Bool { self == .sampledOn || self == .sampledOnDescending }
    }

    public var country: String?
    public var regions: [String] = []
    public var site: String?
    public var reference: String?
    public var indicators: [String] = []
    public var landCover: String?
    /// Inclusive `YYYY-MM-DD` bounds on `sampled_on`.
    public var from: String?
    public var to: String?
    public var bbox: BoundingBox?
    /// Only layers (and measurements) starting above this depth, cm.
    public var depthMax: Double?
    /// RFC 3339 lower bound on the last revision's time.
    public var updatedSince: String?
    public var qaFlag: String?
    /// Only the latest active assessment of each site (country, site id): one row per site, the
    /// other filters applied to that row.
    public var isLatestPerSite = false
    /// Conditions on fields of the stored document: the thematic blocks (`pasture.season=summer`).
    public var documentConditions: [DocumentCondition] = []
    public var sort: Sort = .sampledOnDescending

    public init() {}

    /// The filter in a canonical text, for cursors and entity tags: equal filters, equal text.
    public var key: String {
        var parts: [String] = []
        func add(_ name: String, _ value: String?) { if let value { parts.append("\(name)=\(value)") } }
        add("country", country)
        if !regions.isEmpty { parts.append("region=" + regions.sorted().joined(separator: ",")) }
        add("site", site)
        add("reference", reference)
        if !indicators.isEmpty { parts.append("indicator=" + indicators.sorted().joined(separator: ",")) }
        add("land_cover", landCover)
        add("from", from)
        add("to", to)
        add("bbox", bbox.map { "\($0.minLon),\($0.minLat),\($0.maxLon),\($0.maxLat)" })
        add("depth_max", depthMax.map { "\($0)" })
        add("updated_since", updatedSince)
        add("qa_flag", qaFlag)
        if isLatestPerSite { parts.append("latest_per_site") }
        parts += documentConditions.map(\.key).sorted()
        parts.append("sort=\(sort.rawValue)")
        return parts.joined(separator: "&")
    }
}

/// A condition on one field of the stored document, e.g. `pasture.season = summer` or
/// `pasture.forage_dm_kg_ha >= 1000`; a document without the field does not match.
public struct DocumentCondition: Sendable, Equatable {
    public enum Comparison: String, Sendable {
        case equal = "="
        case atLeast = ">="
        case atMost = "<="
    }

    public enum Value: Sendable, Equatable {
        case text(String)
        case number(Double)
        case bool(Bool)
    }

    /// The member path below the document, dot-separated: `pasture.season`.
    public var field: String
    public var comparison: Comparison
    public var value: Value

    public init(field: String, comparison: Comparison, value: Value) {
        self.field = field
        self.comparison = comparison
        self.value = value
    }

    /// The condition in a canonical text, for cursors and entity tags.
    var key: String {
        let shown: String
        switch value {
        case .text(let text): shown = "s:" + text
        case .number(let number): shown = "n:\(number)"
        case .bool(let flag): shown = "b:\(flag)"
        }
        return "\(field)\(comparison.rawValue)\(shown)"
    }
}

/// `minLon,minLat,maxLon,maxLat` in WGS84 degrees; `minLon > maxLon` crosses the antimeridian.
public struct BoundingBox: Sendable, Equatable {
    public let minLon: Double
    public let minLat: Double
    public let maxLon: Double
    public let maxLat: Double

    public init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        self.minLon = minLon
        self.minLat = minLat
        self.maxLon = maxLon
        self.maxLat = maxLat
    }
}

/// Which samples a statistics request covers.
public struct StatisticsFilter: Sendable, Equatable {
    public enum Grouping: String, Sendable, CaseIterable {
        case country, region, year
        case landCover = "land_cover"
    }

    /// Indicator codes; `soc_stock_0_30` is the derived stock, one value per assessment.
    public var indicators: [String]
    public var country: String?
    public var regions: [String] = []
    public var from: String?
    public var to: String?
    public var depthMax: Double?
    public var grouping: Grouping = .region

    /// The derived SOC stock's pseudo-indicator.
    public static let derivedStock = "soc_stock_0_30"

    public init(indicators: [String]) { self.indicators = indicators }

    /// The filter in a canonical text, for entity tags.
    public var key: String {
        [
            indicators.joined(separator: ","), country ?? "", regions.joined(separator: ","), from ?? "", to ?? "",
            depthMax.map { "\($0)" } ?? "", grouping.rawValue,
        ].joined(separator: "|")
    }
}

/// Samples of a statistics request: group key -> indicator -> (year, value) in canonical units.
public typealias StatisticsSamples = [String: [String: [(year: Int, value: Double)]]]
