extension ValidationRun {
    /// The layers: 1 to 20, each with valid depths, not overlapping one another.
    mutating func layers(_ value: JSONValue) -> [Layer]? {
        guard let elements = value.arrayElements else {
            report("/layers", .type, "layers must be an array, not \(value.typeName)")
            return nil
        }
        guard (1...20).contains(elements.count) else {
            report("/layers", .outOfRange, "layers must hold 1 to 20 layers, not \(elements.count)")
            return nil
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
                    "/layers/\(depth.index)", .overlap,
                    "layer \(formatNumber(depth.top))-\(formatNumber(depth.bottom)) cm overlaps layer /layers/\(above.index) (\(formatNumber(above.top))-\(formatNumber(above.bottom)) cm)"
                )
            }
            if deepest == nil || depth.bottom > deepest!.bottom { deepest = depth }
        }
        return layers.count == elements.count ? layers : nil
    }

    private mutating func layer(_ value: JSONValue, index: Int) -> Layer? {
        let path = "/layers/\(index)"
        guard let members = object(value, path, "layers[\(index)]") else { return nil }
        var top: Double?
        var bottom: Double?
        var horizon: String?
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
            case "measurements":
                measurementsValue = member.value
            default:
                unknownField(member.key, in: path)
                valid = false
            }
        }
        if !seen.top { report(path + "/top_cm", .required, "top_cm is required") }
        if !seen.bottom { report(path + "/bottom_cm", .required, "bottom_cm is required") }
        if let top, let bottom, bottom <= top {
            report(
                path + "/bottom_cm", .inconsistent,
                "bottom_cm \(formatNumber(bottom)) must be greater than top_cm \(formatNumber(top))")
            valid = false
        }
        guard let measurementsValue else {
            report(path + "/measurements", .required, "measurements is required")
            return nil
        }
        let measurements = self.measurements(measurementsValue, path: path + "/measurements")
        guard valid, let top, let bottom, var measurements else { return nil }
        crossCheck(&measurements, layerPath: path, depth: "\(formatNumber(top))-\(formatNumber(bottom)) cm")
        var layer = Layer(
            top: top, bottom: bottom, horizon: horizon, measurements: measurements, textureClass: nil)
        if let sand = layer.value(of: "sand"), let silt = layer.value(of: "silt"),
            let clay = layer.value(of: "clay")
        {
            layer.textureClass = Derived.textureClass(sand: sand, silt: silt, clay: clay)
        }
        return layer
    }

    /// Checks across the measurements of one layer: texture sum, carbon and pH consistency.
    private mutating func crossCheck(_ measurements: inout [Measurement], layerPath: String, depth: String) {
        func value(_ code: String) -> Double? {
            measurements.first { $0.indicator == code }?.value
        }
        if let sand = value("sand"), let silt = value("silt"), let clay = value("clay") {
            let sum = sand + silt + clay
            if sum < 90 || sum > 101 {
                report(
                    layerPath, .inconsistent,
                    "sand + silt + clay of layer \(depth) is \(formatNumber(roundSignificant(sum))) g/100g, outside 90 to 101"
                )
            } else if sum < 98 {
                flags.insert("texture_sum")
            }
        }
        if let totc = value("totc"), let soc = value("soc"), totc < soc {
            flags.insert("carbon_inconsistent")
        }
        if let water = value("ph_h2o") {
            for code in ["ph_kcl", "ph_cacl2"] {
                if let other = value(code), other > water + 0.5 { flags.insert("ph_inconsistent") }
            }
        }
    }
}
