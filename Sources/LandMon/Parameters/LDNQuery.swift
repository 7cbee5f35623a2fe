import Assessments
import Formats
import HTTP
import Messages

/// The query of the SDG 15.3.1 answers (`/v1/ldn`, `/v1/ldn/transitions`, `/v1/reports/so1-3`):
/// the scope, the periods and the options, parsed and checked; the first bad parameter is
/// refused by name.
struct LDNQuery {
    /// Baseline and reporting years.
    var periods = LDNPeriods(baseline: 2000...2015, reporting: 2016...2019)
    /// The country, when given.
    var country: String?
    /// Current region codes, when given (legacy codes mapped).
    var regions: [String] = []
    /// Group by country instead of by region.
    var byCountry = false
    /// `detail=sites`.
    var detail = false
    /// `soc_methods=any`.
    var anySOCMethod = false
    /// `format=csv` (or `Accept: text/csv`).
    var isCSV = false

    /// Parses `request`'s query; only `allowed` names (and the common ones) are taken.
    static func parse(_ request: Request, allowed: Set<String>, catalog: Catalog, countries: Set<String>)
        throws(APIError) -> LDNQuery
    {
        var query = LDNQuery()
        var seen = Set<String>()
        var baseline = (2000, 2015)
        var reporting = (2016, 2019)
        var formatGiven = false
        for (name, value) in request.query {
            guard allowed.contains(name) || Exchange.commonParameters.contains(name) else {
                throw .parameter(name, "unknown")
            }
            guard seen.insert(name).inserted else { throw .parameter(name, "repeated") }
            switch name {
            case "country": query.country = try QueryValues.country(value, countries: countries)
            case "region": query.regions = try QueryValues.regions(value, catalog: catalog)
            case "baseline": baseline = try QueryValues.period(value, name: name)
            case "reporting": reporting = try QueryValues.period(value, name: name)
            case "group_by": query.byCountry = try choice(name, value, ["region", "country"]) == "country"
            case "detail": query.detail = try choice(name, value, ["sites"]) == "sites"
            case "soc_methods": query.anySOCMethod = try choice(name, value, ["same", "any"]) == "any"
            case "format":
                query.isCSV = try choice(name, value, ["json", "csv"]) == "csv"
                formatGiven = true
            default: break
            }
        }
        // The UNCCD notation anchors the reporting period on the baseline's last year:
        // reporting=2015-2019 after baseline=2000-2015 is 2016-2019.
        if reporting.0 == baseline.1 && reporting.1 > baseline.1 { reporting.0 += 1 }
        guard baseline.1 < reporting.0 else { throw .parameter("reporting", "reporting_after_baseline") }
        query.periods = LDNPeriods(baseline: baseline.0...baseline.1, reporting: reporting.0...reporting.1)
        if let country = query.country,
            let other = query.regions.first(where: { catalog.regions[$0]?.country != country })
        {
            throw .parameter("region", "region_of_other_country", ["value": other, "country": country])
        }
        guard query.country != nil || !query.regions.isEmpty else { throw .parameter("country", "country_or_region") }
        if !formatGiven && allowed.contains("format") {
            query.isCSV = try csvPreferred(accept: request.headers["Accept"])
        }
        return query
    }

    /// `value` when it is one of `values`, else a 400 naming the parameter.
    static func choice(_ name: String, _ value: String, _ values: [String]) throws(APIError) -> String {
        guard values.contains(value) else {
            throw .parameter(name, "one_of", ["values": values.joined(separator: ", ")])
        }
        return value
    }

    /// Whether `Accept` prefers CSV to JSON; 406 when it takes neither.
    static func csvPreferred(accept: String?) throws(APIError) -> Bool {
        switch OutputFormat.negotiate(accept: accept) {
        case .json?: return false
        case .csv?: return true
        default:
            throw .notAcceptable(Message("parameter.not_acceptable", ["types": "application/json, text/csv"]))
        }
    }

    /// The countries the answer covers, sorted.
    func countries(catalog: Catalog) -> [String] {
        if let country { return [country] }
        return Set(regions.compactMap { catalog.regions[$0]?.country }).sorted()
    }

    /// The groups of the answer in order: the listed regions, else all regions of the country
    /// (or the countries, grouped by country).
    func groups(catalog: Catalog) -> [String] {
        if byCountry { return countries(catalog: catalog) }
        if !regions.isEmpty { return regions }
        return catalog.regionList.filter { $0.country == country }.map(\.code)
    }

    /// The parts of the ETag: everything that changes the answer's bytes.
    var tagParts: String {
        [
            country ?? "", regions.joined(separator: ","), "\(periods.baseline)", "\(periods.reporting)",
            "\(byCountry)", "\(detail)", "\(anySOCMethod)", "\(isCSV)",
        ].joined(separator: "|")
    }
}
