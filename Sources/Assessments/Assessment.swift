/// A validated, normalized submission: canonical units, current region code, derived values.
public struct Assessment: Sendable, Equatable {
    /// The agency's identifier, unique within its country.
    public var reference: String
    /// ISO 3166-1 alpha-2 code of a member country.
    public var country: String
    /// The current ISO 3166-2 code (legacy Kazakh codes already mapped).
    public var region: String
    /// The monitoring site.
    public var site: Site
    /// `YYYY-MM-DD`.
    public var sampledOn: String
    /// Who sampled, field by field in catalog order.
    public var observer: [(key: String, value: String)]?
    /// UNCCD / IPCC land-cover class.
    public var landCover: String
    /// FAO GfSD land-use code.
    public var landUse: String?
    /// Land productivity dynamics class 1 to 5.
    public var lpdClass: Int?
    /// FAO erosion description, members in schema order.
    public var erosion: [(key: String, value: String)]?
    /// Salt at the surface: cover class 0 to 4.
    public var saltCover: Int?
    /// Salt crust thickness code.
    public var saltCrust: String?
    /// Whether `salt` was given at all (it may be `{}`).
    public var hasSalt: Bool
    /// Surface cover percentages in catalog order.
    public var cover: [(key: String, value: Double)]?
    /// 2 or 1 (Kachinsky) when given.
    public var fineEarthLimitMM: Int?
    /// Layers, ordered by depth.
    public var layers: [Layer]
    /// The optional thematic blocks given (`pasture`, `sand`, ...), in catalog order.
    public var blocks: [BlockValues] = []
    /// Free text.
    public var notes: String?
    /// Quality flags, sorted and unique (validation flags and the derived values' flags).
    public var qaFlags: [String]
    /// Values computed from the layers.
    public var derived: Derived
    /// The legacy code submitted when it named a region split since and the site's position
    /// could not tell which successor holds it (flag `region_ambiguous`; `region` is then the
    /// first successor).
    public var originalRegion: String? = nil

    public static func == (lhs: Assessment, rhs: Assessment) -> Bool {
        lhs.canonicalJSON() == rhs.canonicalJSON() && lhs.qaFlags == rhs.qaFlags
    }

    /// One row per measurement, canonical unit, for the store's statistics table; then one per
    /// assessment for each thickness-weighted 0-30 cm value (`soc_0_30`, 0 to 30 cm) and each
    /// numeric block field (`pasture.forage_dm_kg_ha`, 0 to 0 cm), so that statistics read them
    /// like any indicator.
    public var measurementRows: [(indicator: String, top: Double, bottom: Double, value: Double)] {
        var rows: [(indicator: String, top: Double, bottom: Double, value: Double)] = []
        for layer in layers {
            for measurement in layer.measurements {
                rows.append((measurement.indicator, layer.top, layer.bottom, measurement.value))
            }
        }
        for entry in derived.values0to30 {
            rows.append((entry.name + Derived.topSuffix, Derived.stockTop, Derived.stockBottom, entry.value))
        }
        for block in blocks {
            for field in block.fields {
                switch field.value {
                case .number(let number): rows.append((block.code + "." + field.code, 0, 0, number))
                case .integer(let number): rows.append((block.code + "." + field.code, 0, 0, Double(number)))
                default: continue
                }
            }
        }
        return rows
    }
}

/// Where the sample was taken.
public struct Site: Sendable, Equatable {
    /// The monitoring site, stable across years.
    public var id: String
    /// WGS84 latitude.
    public var lat: Double
    /// WGS84 longitude.
    public var lon: Double
    /// Position accuracy in metres.
    public var accuracyM: Double?
    /// Altitude in metres.
    public var altitudeM: Double?
}

/// One soil layer with its measurements.
public struct Layer: Sendable, Equatable {
    /// Upper depth, cm.
    public var top: Double
    /// Lower depth, cm.
    public var bottom: Double
    /// Horizon designation.
    public var horizon: String?
    /// Measurements in submitted order.
    public var measurements: [Measurement]
    /// Texture class: USDA from sand, silt and clay of the 2-50-2000 um scheme, or Kachinsky's
    /// from `phys_clay` under the Kachinsky scheme.
    public var textureClass: String?
    /// `usda` or `kachinsky`, the scheme of `textureClass`.
    public var textureScheme: String? = nil
    /// What the particle-size fractions are a percentage of (`psd_basis`), when stated.
    public var psdBasis: String? = nil
    /// Salinity type and degree from the ions of the 1:5 water extract (Bazilevich-Pankova).
    public var salinity: Salinity? = nil

    /// The canonical value of `indicator` in this layer.
    public func value(of indicator: String) -> Double? {
        measurements.first { $0.indicator == indicator }?.value
    }
}

/// One measured value, in the indicator's canonical unit, with what was submitted beside it.
public struct Measurement: Sendable, Equatable {
    /// Indicator code.
    public var indicator: String
    /// Value in the canonical unit.
    public var value: Double
    /// The canonical unit.
    public var unit: String
    /// The value as submitted, when it was converted.
    public var originalValue: Double?
    /// The unit as submitted, when it was converted.
    public var originalUnit: String?
    /// Method code or `national:...`.
    public var method: String?
    /// Uncertainty in the canonical unit.
    public var uncertainty: Double?
}

/// Values computed from the layers, recomputed on every revision.
public struct Derived: Sendable, Equatable {
    /// SOC stock of 0-30 cm in t C/ha, or nil with a flag saying why.
    public var socStock0to30: Double?
    /// Flags of the stock computation (`incomplete_depth`, `soc_from_som`, ...), sorted.
    public var flags: [String]
    /// Thickness-weighted 0-30 cm value of each indicator measured throughout 0..30 cm, catalog order.
    public var values0to30: [NamedValue] = []
}

/// An indicator's derived value.
public struct NamedValue: Sendable, Equatable {
    public var name: String
    public var value: Double
}

/// A layer's salinity from its 1:5 water extract.
public struct Salinity: Sendable, Equatable {
    /// Bazilevich-Pankova chemical type (`chloride` ... `soda`), when Cl and SO4 are given.
    public var type: String?
    /// Degree (`non_saline` ... `solonchak`), when Cl, SO4 and Ca are given.
    public var degree: String?
    /// The toxic ions in chlorine equivalents, cmol(-)/kg, when the degree is given.
    public var toxicIons: Double?
}

/// One thematic block as given, fields in catalog order.
public struct BlockValues: Sendable, Equatable {
    public var code: String
    public var fields: [BlockFieldValue]
}

/// One field of a block.
public struct BlockFieldValue: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case number(Double)
        case integer(Int)
        case text(String)
        case bool(Bool)
    }

    public var code: String
    public var value: Value
}
