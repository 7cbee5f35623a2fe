import Assessments
import Foundation
import Messages
import Store

/// Checks shared by the endpoints' query parameters; each refusal names the parameter.
enum QueryValues {
    /// A comma list of non-empty items.
    static func list(_ value: String, name: String) throws(APIError) -> [String] {
        let items = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !items.isEmpty, items.allSatisfy({ !$0.isEmpty }), items.count <= 200 else {
            throw .parameter(name, "list")
        }
        return items
    }

    /// A member country's code (the catalog's countries).
    static func country(_ value: String, countries: Set<String>, name: String = "country") throws(APIError) -> String {
        guard countries.contains(value) else {
            throw .parameter(name, "one_of", ["values": countries.sorted().joined(separator: ", ")])
        }
        return value
    }

    /// A comma list of region codes, each mapped to its current code; a legacy code of a region
    /// split since stands for every region it became (KZ-ALM: KZ-19 and KZ-33).
    static func regions(_ value: String, catalog: Catalog, name: String = "region") throws(APIError) -> [String] {
        var codes: [String] = []
        for code in try list(value, name: name) {
            guard let current = region(code, catalog: catalog) else {
                throw .parameter(name, "region", ["value": code])
            }
            for successor in catalog.legacySplits[code] ?? [current] where !codes.contains(successor) {
                codes.append(successor)
            }
        }
        return codes
    }

    /// A current region code, mapping Kazakhstan's pre-2022 letter codes.
    static func region(_ code: String, catalog: Catalog) -> String? {
        if catalog.regions[code] != nil { return code }
        if let current = catalog.legacyCodes[code] { return current }
        return nil
    }

    /// A comma list of indicator codes of the catalog (and, where allowed, the derived stock).
    static func indicators(_ value: String, catalog: Catalog, allowingStock: Bool = false) throws(APIError)
        -> [String]
    {
        let codes = try list(value, name: "indicator")
        for code in codes where catalog.indicators[code] == nil {
            guard allowingStock && (code == StatisticsFilter.derivedStock || catalog.statisticsUnit(code) != nil) else {
                throw .parameter("indicator", allowingStock ? "indicator_or_stock" : "indicator", ["value": code])
            }
        }
        return codes
    }

    /// An identifier as SCHEMA.md allows for `reference` and `site.id`.
    static func identifier(_ value: String, name: String) throws(APIError) -> String {
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
                || byte == 0x2e || byte == 0x5f || byte == 0x3a || byte == 0x2f || byte == 0x2d
        }
        guard allowed, (1...64).contains(value.utf8.count) else { throw .parameter(name, "identifier") }
        return value
    }

    /// A calendar date `YYYY-MM-DD`.
    static func date(_ value: String, name: String) throws(APIError) -> String {
        let bytes = Array(value.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var result = 0
            for index in range {
                guard bytes[index] >= 0x30 && bytes[index] <= 0x39 else { return nil }
                result = result * 10 + Int(bytes[index] - 0x30)
            }
            return result
        }
        guard bytes.count == 10, bytes[4] == 0x2d, bytes[7] == 0x2d, let year = digits(0..<4),
            let month = digits(5..<7), let day = digits(8..<10), (1...12).contains(month), day >= 1,
            day <= daysIn(month: month, year: year)
        else {
            throw .parameter(name, "date")
        }
        return value
    }

    /// `from` not after `to`: the one date-range rule of every endpoint.
    static func checkOrder(from: String?, to: String?) throws(APIError) {
        if let from, let to, from > to { throw .parameter("from", "from_after_to", ["from": from, "to": to]) }
    }

    /// `depth_max`: a depth in cm, above 0 and at most 1000 (the deepest layer bottom).
    static func depth(_ value: String, name: String) throws(APIError) -> Double {
        guard isNumber(value, exponent: true), let depth = Double(value), depth.isFinite, depth > 0, depth <= 1000
        else {
            throw .parameter(name, "depth")
        }
        return depth
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `minLon,minLat,maxLon,maxLat` in WGS84 degrees.
    static func boundingBox(_ value: String, name: String) throws(APIError) -> BoundingBox {
        let numbers = value.split(separator: ",", omittingEmptySubsequences: false).map {
            isNumber($0, exponent: false) ? Double($0) : nil
        }
        guard numbers.count == 4, let minLon = numbers[0], let minLat = numbers[1], let maxLon = numbers[2],
            let maxLat = numbers[3], [minLon, maxLon].allSatisfy({ (-180...180).contains($0) }),
            [minLat, maxLat].allSatisfy({ (-90...90).contains($0) }), minLat <= maxLat
        else {
            throw .parameter(name, "bbox")
        }
        return BoundingBox(minLon: minLon, minLat: minLat, maxLon: maxLon, maxLat: maxLat)
    }

    /// `true` or `false` (also 1 and 0).
    static func flag(_ value: String, name: String) throws(APIError) -> Bool {
        switch value {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .parameter(name, "flag_value")
        }
    }

    /// A whole number within `range`.
    static func integer(_ value: String, name: String, range: ClosedRange<Int64>) throws(APIError) -> Int64 {
        guard isNumber(value, fraction: false, exponent: false), let number = Int64(value), range.contains(number)
        else {
            throw .parameter(name, "integer", ["min": String(range.lowerBound), "max": String(range.upperBound)])
        }
        return number
    }

    /// Whether `text` is a number as JSON writes it (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`),
    /// without the fraction or exponent where they are not allowed. Swift's own parsers also take
    /// `+1`, `0x1p3`, `inf` or `nan`, which the OpenAPI document does not promise.
    static func isNumber<Text: StringProtocol>(_ text: Text, fraction: Bool = true, exponent: Bool) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == 0x2d { bytes = bytes.dropFirst() }
        let first = bytes.first
        let whole = digits()
        guard whole > 0, first != 0x30 || whole == 1 else { return false }
        if fraction, bytes.first == 0x2e {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if exponent, bytes.first == 0x65 || bytes.first == 0x45 {
            bytes = bytes.dropFirst()
            if bytes.first == 0x2b || bytes.first == 0x2d { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// `YYYY-YYYY`: inclusive years.
    static func period(_ value: String, name: String) throws(APIError) -> (Int, Int) {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 4 }), let start = Int(parts[0]), let end = Int(parts[1]),
            start >= 1900, start <= end, end <= 2200
        else {
            throw .parameter(name, "period")
        }
        return (start, end)
    }
}
