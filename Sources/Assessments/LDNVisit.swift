/// One visit of a monitoring site, as SDG 15.3.1 uses it: what the store keeps per active
/// assessment for the indicator.
public struct LDNVisit: Sendable, Equatable {
    /// The assessment's id: orders two visits of one day.
    public var id: Int64
    /// Member country; with `siteID` it names the site.
    public var country: String
    /// The agency's site id.
    public var siteID: String
    /// The assessment's region.
    public var region: String
    /// `YYYY-MM-DD`.
    public var sampledOn: String
    /// UNCCD land-cover class.
    public var landCover: String
    /// Land productivity dynamics class 1 to 5, when given.
    public var lpdClass: Int?
    /// SOC stock 0-30 cm in t/ha, when the visit has one.
    public var socStock: Double?
    /// The SOC method of the visit (`Assessment.socMethod`), when known.
    public var socMethod: String?

    public init(
        id: Int64, country: String, siteID: String, region: String, sampledOn: String, landCover: String,
        lpdClass: Int?, socStock: Double?, socMethod: String?
    ) {
        self.id = id
        self.country = country
        self.siteID = siteID
        self.region = region
        self.sampledOn = sampledOn
        self.landCover = landCover
        self.lpdClass = lpdClass
        self.socStock = socStock
        self.socMethod = socMethod
    }
}

/// The baseline and reporting periods, whole years, the reporting period after the baseline.
public struct LDNPeriods: Sendable, Equatable {
    /// First and last year of the baseline.
    public var baseline: ClosedRange<Int>
    /// First and last year of the reporting period.
    public var reporting: ClosedRange<Int>

    public init(baseline: ClosedRange<Int>, reporting: ClosedRange<Int>) {
        self.baseline = baseline
        self.reporting = reporting
    }

    /// The first day of the baseline, `YYYY-01-01`.
    public var from: String { Self.day(baseline.lowerBound, "01-01") }
    /// The last day of the reporting period, `YYYY-12-31`.
    public var to: String { Self.day(reporting.upperBound, "12-31") }
    /// The last day of the baseline.
    var baselineEnd: String { Self.day(baseline.upperBound, "12-31") }
    /// The first day of the reporting period.
    var reportingStart: String { Self.day(reporting.lowerBound, "01-01") }

    static func day(_ year: Int, _ monthDay: String) -> String {
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "-" + monthDay
    }
}

extension Assessment {
    /// The laboratory method behind the visit's SOC: the first `method` given on a `soc`
    /// measurement, top down; else `som:` and the first `som` method; else nil (not stated).
    /// The store keeps it in a column (migration 0002 computes the same from stored documents).
    public var socMethod: String? {
        for indicator in ["soc", "som"] {
            for layer in layers {
                for measurement in layer.measurements where measurement.indicator == indicator {
                    if let method = measurement.method { return indicator == "soc" ? method : "som:" + method }
                }
            }
        }
        return nil
    }
}
