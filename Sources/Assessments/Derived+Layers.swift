extension Derived {
    /// The suffix of a thickness-weighted 0-30 cm value as a statistics indicator: `soc_0_30`.
    public static let topSuffix = "_0_30"

    /// Sets each layer's texture class and its scheme (SCHEMA.md "Derived values"): USDA only
    /// for fractions of the 2-50-2000 um scheme; Kachinsky's class from `phys_clay` when the
    /// document uses the 1 mm fine-earth limit or a layer's fractions were measured by a method
    /// of the Kachinsky scheme; no class under another scheme (2-20-2000, 2-64-2000).
    static func assignTextures(_ layers: inout [Layer], fineEarthLimit: Int?, rules: TextureRules) {
        let group = kachinskyGroup(layers, rules: rules)
        for index in layers.indices {
            let layer = layers[index]
            let schemes = Set(
                ["clay", "silt", "sand", "phys_clay"].compactMap { code in
                    layer.measurements.first { $0.indicator == code }?.method.flatMap { rules.schemeOfMethod[$0] }
                })
            if fineEarthLimit == 1 || schemes.contains("kachinsky") {
                if let physClay = layer.value(of: "phys_clay"),
                    let found = kachinskyClass(physClay: physClay, group: group, rules: rules)
                {
                    layers[index].textureClass = found
                    layers[index].textureScheme = "kachinsky"
                }
            } else if schemes.isSubset(of: ["usda"]), let sand = layer.value(of: "sand"),
                let silt = layer.value(of: "silt"), let clay = layer.value(of: "clay"),
                let found = textureClass(sand: sand, silt: silt, clay: clay)
            {
                layers[index].textureClass = found
                layers[index].textureScheme = "usda"
            }
        }
    }

    /// The column of Kachinsky's table a profile is read in: a group with `espMin` when a layer's
    /// exchangeable sodium percentage reaches it, else one with `horizonPrefix` when a horizon
    /// starts with it, else `steppe`.
    static func kachinskyGroup(_ layers: [Layer], rules: TextureRules) -> String {
        for group in rules.groups {
            guard let espMin = group.espMin else { continue }
            for layer in layers {
                if let sodium = layer.value(of: "na_exch"), let cec = layer.value(of: "cec_ph7"), cec > 0,
                    sodium / cec * 100 >= espMin
                {
                    return group.code
                }
            }
        }
        for group in rules.groups {
            guard let prefix = group.horizonPrefix else { continue }
            if layers.contains(where: { $0.horizon?.hasPrefix(prefix) ?? false }) { return group.code }
        }
        return "steppe"
    }

    /// Kachinsky's class of `physClay` (% of fine earth) in `group`.
    public static func kachinskyClass(physClay: Double, group: String, rules: TextureRules) -> String? {
        var found: String?
        for entry in rules.classes {
            guard let minimum = entry.minimum[group] else { return nil }
            if physClay >= minimum { found = entry.code }
        }
        return found
    }

    /// The thickness-weighted mean over 0-30 cm of each indicator (in `codes` order) measured in
    /// every layer that overlaps 0..30 cm, those layers covering it without a gap.
    static func values0to30(_ layers: [Layer], codes: [String]) -> [NamedValue] {
        var result: [NamedValue] = []
        for code in codes {
            var covered = stockTop
            var total = 0.0
            for layer in layers {
                let top = max(layer.top, stockTop)
                let bottom = min(layer.bottom, stockBottom)
                guard bottom > top else { continue }
                guard top <= covered, let value = layer.value(of: code) else { break }
                total += value * (bottom - top)
                covered = max(covered, bottom)
            }
            guard covered >= stockBottom else { continue }
            result.append(NamedValue(name: code, value: roundSignificant(total / (stockBottom - stockTop), digits: 6)))
        }
        return result
    }

    /// Salinity type and degree of a layer from its 1:5 water-extract ions (cmol(+/-)/kg), after
    /// Bazilevich and Pankova with the catalog's thresholds; nil without chloride and sulfate.
    public static func salinity(_ values: [String: Double], rules: SalinityRules) -> Salinity? {
        guard let chloride = values["cl_1_5"], let sulfate = values["so4_1_5"] else { return nil }
        let bicarbonate = values["hco3_1_5"] ?? 0
        let carbonate = values["co3_1_5"] ?? 0
        var result = Salinity()
        var normalSoda = carbonate > 0
        if let calcium = values["ca_1_5"], let magnesium = values["mg_1_5"], values["hco3_1_5"] != nil,
            bicarbonate > calcium + magnesium
        {
            normalSoda = true
        }
        if normalSoda {
            let alkaline = bicarbonate + carbonate
            result.type =
                alkaline >= chloride && alkaline >= sulfate
                ? "soda" : (chloride >= sulfate ? "soda_chloride" : "soda_sulfate")
        } else if sulfate > 0 || chloride > 0 {
            let ratio = sulfate > 0 ? chloride / sulfate : Double.infinity
            result.type = rules.types.first { $0.contains(ratio) }?.code
        }
        if let calcium = values["ca_1_5"] {
            let toxicSulfate = max(0, sulfate - max(0, calcium - bicarbonate))
            let toxic =
                (rules.coefficients["cl"] ?? 1) * chloride + (rules.coefficients["so4_toxic"] ?? 0.1) * toxicSulfate
                + (rules.coefficients["co3"] ?? 0) * carbonate
            result.toxicIons = roundSignificant(toxic, digits: 6)
            result.degree = rules.degrees.first { $0.contains(toxic) }?.code
        }
        return result
    }
}

/// `value` rounded to `digits` significant digits.
func roundSignificant(_ value: Double, digits: Int) -> Double {
    guard value != 0, value.isFinite else { return value }
    var scale = 1.0
    var magnitude = abs(value)
    var exponent = 0
    while magnitude >= 10 {
        magnitude /= 10
        exponent += 1
    }
    while magnitude < 1 {
        magnitude *= 10
        exponent -= 1
    }
    let shift = digits - 1 - exponent
    for _ in 0..<abs(shift) { scale *= 10 }
    return shift >= 0 ? (value * scale).rounded() / scale : (value / scale).rounded() * scale
}
