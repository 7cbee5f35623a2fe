import Foundation

/// The outlines of the member countries and of their regions (`Config/geo/`, made by
/// `scripts/build-geo.py` from Natural Earth and, for Kazakhstan's regions, a newer source).
public struct Geography: Sendable {
    /// Country outlines by ISO 3166-1 alpha-2 code.
    public var countries: [String: Outline]
    /// Region outlines by ISO 3166-2 code; a region may have none (a city inside its province).
    public var regions: [String: Outline]

    /// Tolerance of the country and region checks: coasts, borders and the outlines' generalization.
    public static let toleranceKM = 5.0

    /// No outlines: the validator then checks the country boxes only.
    public static let empty = Geography(countries: [:], regions: [:])

    /// Makes a geography.
    public init(countries: [String: Outline], regions: [String: Outline]) {
        self.countries = countries
        self.regions = regions
    }

    /// The file names of a geography directory.
    public static let fileNames = ["countries.json", "regions.json"]

    /// Loads `countries.json` and `regions.json` from `directory`; every member country needs an
    /// outline, and every outlined region must be a catalog region of that country.
    static func load(from directory: URL, regions catalogRegions: [String: Region], countries: [CodeEntry])
        throws(CatalogError) -> (Geography, bytes: [UInt8])
    {
        var documents: [String: JSONValue] = [:]
        var all: [UInt8] = []
        for name in fileNames {
            let bytes: [UInt8]
            do {
                bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
            } catch {
                throw CatalogError(file: "geo/" + name, entry: "-", reason: "cannot be read from \(directory.path)")
            }
            all += bytes
            do {
                documents[name] = try JSONParser(limits: JSONParser.Limits(maxDepth: 16)).parse(bytes)
            } catch {
                throw CatalogError(file: "geo/" + name, entry: "-", reason: "is not valid JSON: \(error)")
            }
        }
        var countryOutlines: [String: Outline] = [:]
        for (position, element) in try entries(documents["countries.json"]!, key: "countries").enumerated() {
            let country = element["country"]?.stringValue ?? "countries[\(position)]"
            guard countries.contains(where: { $0.code == country }) else {
                throw CatalogError(file: "geo/countries.json", entry: country, reason: "is not a member country")
            }
            countryOutlines[country] = try outline(element, file: "geo/countries.json", entry: country)
        }
        for country in countries where countryOutlines[country.code] == nil {
            throw CatalogError(file: "geo/countries.json", entry: country.code, reason: "member country has no outline")
        }
        var regionOutlines: [String: Outline] = [:]
        for (position, element) in try entries(documents["regions.json"]!, key: "regions").enumerated() {
            let code = element["code"]?.stringValue ?? "regions[\(position)]"
            guard let region = catalogRegions[code], region.country == element["country"]?.stringValue else {
                throw CatalogError(
                    file: "geo/regions.json", entry: code, reason: "is not a region of regions.json in that country")
            }
            guard regionOutlines[code] == nil else {
                throw CatalogError(file: "geo/regions.json", entry: code, reason: "appears twice")
            }
            regionOutlines[code] = try outline(element, file: "geo/regions.json", entry: code)
        }
        return (Geography(countries: countryOutlines, regions: regionOutlines), all)
    }

    private static func entries(_ document: JSONValue, key: String) throws(CatalogError) -> [JSONValue] {
        guard let array = document[key]?.arrayElements else {
            throw CatalogError(file: "geo/\(key).json", entry: "-", reason: "\(key) must be an array")
        }
        return array
    }

    private static func outline(_ element: JSONValue, file: String, entry: String) throws(CatalogError) -> Outline {
        guard let polygons = element["coordinates"]?.arrayElements else {
            throw CatalogError(file: file, entry: entry, reason: "coordinates must be an array of polygons")
        }
        var coordinates: [[[[Double]]]] = []
        for polygon in polygons {
            var rings: [[[Double]]] = []
            for ring in polygon.arrayElements ?? [] {
                rings.append(
                    (ring.arrayElements ?? []).map { ($0.arrayElements ?? []).compactMap(\.numberValue?.value) })
            }
            coordinates.append(rings)
        }
        guard let outline = Outline(coordinates: coordinates) else {
            throw CatalogError(
                file: file, entry: entry,
                reason: "coordinates are not MultiPolygon rings of [lon, lat] with at least three vertices")
        }
        return outline
    }
}
