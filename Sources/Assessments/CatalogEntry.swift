/// Reads one object of a catalog file, turning every missing, mistyped or unknown key into a
/// `CatalogError` that names the file and entry.
struct CatalogEntry {
    let file: String
    var entry: String
    private let members: [JSONMember]
    private var used: Set<String> = []

    init(_ value: JSONValue, file: String, entry: String) throws(CatalogError) {
        guard let members = value.objectMembers else {
            throw CatalogError(
                file: file, entry: entry, reason: "expected an object, found \(value.typeName)")
        }
        self.file = file
        self.entry = entry
        self.members = members
    }

    func fail(_ reason: String) -> CatalogError {
        CatalogError(file: file, entry: entry, reason: reason)
    }

    /// The raw value under `key`, marking the key as known.
    mutating func value(_ key: String) -> JSONValue? {
        used.insert(key)
        return members.first { $0.key == key }?.value
    }

    mutating func string(_ key: String) throws(CatalogError) -> String {
        guard let found = value(key) else { throw fail("\(key) is missing") }
        guard let text = found.stringValue, !text.isEmpty else {
            throw fail("\(key) must be a non-empty string")
        }
        return text
    }

    mutating func optionalString(_ key: String) throws(CatalogError) -> String? {
        guard let found = value(key) else { return nil }
        guard let text = found.stringValue else { throw fail("\(key) must be a string") }
        return text
    }

    mutating func number(_ key: String) throws(CatalogError) -> Double {
        guard let found = value(key) else { throw fail("\(key) is missing") }
        guard let number = found.numberValue?.value, number.isFinite else {
            throw fail("\(key) must be a finite number")
        }
        return number
    }

    mutating func bool(_ key: String) throws(CatalogError) -> Bool {
        guard let found = value(key) else { throw fail("\(key) is missing") }
        guard case .bool(let flag) = found.storage else { throw fail("\(key) must be true or false") }
        return flag
    }

    mutating func stringArray(_ key: String) throws(CatalogError) -> [String] {
        guard let found = value(key) else { throw fail("\(key) is missing") }
        guard let elements = found.arrayElements else { throw fail("\(key) must be an array of strings") }
        var result: [String] = []
        for element in elements {
            guard let text = element.stringValue, !text.isEmpty else {
                throw fail("\(key) must hold non-empty strings")
            }
            guard !result.contains(text) else { throw fail("\(key) lists \"\(text)\" twice") }
            result.append(text)
        }
        return result
    }

    mutating func object(_ key: String) throws(CatalogError) -> [JSONMember] {
        guard let found = value(key) else { throw fail("\(key) is missing") }
        guard let members = found.objectMembers else { throw fail("\(key) must be an object") }
        return members
    }

    /// Refuses keys nobody asked for: a typo in a catalog must not silently drop a setting.
    func finish() throws(CatalogError) {
        for member in members where !used.contains(member.key) {
            throw fail("unknown key \"\(member.key)\"")
        }
    }
}
