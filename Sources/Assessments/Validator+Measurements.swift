extension ValidationRun {
    /// The measurements of one layer: 1 to 60, one per indicator.
    mutating func measurements(_ value: JSONValue, path: String) -> [Measurement]? {
        guard let elements = value.arrayElements else {
            report(path, .type, "measurements must be an array, not \(value.typeName)")
            return nil
        }
        guard (1...60).contains(elements.count) else {
            report(path, .outOfRange, "measurements must hold 1 to 60 measurements, not \(elements.count)")
            return nil
        }
        var result: [Measurement] = []
        result.reserveCapacity(elements.count)
        var valid = true
        for (index, element) in elements.enumerated() {
            guard let measurement = measurement(element, path: path + "/\(index)") else {
                valid = false
                continue
            }
            if result.contains(where: { $0.indicator == measurement.indicator }) {
                report(
                    path + "/\(index)/indicator", .duplicate,
                    "indicator \(measurement.indicator) is measured twice in this layer")
                valid = false
                continue
            }
            result.append(measurement)
        }
        return valid ? result : nil
    }

    private mutating func measurement(_ value: JSONValue, path: @autoclosure () -> String) -> Measurement? {
        guard let members = object(value, path(), "measurement") else { return nil }
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
                        path() + "/indicator", .notInCatalog,
                        "indicator \"\(clip(code))\" is not in the catalog")
                }
            }
        } else {
            report(path() + "/indicator", .required, "indicator is required")
        }
        let field = indicator?.code ?? "value"
        var raw: Double?
        if let numberValue {
            raw = number(numberValue, path() + "/value", field)
        } else {
            report(path() + "/value", .required, "value is required")
        }
        let unit = unitValue.flatMap { string($0, path() + "/unit", "unit") }
        let method = methodValue.flatMap { string($0, path() + "/method", "method", maxCharacters: 200) }
        let uncertainty = uncertaintyValue.flatMap { number($0, path() + "/uncertainty", "uncertainty") }
        if (unitValue != nil && unit == nil) || (methodValue != nil && method == nil)
            || (uncertaintyValue != nil && uncertainty == nil)
        {
            valid = false
        }
        guard let indicator else { return nil }

        var factor = 1.0
        if let unit, unit != indicator.unit {
            if let known = indicator.otherUnits[unit] {
                factor = known
            } else {
                let accepted = ([indicator.unit] + indicator.otherUnits.keys.sorted()).joined(separator: ", ")
                report(
                    path() + "/unit", .unitNotAccepted,
                    "unit \"\(clip(unit))\" is not accepted for \(indicator.code); use one of \(accepted)")
                valid = false
            }
        }
        if let method, !accepts(method, indicator) {
            let national = indicator.acceptsNational ? ", or national:<method>" : ""
            report(
                path() + "/method", .methodNotAccepted,
                "method \"\(clip(method))\" is not accepted for \(indicator.code); use one of \(indicator.methods.joined(separator: ", "))\(national)"
            )
            valid = false
        }
        if let uncertainty, uncertainty < 0 {
            report(
                path() + "/uncertainty", .outOfRange,
                "uncertainty \(formatNumber(uncertainty)) must not be negative")
            valid = false
        }
        guard let raw, valid else { return nil }
        let converted = factor == 1 ? raw : roundSignificant(raw * factor)
        let shown =
            factor == 1
            ? "\(indicator.code) \(formatNumber(raw)) \(indicator.unit)"
            : "\(indicator.code) \(formatNumber(raw)) \(unit!) (\(formatNumber(converted)) \(indicator.unit))"
        if converted < indicator.hardMin {
            report(
                path() + "/value", .outOfRange,
                "\(shown) is below the minimum of \(formatNumber(indicator.hardMin)) \(indicator.unit)")
            return nil
        }
        if converted > indicator.hardMax {
            report(
                path() + "/value", .outOfRange,
                "\(shown) is above the maximum of \(formatNumber(indicator.hardMax)) \(indicator.unit)")
            return nil
        }
        if converted < indicator.warnMin || converted > indicator.warnMax {
            flags.insert("out_of_typical_range")
        }
        return Measurement(
            indicator: indicator.code, value: converted, unit: indicator.unit,
            originalValue: factor == 1 ? nil : raw, originalUnit: factor == 1 ? nil : unit,
            method: method, uncertainty: uncertainty.map { factor == 1 ? $0 : roundSignificant($0 * factor) })
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
