import Foundation

/// Every human-facing text in every language, loaded from `Config/messages/<language>.json` at
/// start and checked there: a key missing in one language, or a placeholder that one language has
/// and another lacks, stops the start with an error naming the file and the key.
public struct MessageCatalog: Sendable {
    /// Texts by language, then by dotted key.
    private let texts: [Language: [String: String]]

    /// Builds a catalog from texts already in memory (checked like files).
    public init(texts: [Language: [String: String]]) throws(MessageCatalogError) {
        try MessageCatalog.check(texts)
        self.texts = texts
    }

    /// Reads `en.json` and `ru.json` from `directory`. Nested objects give dotted keys:
    /// `{"validation": {"required": "..."}}` holds `validation.required`.
    public static func load(from directory: URL) throws(MessageCatalogError) -> MessageCatalog {
        var texts: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let file = directory.appendingPathComponent(language.rawValue + ".json")
            let name = "\(directory.lastPathComponent)/\(language.rawValue).json"
            guard let data = try? Data(contentsOf: file) else {
                throw MessageCatalogError(file: name, key: nil, reason: "cannot be read")
            }
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw MessageCatalogError(file: name, key: nil, reason: "is not a JSON object")
            }
            var flat: [String: String] = [:]
            try flatten(object, prefix: "", into: &flat, file: name)
            texts[language] = flat
        }
        return try MessageCatalog(texts: texts)
    }

    /// The text of `message` in `language`, placeholders filled. A key the catalog lacks (a bug
    /// the tests look for) shows as the key itself rather than failing the answer.
    public func text(_ message: Message, in language: Language) -> String {
        text(message.key, message.arguments, in: language)
    }

    /// The text of `key` with `arguments` in `language`. Arguments are localized on the way in:
    /// one named `unit` or ending in `_unit` is looked up as `unit.<value>` (`g/kg` reads `г/кг` in
    /// Russian), and a decimal number is written with the language's decimal separator (`0,84`).
    public func text(_ key: String, _ arguments: [String: String] = [:], in language: Language) -> String {
        guard let template = texts[language]?[key] ?? texts[.en]?[key] else { return key }
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var localized = arguments
        for (name, value) in arguments {
            if name == "unit" || name.hasSuffix("_unit") {
                if let unit = texts[language]?["unit." + value] { localized[name] = unit }
            } else if language.decimalSeparator != ".", !MessageCatalog.quotesInput(name),
                MessageCatalog.isDecimal(value)
            {
                localized[name] = value.replacingOccurrences(of: ".", with: language.decimalSeparator)
            }
        }
        return MessageCatalog.fill(template, localized)
    }

    /// Arguments that quote what a client sent, shown exactly as sent (no decimal comma).
    static func quotesInput(_ name: String) -> Bool {
        ["text", "given", "key", "reference", "id", "method", "character"].contains(name)
    }

    /// `-12.5`, `0.84`, `1.2e-5`: a number as JSON writes it, with a fraction.
    static func isDecimal(_ value: String) -> Bool {
        guard value.contains("."), Double(value) != nil else { return false }
        return value.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2e || $0 == 0x2d || $0 == 0x65 }
    }

    /// Whether the catalog has `key` (in every language: the load checked that).
    public func contains(_ key: String) -> Bool { texts[.en]?[key] != nil }

    /// The placeholder names of `key` (the same in every language).
    public func placeholders(of key: String) -> Set<String> {
        texts[.en]?[key].map(MessageCatalog.placeholders) ?? []
    }

    /// Every key.
    public var keys: [String] { texts[.en].map { $0.keys.sorted() } ?? [] }

    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        var out = ""
        out.reserveCapacity(template.utf8.count + 16)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = arguments[name] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    static func placeholders(_ template: String) -> Set<String> {
        var names: Set<String> = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    private static func flatten(
        _ object: [String: Any], prefix: String, into flat: inout [String: String], file: String
    ) throws(MessageCatalogError) {
        for (key, value) in object {
            let full = prefix.isEmpty ? key : prefix + "." + key
            if let text = value as? String {
                guard !text.isEmpty else { throw MessageCatalogError(file: file, key: full, reason: "is empty") }
                flat[full] = text
            } else if let nested = value as? [String: Any] {
                try flatten(nested, prefix: full, into: &flat, file: file)
            } else {
                throw MessageCatalogError(file: file, key: full, reason: "must be a string or an object of strings")
            }
        }
    }

    private static func check(_ texts: [Language: [String: String]]) throws(MessageCatalogError) {
        let english = texts[.en] ?? [:]
        if english.isEmpty { throw MessageCatalogError(file: "en.json", key: nil, reason: "holds no messages") }
        for language in Language.allCases where language != .en {
            let file = language.rawValue + ".json"
            let other = texts[language] ?? [:]
            for key in english.keys.sorted() {
                guard let text = other[key] else {
                    throw MessageCatalogError(file: file, key: key, reason: "is missing (en.json has it)")
                }
                let expected = placeholders(english[key]!)
                let found = placeholders(text)
                if expected != found {
                    throw MessageCatalogError(
                        file: file, key: key,
                        reason:
                            "has placeholders {\(found.sorted().joined(separator: "}, {"))} where en.json has {\(expected.sorted().joined(separator: "}, {"))}"
                    )
                }
            }
            for key in other.keys.sorted() where english[key] == nil {
                throw MessageCatalogError(file: "en.json", key: key, reason: "is missing (\(file) has it)")
            }
        }
    }
}

/// A message catalog that cannot be used: which file, which key, what is wrong.
public struct MessageCatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let key: String?
    public let reason: String

    public var description: String {
        "message catalog: \(file): " + (key.map { "\"\($0)\" " } ?? "") + reason
    }
}
