/// The extent of the active assessments: where and when sites were sampled. Longitudes are kept
/// per hemisphere so that a box crossing the antimeridian (Chukotka beside Kazakhstan) can be told
/// from one that spans the globe.
public struct DataExtent: Sendable, Equatable {
    public let minLat: Double
    public let maxLat: Double
    /// Smallest and largest longitude >= 0, if any.
    public let east: ClosedRange<Double>?
    /// Smallest and largest longitude < 0, if any.
    public let west: ClosedRange<Double>?
    /// First and last `sampled_on`.
    public let first: String
    public let last: String

    public init(
        minLat: Double, maxLat: Double, east: ClosedRange<Double>?, west: ClosedRange<Double>?, first: String,
        last: String
    ) {
        self.minLat = minLat
        self.maxLat = maxLat
        self.east = east
        self.west = west
        self.first = first
        self.last = last
    }

    /// `minLon, minLat, maxLon, maxLat`: the narrower of the box through Greenwich and the box across
    /// the antimeridian (then `minLon > maxLon`, as RFC 7946 and OGC API - Features write it).
    public var boundingBox: BoundingBox {
        guard let east, let west else {
            let range = east ?? west ?? 0...0
            return BoundingBox(minLon: range.lowerBound, minLat: minLat, maxLon: range.upperBound, maxLat: maxLat)
        }
        let through = east.upperBound - west.lowerBound
        let across = (180 - east.lowerBound) + (west.upperBound + 180)
        if across < through {
            return BoundingBox(minLon: east.lowerBound, minLat: minLat, maxLon: west.upperBound, maxLat: maxLat)
        }
        return BoundingBox(minLon: west.lowerBound, minLat: minLat, maxLon: east.upperBound, maxLat: maxLat)
    }
}

/// Where a page of measurements ended: the measurement's key, in the order pages walk.
public struct MeasurementKey: Sendable, Equatable {
    public let indicator: String
    public let region: String
    public let sampledOn: String
    public let assessmentID: Int64
    public let topCm: Double

    public init(indicator: String, region: String, sampledOn: String, assessmentID: Int64, topCm: Double) {
        self.indicator = indicator
        self.region = region
        self.sampledOn = sampledOn
        self.assessmentID = assessmentID
        self.topCm = topCm
    }
}

/// One measurement of an active assessment, canonical unit, with its assessment's place and time.
public struct MeasurementRow: Sendable {
    public let key: MeasurementKey
    public let bottomCm: Double
    public let value: Double
    public let country: String
    public let siteID: String
    public let landCover: String
    public let lat: Double
    public let lon: Double

    public init(
        key: MeasurementKey, bottomCm: Double, value: Double, country: String, siteID: String, landCover: String,
        lat: Double, lon: Double
    ) {
        self.key = key
        self.bottomCm = bottomCm
        self.value = value
        self.country = country
        self.siteID = siteID
        self.landCover = landCover
        self.lat = lat
        self.lon = lon
    }
}

/// A page of measurements.
public struct MeasurementPage: Sendable {
    public let items: [MeasurementRow]
    /// Where the next page starts; nil on the last page.
    public let next: MeasurementKey?
    /// The number of matching measurements, when asked for.
    public let total: Int?

    public init(items: [MeasurementRow], next: MeasurementKey?, total: Int?) {
        self.items = items
        self.next = next
        self.total = total
    }
}
