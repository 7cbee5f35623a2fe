extension ValidationRun {
    /// The measurements of one layer: 1 to 60, one per indicator. `values` holds the canonical
    /// value of every indicator whose value is usable (for the layer's cross-checks, which run even
    /// when other measurements are invalid; the first occurrence of a repeated indicator counts);
    /// `measurements` is nil unless every measurement is valid.
    mutating func measurements(_ value: JSONValue, path: String, horizon: String? = nil) -> (
        values: [String: Double], methods: [String: String], measurements: [Measurement]?
    ) {
        guard let elements = value.arrayElements else {
            report(path, .type, "validation.not_array", ["field": "measurements", "type": value.typeName])
            return ([:], [:], nil)
        }
        var valid = (1...60).contains(elements.count)
        if !valid {
            // The measurements are still checked one by one below: every problem at once.
            report(
                path, .outOfRange, "validation.measurement_count",
                ["min": "1", "max": "60", "count": String(elements.count)])
        }
        var result: [Measurement] = []
        result.reserveCapacity(elements.count)
        var values: [String: Double] = [:]
        var methods: [String: String] = [:]
        var indicators: Set<String> = []
        for (index, element) in elements.enumerated() {
            let checked = measurement(element, path: path + "/\(index)", horizon: horizon)
            if let indicator = checked.indicator {
                // A repeat is a duplicate even when the first occurrence is invalid.
                guard indicators.insert(indicator).inserted else {
                    report(
                        path + "/\(index)/indicator", .duplicate, "validation.duplicate_indicator",
                        ["indicator": indicator])
                    valid = false
                    continue
                }
                if let usable = checked.value { values[indicator] = usable }
            }
            if let measurement = checked.measurement {
                if let method = measurement.method { methods[measurement.indicator] = method }
                result.append(measurement)
            } else {
                valid = false
            }
        }
        return (values, methods, valid ? result : nil)
    }

    /// One measurement: its indicator when the catalog has it, its canonical value when that is
    /// usable (a known indicator, a number in an accepted unit within the hard bounds, whatever
    /// else is wrong), and the measurement when nothing is wrong.
    private mutating func measurement(_ value: JSONValue, path: @autoclosure () -> String, horizon: String?) -> (
        indicator: String?, value: Double?, measurement: Measurement?
    ) {
        guard let members = value.objectMembers else {
            report(path(), .type, "validation.measurement_not_object", ["type": value.typeName])
            return (nil, nil, nil)
        }
        var indicatorValue: JSONValue?
        var numberValue: JSONValue?
        var unitValue: JSONValue?
        var methodValue: JSONValue?
        var uncertaintyValue: JSONValue?
        var valid = true
        for member in members {
            switch member.key {
            case "indicator": indicatorValue = member.value
            case "value": numberValue = member.value
            case "unit": unitValue = member.value
            case "method": methodValue = member.value
            case "uncertainty": uncertaintyValue = member.value
            default:
                unknownField(member.key, in: path())
                valid = false
            }
        }
        var indicator: Indicator?
        if let indicatorValue {
            if let code = string(indicatorValue, path() + "/indicator", "indicator") {
                indicator = catalog.indicators[code]
                if indicator == nil {
                    report(
                        path() + "/indicator", .notInCatalog, "validation.indicator_unknown", ["indicator": clip(code)])
                }
            }
        } else {
            report(path() + "/indicator", .required, "validation.required", ["field": "indicator"])
        }
        let field = indicator?.code ?? "value"
        var raw: Double?
        if let numberValue {
            raw = number(numberValue, path() + "/value", field)
        } else {
            report(path() + "/value", .required, "validation.required", ["field": "value"])
        }
        let unit = unitValue.flatMap { string($0, path() + "/unit", "unit") }
        let method = methodValue.flatMap { string($0, path() + "/method", "method", maxCharacters: 200) }
        let uncertainty = uncertaintyValue.flatMap { number($0, path() + "/uncertainty", "uncertainty") }
        if (unitValue != nil && unit == nil) || (methodValue != nil && method == nil)
            || (uncertaintyValue != nil && uncertainty == nil)
        {
            valid = false
        }
        guard let indicator else {
            // A negative uncertainty is wrong whatever the indicator: reported all the same.
            if let uncertainty, uncertainty < 0 { negativeUncertainty(uncertainty, path: path() + "/uncertainty") }
            return (nil, nil, nil)
        }

        // The factor to the canonical unit; nil when the unit given cannot be used.
        var factor: Double? = unitValue != nil && unit == nil ? nil : 1
        if let unit, unit != indicator.unit {
            if let known = indicator.otherUnits[unit] {
                factor = known
            } else {
                let accepted = ([indicator.unit] + indicator.otherUnits.keys.sorted()).joined(separator: ", ")
                report(
                    path() + "/unit", .unitNotAccepted, "validation.unit_not_accepted",
                    ["given": clip(unit), "indicator": indicator.code, "accepted": accepted])
                factor = nil
                valid = false
            }
        }
        if let method, !accepts(method, indicator) {
            if indicator.methods.isEmpty && indicator.acceptsNational {
                report(
                    path() + "/method", .methodNotAccepted, "validation.method_only_national",
                    ["method": clip(method), "indicator": indicator.code])
            } else {
                let accepted = indicator.methods.joined(separator: ", ")
                report(
                    path() + "/method", .methodNotAccepted,
                    indicator.acceptsNational
                        ? "validation.method_not_accepted_national" : "validation.method_not_accepted",
                    ["method": clip(method), "indicator": indicator.code, "accepted": accepted])
            }
            valid = false
        }
        if let uncertainty, uncertainty < 0 {
            negativeUncertainty(uncertainty, path: path() + "/uncertainty")
            valid = false
        }
        // The value is checked against the bounds even when the method or another field is wrong.
        guard let raw, let factor else { return (indicator.code, nil, nil) }
        let converted = factor == 1 ? raw : roundSignificant(raw * factor)
        var arguments = ["field": indicator.code, "value": formatNumber(raw), "unit": indicator.unit]
        if factor != 1 {
            arguments["given_unit"] = unit!
            arguments["converted"] = formatNumber(converted)
        }
        if converted < indicator.hardMin {
            arguments["min"] = formatNumber(indicator.hardMin)
            report(
                path() + "/value", .outOfRange,
                factor == 1 ? "validation.below_minimum" : "validation.below_minimum_converted", arguments)
            return (indicator.code, nil, nil)
        }
        if converted > indicator.hardMax {
            arguments["max"] = formatNumber(indicator.hardMax)
            report(
                path() + "/value", .outOfRange,
                factor == 1 ? "validation.above_maximum" : "validation.above_maximum_converted", arguments)
            return (indicator.code, nil, nil)
        }
        // Organic (O, H) horizons have their own typical ranges in the catalog.
        if !indicator.warnRange(horizon: horizon).contains(converted) {
            flags.insert("out_of_typical_range")
        }
        guard valid else { return (indicator.code, converted, nil) }
        let measurement = Measurement(
            indicator: indicator.code, value: converted, unit: indicator.unit,
            originalValue: factor == 1 ? nil : raw, originalUnit: factor == 1 ? nil : unit,
            method: method, uncertainty: uncertainty.map { factor == 1 ? $0 : roundSignificant($0 * factor) })
        return (indicator.code, converted, measurement)
    }

    private mutating func negativeUncertainty(_ uncertainty: Double, path: String) {
        report(path, .outOfRange, "validation.negative_uncertainty", ["value": formatNumber(uncertainty)])
    }

    private func accepts(_ method: String, _ indicator: Indicator) -> Bool {
        if indicator.methods.contains(method) { return true }
        guard indicator.acceptsNational, method.hasPrefix("national:") else { return false }
        return method.dropFirst("national:".count).contains { !$0.isWhitespace }
    }
}

/// Rounds to 12 significant digits: unit factors turn 0.84 % into 8.4 g/kg, not 8.399999999999999.
func roundSignificant(_ value: Double) -> Double {
    guard value != 0, value.isFinite else { return value }
    let exponent = Int((abs(value)).log10Floor)
    let digits = 11 - exponent
    if digits >= 0 {
        let scale = exactPowerOfTen(digits)
        return (value * scale).rounded() / scale
    }
    let scale = exactPowerOfTen(-digits)
    return (value / scale).rounded() * scale
}

private func exactPowerOfTen(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<min(exponent, 308) { result *= 10 }
    return result
}

extension Double {
    /// floor(log10(self)) for positive finite values, exact at powers of ten.
    fileprivate var log10Floor: Double {
        var exponent = 0.0
        var scaled = self
        while scaled >= 10 {
            scaled /= 10
            exponent += 1
        }
        while scaled < 1 {
            scaled *= 10
            exponent -= 1
        }
        return exponent
    }
}
