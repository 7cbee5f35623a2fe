/// A typical range that replaces an indicator's own in horizons whose designation starts with
/// `prefix` (organic `O` and `H` horizons: peat, forest floor, tundra litter).
public struct HorizonRange: Sendable, Equatable {
    /// The start of the horizon designation, e.g. `H`.
    public var prefix: String
    /// See `Indicator.warnMin`.
    public var warnMin: Double
    /// See `Indicator.warnMax`.
    public var warnMax: Double
}

extension Indicator {
    /// The typical range for a layer with horizon designation `horizon`.
    public func warnRange(horizon: String?) -> ClosedRange<Double> {
        if let horizon, let range = warnByHorizon.first(where: { horizon.hasPrefix($0.prefix) }) {
            return range.warnMin...range.warnMax
        }
        return warnMin...warnMax
    }
}

/// Particle-size schemes and Kachinsky's texture classes (`texture.json`).
public struct TextureRules: Sendable, Equatable {
    /// Scheme (`usda`, `kachinsky`, `isss`, `other`) of each particle-size method.
    public var schemeOfMethod: [String: String] = [:]
    /// Kachinsky's soil groups, in table order.
    public var groups: [KachinskyGroup] = []
    /// Kachinsky's classes, from the lightest.
    public var classes: [KachinskyClass] = []

    public init() {}
}

/// A column of Kachinsky's table and when a profile is read in it.
public struct KachinskyGroup: Sendable, Equatable {
    public var code: String
    public var name: String
    public var nameRU: String
    /// A profile with a horizon designation starting with this is read in this group.
    public var horizonPrefix: String?
    /// A profile with a layer's exchangeable sodium percentage at least this is read in this group.
    public var espMin: Double?
}

/// A Kachinsky texture class: the lowest physical clay (%) of the class in each group.
public struct KachinskyClass: Sendable, Equatable {
    public var code: String
    public var name: String
    public var nameRU: String
    public var minimum: [String: Double]
}

/// A class bounded by `min <= x < max` (an absent bound is open).
public struct RangeClass: Sendable, Equatable {
    public var code: String
    public var name: String
    public var nameRU: String
    public var min: Double?
    public var max: Double?

    func contains(_ value: Double) -> Bool {
        (min.map { value >= $0 } ?? true) && (max.map { value < $0 } ?? true)
    }
}

/// The Bazilevich-Pankova salinity classification (`salinity.json`).
public struct SalinityRules: Sendable, Equatable {
    /// Types by the ratio Cl/SO4 in equivalents.
    public var types: [RangeClass] = []
    /// `soda`, `soda_chloride`, `soda_sulfate`.
    public var sodaTypes: [CodeEntry] = []
    /// `cl`, `so4_toxic`, `co3`: weights of the toxic ions in chlorine equivalents.
    public var coefficients: [String: Double] = [:]
    /// Degrees by the toxic ions in chlorine equivalents, cmol(-)/kg.
    public var degrees: [RangeClass] = []

    public init() {}
}

/// An optional thematic block of the assessment (`blocks.json`): `pasture`, `sand`, ...
public struct Block: Sendable, Equatable {
    public var code: String
    public var name: String
    public var nameRU: String
    public var fields: [BlockField]

    /// The field `code`.
    public func field(_ code: String) -> BlockField? { fields.first { $0.code == code } }
}

/// One field of a block.
public struct BlockField: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case number, integer, code, boolean, date
    }

    public var code: String
    public var kind: Kind
    public var unit: String?
    public var min: Double?
    public var max: Double?
    public var isRequired: Bool
    /// A date field of the same block this one may not precede.
    public var notBefore: String?
    public var name: String
    public var nameRU: String
    /// The codes of a `code` field.
    public var codes: [CodeEntry]

    /// Whether statistics and range filters apply (numbers and integers).
    public var isNumeric: Bool { kind == .number || kind == .integer }
}

extension Catalog {
    /// The block `code`, when the catalog defines it.
    public func block(_ code: String) -> Block? { blocks.first { $0.code == code } }

    /// The block field named `block.field`, e.g. `pasture.season`.
    public func blockField(_ dotted: String) -> (block: Block, field: BlockField)? {
        guard let dot = dotted.firstIndex(of: ".") else { return nil }
        guard let block = block(String(dotted[..<dot])),
            let field = block.field(String(dotted[dotted.index(after: dot)...]))
        else { return nil }
        return (block, field)
    }
}

extension Catalog {
    /// The unit of what statistics can read as an indicator: a catalog indicator, its
    /// thickness-weighted 0-30 cm value (`soc_0_30`) or a numeric block field
    /// (`pasture.forage_dm_kg_ha`); nil for anything else.
    public func statisticsUnit(_ code: String) -> String? {
        if let indicator = indicators[code] { return indicator.unit }
        if code.hasSuffix(Derived.topSuffix),
            let indicator = indicators[String(code.dropLast(Derived.topSuffix.count))]
        {
            return indicator.unit
        }
        if let found = blockField(code), found.field.isNumeric { return found.field.unit ?? "" }
        return nil
    }
}

extension Catalog {
    /// Everything an assessment may put in the store's statistics rows: the indicators, their
    /// 0-30 cm values and the numeric block fields (see `Assessment.measurementRows`).
    public var statisticsCodes: [String] {
        indicatorCodes + indicatorCodes.map { $0 + Derived.topSuffix }
            + blocks.flatMap { block in block.fields.filter(\.isNumeric).map { block.code + "." + $0.code } }
    }
}

extension Catalog {
    /// Every block field as `block.field`, in catalog order (the CSV columns).
    public var blockFieldNames: [String] {
        blocks.flatMap { block in block.fields.map { block.code + "." + $0.code } }
    }
}
