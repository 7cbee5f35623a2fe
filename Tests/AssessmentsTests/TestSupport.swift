import Foundation
import Messages

@testable import Assessments

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The committed catalog, loaded once.
let testCatalog: Catalog = {
    do {
        return try Catalog.load(from: repositoryRoot.appendingPathComponent("Config/schema"))
    } catch {
        fatalError("catalog: \(error)")
    }
}()

let testValidator = Validator(catalog: testCatalog)

/// The shipped message catalog (`Config/messages`), loaded once.
let testMessages: MessageCatalog = {
    do {
        return try MessageCatalog.load(from: repositoryRoot.appendingPathComponent("Config/messages"))
    } catch {
        fatalError("messages: \(error)")
    }
}()

/// A problem's message as the client reads it in `language` (English unless told).
func text(_ problem: ValidationProblem, in language: Language = .en) -> String {
    testMessages.text(problem.message, in: language)
}

/// A fixed "today" so that date rules do not drift: 2025-03-10 12:00 UTC.
let testToday = Date(
    timeIntervalSince1970: Double(CivilDate.daysFromCivil(year: 2025, month: 3, day: 10)) * 86_400 + 43_200)

/// Parses JSON text (test input is trusted).
func json(_ text: String) -> JSONValue {
    try! JSONParser().parse(Array(text.utf8))
}

/// A small valid document: two layers 0-10 and 10-30 cm in Akmola.
let baseDocumentText = """
    {"reference": "KZ-T-1", "country": "KZ", "region": "KZ-11",
     "site": {"id": "S-1", "lat": 51.4, "lon": 70.95},
     "sampled_on": "2024-06-14", "land_cover": "grassland",
     "layers": [
       {"top_cm": 0, "bottom_cm": 10, "measurements": [
         {"indicator": "soc", "value": 10}, {"indicator": "bd_fe", "value": 1.3}]},
       {"top_cm": 10, "bottom_cm": 30, "measurements": [
         {"indicator": "soc", "value": 10}, {"indicator": "bd_fe", "value": 1.3}]}
     ]}
    """

var baseDocument: JSONValue { json(baseDocumentText) }

/// Sets (or with nil removes) the value at a JSON Pointer; array index `-` appends.
func setting(_ pointer: String, to newValue: JSONValue?, in document: JSONValue) -> JSONValue {
    var tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
        $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
    func apply(_ value: JSONValue, _ tokens: inout [String]) -> JSONValue? {
        guard !tokens.isEmpty else { return newValue }
        let token = tokens.removeFirst()
        var value = value
        switch value.storage {
        case .object(var members):
            if let index = members.firstIndex(where: { $0.key == token }) {
                if let replaced = apply(members[index].value, &tokens) {
                    members[index].value = replaced
                } else {
                    members.remove(at: index)
                }
            } else if let created = apply(JSONValue(.object([])), &tokens) {
                members.append(JSONMember(key: token, value: created))
            }
            value.storage = .object(members)
        case .array(var elements):
            if token == "-" {
                if let created = apply(JSONValue(.null), &tokens) { elements.append(created) }
            } else {
                let index = Int(token)!
                if let replaced = apply(elements[index], &tokens) {
                    elements[index] = replaced
                } else {
                    elements.remove(at: index)
                }
            }
            value.storage = .array(elements)
        default:
            fatalError("cannot descend into \(value.typeName) at \(token)")
        }
        return value
    }
    return apply(document, &tokens)!
}

/// Validates a document, returning problems (empty when valid).
func problems(_ document: JSONValue, today: Date = testToday) -> [ValidationProblem] {
    switch testValidator.validate(document, today: today) {
    case .success: return []
    case .failure(let failure): return failure.problems
    }
}

/// Validates a document that must be valid.
func valid(_ document: JSONValue, today: Date = testToday) throws -> Assessment {
    try testValidator.validate(document, today: today).get()
}

/// Fixture file names and their bytes.
func fixtures() throws -> [(name: String, bytes: [UInt8])] {
    let directory = repositoryRoot.appendingPathComponent("Config/fixtures")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
        $0.hasSuffix(".json")
    }.sorted()
    return try names.map { ($0, [UInt8](try Data(contentsOf: directory.appendingPathComponent($0)))) }
}

func number(_ value: Double) -> JSONValue {
    JSONValue(.number(JSONNumber(value: value, isIntegerLiteral: value == value.rounded())))
}
func string(_ text: String) -> JSONValue { JSONValue(.string(text)) }
