import Foundation
import Messages

/// Checks submissions against SCHEMA.md and the catalog, and normalizes the valid ones.
public struct Validator: Sendable {
    /// The catalog rules are taken from.
    public let catalog: Catalog
    /// Parser limits for raw bodies.
    public var parser: JSONParser

    /// Makes a validator over `catalog`.
    public init(catalog: Catalog, parser: JSONParser = JSONParser()) {
        self.catalog = catalog
        self.parser = parser
    }

    /// Parses and validates a submission; `today` bounds `sampled_on` (UTC, plus one day of grace).
    public func validate(_ body: [UInt8], today: Date = Date()) -> ValidationResult {
        validate(body[...], today: today)
    }

    /// Parses and validates one document held in part of a buffer (an NDJSON line); offsets in
    /// a `malformed` error count from the slice's start.
    public func validate(_ body: ArraySlice<UInt8>, today: Date = Date()) -> ValidationResult {
        let value: JSONValue
        do {
            value = try parser.parse(body)
        } catch {
            return .malformed(error)
        }
        switch validate(value, today: today) {
        case .success(let assessment): return .valid(assessment)
        case .failure(let failure): return .invalid(failure)
        }
    }

    /// Validates an already parsed document (the batch path), reporting every problem.
    public func validate(_ value: JSONValue, today: Date) -> Result<Assessment, ValidationFailure> {
        var run = ValidationRun(
            catalog: catalog, todayDay: Int((today.timeIntervalSince1970 / 86_400).rounded(.down)))
        let assessment = run.document(value)
        if let assessment, run.problems.isEmpty {
            return .success(assessment)
        }
        return .failure(ValidationFailure(problems: run.problems))
    }
}

/// The state of one validation: problems and flags found so far.
struct ValidationRun {
    let catalog: Catalog
    /// Days since 1970-01-01 of today, UTC.
    let todayDay: Int
    var problems: [ValidationProblem] = []
    var flags: Set<String> = []

    /// Fields the server writes; a submission may not carry them.
    static let serverFields: Set<String> = [
        "id", "revision", "status", "submitted_at", "submitted_by", "updated_at", "schema_version",
        "derived", "qa_flags", "retracted_at", "retraction_reason",
    ]

    /// Records a problem whose message is `key` of `Config/messages` with `arguments`.
    mutating func report(_ path: String, _ code: ProblemCode, _ key: String, _ arguments: [String: String] = [:]) {
        problems.append(ValidationProblem(path: path, code: code, message: Message(key, arguments)))
    }

    mutating func unknownField(_ key: String, in parent: String, topLevel: Bool = false) {
        if topLevel && Self.serverFields.contains(key) {
            report(parent + "/" + pointerToken(key), .unknownField, "validation.server_field", ["field": clip(key)])
        } else {
            report(parent + "/" + pointerToken(key), .unknownField, "validation.unknown_field", ["field": clip(key)])
        }
    }

    /// The members of an object, or a `type` problem.
    mutating func object(_ value: JSONValue, _ path: @autoclosure () -> String, _ field: String)
        -> [JSONMember]?
    {
        if let members = value.objectMembers { return members }
        report(path(), .type, "validation.not_object", ["field": field, "type": value.typeName])
        return nil
    }

    /// A string, or a `type` problem.
    mutating func string(_ value: JSONValue, _ path: @autoclosure () -> String, _ field: String) -> String? {
        if let text = value.stringValue { return text }
        report(path(), .type, "validation.not_string", ["field": field, "type": value.typeName])
        return nil
    }

    /// A string of at most `limit` characters, else `type` or `out_of_range`.
    mutating func string(
        _ value: JSONValue, _ path: @autoclosure () -> String, _ field: String, maxCharacters limit: Int
    ) -> String? {
        guard let text = string(value, path(), field) else { return nil }
        if text.utf8.count > limit {
            let count = text.unicodeScalars.count
            if count > limit {
                report(
                    path(), .outOfRange, "validation.too_long",
                    ["field": field, "count": String(count), "max": String(limit)])
                return nil
            }
        }
        return text
    }

    /// A finite JSON number, else `type` (strings included) or `out_of_range` (overflow).
    mutating func number(_ value: JSONValue, _ path: @autoclosure () -> String, _ field: String) -> Double? {
        guard let number = value.numberValue else {
            if let text = value.stringValue {
                let shown = text.count > 32 ? String(text.prefix(32)) + "..." : text
                report(path(), .type, "validation.number_as_string", ["field": field, "text": shown])
            } else {
                report(path(), .type, "validation.not_number", ["field": field, "type": value.typeName])
            }
            return nil
        }
        guard number.value.isFinite else {
            report(path(), .outOfRange, "validation.not_finite", ["field": field])
            return nil
        }
        return number.value
    }

    /// A number within `range`, else a problem.
    mutating func number(
        _ value: JSONValue, _ path: @autoclosure () -> String, _ field: String, in range: ClosedRange<Double>
    ) -> Double? {
        guard let number = number(value, path(), field) else { return nil }
        guard range.contains(number) else {
            report(
                path(), .outOfRange, "validation.outside_range",
                [
                    "field": field, "value": formatNumber(number), "min": formatNumber(range.lowerBound),
                    "max": formatNumber(range.upperBound),
                ])
            return nil
        }
        return number
    }

    /// An integer within `range`, else a problem.
    mutating func integer(
        _ value: JSONValue, _ path: @autoclosure () -> String, _ field: String, in range: ClosedRange<Int>
    ) -> Int? {
        guard let number = number(value, path(), field) else { return nil }
        guard number == number.rounded(), abs(number) < 1e9 else {
            report(path(), .type, "validation.not_whole", ["field": field, "value": formatNumber(number)])
            return nil
        }
        guard range.contains(Int(number)) else {
            report(
                path(), .outOfRange, "validation.outside_range",
                [
                    "field": field, "value": formatNumber(number), "min": String(range.lowerBound),
                    "max": String(range.upperBound),
                ])
            return nil
        }
        return Int(number)
    }

    /// A code from `list`, else `type` or `not_in_catalog`.
    mutating func code(
        _ value: JSONValue, _ path: @autoclosure () -> String, _ field: String, list: [CodeEntry]
    ) -> String? {
        guard let text = string(value, path(), field) else { return nil }
        guard list.contains(where: { $0.code == text }) else {
            let allowed = list.map(\.code).joined(separator: ", ")
            report(
                path(), .notInCatalog, "validation.not_in_list",
                ["field": field, "value": clip(text), "allowed": allowed])
            return nil
        }
        return text
    }

    /// An identifier: 1 to 64 of `A-Z a-z 0-9 . _ : / -`.
    mutating func identifier(_ value: JSONValue, _ path: @autoclosure () -> String, _ field: String)
        -> String?
    {
        guard let text = string(value, path(), field) else { return nil }
        let bytes = text.utf8
        let valid =
            !bytes.isEmpty && bytes.count <= 64
            && bytes.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                    || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2E || byte == 0x5F || byte == 0x3A || byte == 0x2F || byte == 0x2D
            }
        guard valid else {
            report(path(), .format, "validation.identifier_format", ["field": field, "value": clip(text)])
            return nil
        }
        return text
    }
}

/// A number as JSON writes it: shortest round-trip form, integers without `.0`.
func formatNumber(_ value: Double) -> String {
    var buffer: [UInt8] = []
    JSONWriter.appendNumber(value, to: &buffer)
    return String(decoding: buffer, as: UTF8.self)
}

/// A user string shortened for a message.
func clip(_ text: String) -> String {
    text.utf8.count > 64 ? String(text.prefix(64)) + "..." : text
}
