/// The schema's data: indicators, regions, legacy codes, country boxes and code lists.
///
/// Loaded from `Config/schema/` at start and checked there, so that changing a bound or adding
/// a method is an edit of a JSON file, never of code.
public struct Catalog: Sendable {
    /// Indicators by code.
    public var indicators: [String: Indicator]
    /// Indicator codes in catalog order (for stable output).
    public var indicatorCodes: [String]
    /// ISO 3166-2 regions by code.
    public var regions: [String: Region]
    /// Regions in catalog order.
    public var regionList: [Region]
    /// Kazakhstan's pre-2022 letter codes mapped to the current codes.
    public var legacyCodes: [String: String]
    /// Legacy codes of regions split since (2018, 2022) and the current regions they became,
    /// the one `legacyCodes` names first: KZ-ALM became KZ-19 and KZ-33.
    public var legacySplits: [String: [String]]
    /// Bounding boxes by country code.
    public var countryBoxes: [String: CountryBox]
    /// The member countries.
    public var countries: [CodeEntry]
    /// The UNCCD / IPCC land-cover classes.
    public var landCovers: [CodeEntry]
    /// The SDG 15.3.1 land-cover transition matrix with the countries' overrides.
    public var landCoverMatrix: LandCoverMatrix
    /// FAO GfSD 2006 land-use codes.
    public var landUses: [CodeEntry]
    /// Further code lists by name: `erosion_category`, `erosion_degree`, `erosion_area_affected`,
    /// `erosion_activity`, `salt_crust`, `observer_fields`, `cover_fields`.
    public var codeLists: [String: [CodeEntry]]
    /// Particle-size schemes and Kachinsky's texture classes.
    public var texture = TextureRules()
    /// The salinity classification of the 1:5 water extract.
    public var salinity = SalinityRules()
    /// The optional thematic blocks (`pasture`, `sand`, ...), in catalog order.
    public var blocks: [Block] = []
    /// Country and region outlines (`Config/geo`); empty when the catalog has none.
    public var geography: Geography = .empty
    /// `schema_version` plus a hash of the catalog files, e.g. `1+3f9a0c1d22e4b7a8`.
    public var version: String

    /// The code list `name`, empty if absent.
    public func codeList(_ name: String) -> [CodeEntry] {
        codeLists[name] ?? []
    }

    /// True when `code` is in the code list `name`.
    func listContains(_ name: String, _ code: String) -> Bool {
        codeList(name).contains { $0.code == code }
    }
}

/// One measurable soil property, in its canonical unit.
public struct Indicator: Sendable, Equatable {
    /// Short code, e.g. `soc`.
    public var code: String
    /// Plain name.
    public var name: String
    /// Russian name, in the terms of a Russian-language soil laboratory report.
    public var nameRU: String
    /// Canonical unit; values are stored in it.
    public var unit: String
    /// Values outside `hardMin...hardMax` (canonical unit) are rejected.
    public var hardMin: Double
    /// See `hardMin`.
    public var hardMax: Double
    /// Values outside `warnMin...warnMax` are stored with `out_of_typical_range`.
    public var warnMin: Double
    /// See `warnMin`.
    public var warnMax: Double
    /// Accepted other units and the factor that converts them to the canonical unit.
    public var otherUnits: [String: Double]
    /// Accepted method codes (GloSIS / WoSIS style).
    public var methods: [String]
    /// Whether `national:<free text>` is accepted as a method.
    public var acceptsNational: Bool
    /// Where the definition comes from.
    public var sources: String
    /// Typical ranges of organic horizons, replacing `warnMin...warnMax` there.
    public var warnByHorizon: [HorizonRange] = []
}

/// One ISO 3166-2 subdivision.
public struct Region: Sendable, Equatable {
    /// ISO 3166-2 code, e.g. `KZ-11`.
    public var code: String
    /// Name, as in ISO 3166-2.
    public var name: String
    /// Official current Russian name, e.g. `Акмолинская область`.
    public var nameRU: String
    /// ISO 3166-1 alpha-2 code of its country.
    public var country: String
}

/// A country's bounding box in WGS84 degrees; `minLon > maxLon` means it crosses the antimeridian.
public struct CountryBox: Sendable, Equatable {
    /// ISO 3166-1 alpha-2 code.
    public var country: String
    /// Western edge.
    public var minLon: Double
    /// Southern edge.
    public var minLat: Double
    /// Eastern edge (below `minLon` when the box wraps, as Russia's does).
    public var maxLon: Double
    /// Northern edge.
    public var maxLat: Double

    /// True when the point lies inside the box (edges included).
    public func contains(lat: Double, lon: Double) -> Bool {
        guard lat >= minLat && lat <= maxLat else { return false }
        if minLon <= maxLon { return lon >= minLon && lon <= maxLon }
        return lon >= minLon || lon <= maxLon
    }
}

/// A code with its plain name, as in the FAO code lists.
public struct CodeEntry: Sendable, Equatable {
    /// The code.
    public var code: String
    /// Its meaning.
    public var name: String
    /// Its meaning in Russian.
    public var nameRU: String
}
