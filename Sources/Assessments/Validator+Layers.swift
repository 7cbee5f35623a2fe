extension ValidationRun {
    /// SOC methods that do not remove carbonates before measuring (GloSIS codes).
    static let unacidifiedCarbonMethods: Set<String> = ["OrgC_dc-ht", "OrgC_dc-lt-loi"]

    /// The layers: 1 to 20, each with valid depths, not overlapping one another.
    mutating func layers(_ value: JSONValue) -> [Layer]? {
        guard let elements = value.arrayElements else {
            report("/layers", .type, "validation.not_array", ["field": "layers", "type": value.typeName])
            return nil
        }
        let countAccepted = (1...20).contains(elements.count)
        if !countAccepted {
            // The layers are still checked one by one below: every problem of the document at once.
            report(
                "/layers", .outOfRange, "validation.layer_count",
                ["min": "1", "max": "20", "count": String(elements.count)])
        }
        var layers: [Layer] = []
        var depths: [(index: Int, top: Double, bottom: Double)] = []
        for (index, element) in elements.enumerated() {
            if let layer = layer(element, index: index) {
                layers.append(layer)
                depths.append((index, layer.top, layer.bottom))
            } else if let top = element["top_cm"]?.numberValue?.value,
                let bottom = element["bottom_cm"]?.numberValue?.value, top >= 0, bottom > top, bottom <= 1000
            {
                // A layer with other problems still has depths: check its overlap too, so that
                // every problem of the document is reported at once.
                depths.append((index, top, bottom))
            }
        }
        depths.sort { $0.top < $1.top || ($0.top == $1.top && $0.index < $1.index) }
        var deepest: (index: Int, top: Double, bottom: Double)? = nil
        for depth in depths {
            if let above = deepest, depth.top < above.bottom {
                report(
                    "/layers/\(depth.index)", .overlap, "validation.layer_overlap",
                    [
                        "top": formatNumber(depth.top), "bottom": formatNumber(depth.bottom), "unit": "cm",
                        "other": "/layers/\(above.index)", "other_top": formatNumber(above.top),
                        "other_bottom": formatNumber(above.bottom),
                    ])
            }
            if deepest == nil || depth.bottom > deepest!.bottom { deepest = depth }
        }
        return countAccepted && layers.count == elements.count ? layers : nil
    }

    private mutating func layer(_ value: JSONValue, index: Int) -> Layer? {
        let path = "/layers/\(index)"
        guard let members = object(value, path, "layers[\(index)]") else { return nil }
        var top: Double?
        var bottom: Double?
        var horizon: String?
        var psdBasis: String?
        var measurementsValue: JSONValue?
        var seen = (top: false, bottom: false)
        var valid = true
        for member in members {
            switch member.key {
            case "top_cm":
                seen.top = true
                top = number(member.value, path + "/top_cm", "top_cm", in: 0...1000)
            case "bottom_cm":
                seen.bottom = true
                bottom = number(member.value, path + "/bottom_cm", "bottom_cm", in: 0...1000)
            case "horizon":
                horizon = string(member.value, path + "/horizon", "horizon", maxCharacters: 32)
                if horizon == nil { valid = false }
            case "psd_basis":
                psdBasis = code(
                    member.value, path + "/psd_basis", "psd_basis", list: catalog.codeList("psd_basis"))
                if psdBasis == nil { valid = false }
            case "measurements":
                measurementsValue = member.value
            default:
                unknownField(member.key, in: path)
                valid = false
            }
        }
        if !seen.top { report(path + "/top_cm", .required, "validation.required", ["field": "top_cm"]) }
        if !seen.bottom { report(path + "/bottom_cm", .required, "validation.required", ["field": "bottom_cm"]) }
        if let top, let bottom, bottom <= top {
            report(
                path + "/bottom_cm", .inconsistent, "validation.bottom_not_below_top",
                ["top": formatNumber(top), "bottom": formatNumber(bottom)])
            valid = false
        }
        guard let measurementsValue else {
            report(path + "/measurements", .required, "validation.required", ["field": "measurements"])
            return nil
        }
        // The horizon is known here whatever the member order: the typical ranges depend on it.
        let checked = measurements(
            measurementsValue, path: path + "/measurements",
            horizon: members.first { $0.key == "horizon" }?.value.stringValue)
        // Cross-checks use every usable value, even when the layer has other problems (depths,
        // fields, a duplicate or a bad measurement): one problem must not hide another.
        crossCheck(
            checked.values, methods: checked.methods, psdBasis: psdBasis, layerPath: path, top: top, bottom: bottom)
        guard valid, let top, let bottom, let measurements = checked.measurements else { return nil }
        // The texture class needs the whole profile and fine_earth_limit_mm: set in document().
        return Layer(
            top: top, bottom: bottom, horizon: horizon, measurements: measurements, textureClass: nil,
            psdBasis: psdBasis, salinity: Derived.salinity(checked.values, rules: catalog.salinity))
    }

    /// Checks across the measurements of one layer: texture sum, carbon and pH consistency.
    /// `values` holds the canonical value of each indicator whose value is usable (its first
    /// occurrence); `top` and `bottom` name the layer in the message when they are known.
    private mutating func crossCheck(
        _ values: [String: Double], methods: [String: String], psdBasis: String?, layerPath: String, top: Double?,
        bottom: Double?
    ) {
        if let sand = values["sand"], let silt = values["silt"], let clay = values["clay"] {
            let sum = sand + silt + clay
            if sum < 90, let psdBasis, psdBasis != "fine_earth" {
                // Fractions of a washed, decalcified or gypsum-free sample, given as a percentage of
                // the fine earth: the removed salts, carbonates or gypsum are missing from the sum.
                flags.insert("texture_sum_low")
            } else if sum < 90 || sum > 101 {
                var arguments = [
                    "sum": formatNumber(roundSignificant(sum)), "unit": "g/100g", "min": "90", "max": "101",
                ]
                if let top, let bottom {
                    arguments["top"] = formatNumber(top)
                    arguments["bottom"] = formatNumber(bottom)
                    arguments["depth_unit"] = "cm"
                    report(layerPath, .inconsistent, "validation.texture_sum", arguments)
                } else {
                    report(layerPath, .inconsistent, "validation.texture_sum_no_depth", arguments)
                }
            } else if sum < 98 {
                flags.insert("texture_sum")
            }
        }
        if let soc = values["soc"] {
            // Dry combustion or loss on ignition without removing carbonates reads total carbon on
            // calcareous soils: a carbonate-bearing or alkaline layer may hold inorganic carbon.
            if let method = methods["soc"], Self.unacidifiedCarbonMethods.contains(method),
                (values["caco3"] ?? 0) > 10 || (values["ph_h2o"] ?? 0) >= 7.5
            {
                flags.insert("soc_may_include_inorganic")
            }
            // Total carbon holds the organic and the carbonate carbon (12 % of CaCO3 by mass).
            if let totc = values["totc"], totc < soc + 0.12 * (values["caco3"] ?? 0) {
                flags.insert("carbon_inconsistent")
            }
        }
        if let water = values["ph_h2o"] {
            for code in ["ph_kcl", "ph_cacl2"] {
                if let other = values[code], other > water + 0.5 { flags.insert("ph_inconsistent") }
            }
        }
    }
}
