import Messages

/// A correction sent as the stored representation: a client may `GET` an assessment, change a
/// value and `PUT` the whole thing back. The read-only members the server added are accepted and
/// dropped when they match the stored record (a different one is `inconsistent`), and a
/// measurement kept with its original value and unit goes back to that form, so that what the
/// client did not touch is stored as it was.
public enum StoredFields {
    /// Top-level members the server writes.
    public static let serverMembers = [
        "id", "revision", "status", "submitted_at", "submitted_by", "updated_at", "schema_version", "derived",
        "qa_flags",
    ]

    /// `body` without the server's members, checked against `stored` (the current representation).
    public static func submission(from body: JSONValue, stored: JSONValue, catalog: Catalog) -> (
        JSONValue, [ValidationProblem]
    ) {
        guard let members = body.objectMembers else { return (body, []) }
        var problems: [ValidationProblem] = []
        var kept: [JSONMember] = []
        for member in members {
            guard serverMembers.contains(member.key) else {
                kept.append(
                    member.key == "layers" ? JSONMember(key: member.key, value: layers(member.value, catalog)) : member)
                continue
            }
            if let current = stored[member.key], sameContent(member.value, current) { continue }
            let shown = current(stored[member.key])
            problems.append(
                ValidationProblem(
                    path: "/" + member.key, code: .inconsistent,
                    message: Message("validation.read_only_differs", ["field": member.key, "stored": shown])))
        }
        return (JSONValue(.object(regionRestored(kept, stored: stored)), offset: body.offset), problems)
    }

    /// A stored `original_region` (a legacy code the position could not resolve) goes back to
    /// being the region while the client left the region as stored; else it is dropped.
    private static func regionRestored(_ members: [JSONMember], stored: JSONValue) -> [JSONMember] {
        guard let original = members.first(where: { $0.key == "original_region" }) else { return members }
        let unchanged =
            members.first(where: { $0.key == "region" }).map { member in
                stored["region"].map { sameContent(member.value, $0) } ?? false
            } ?? false
        return members.compactMap { member in
            switch member.key {
            case "original_region": return nil
            case "region" where unchanged: return JSONMember(key: "region", value: original.value)
            default: return member
            }
        }
    }

    /// The stored value as a short text for a message.
    private static func current(_ value: JSONValue?) -> String {
        guard let value else { return "-" }
        var out: [UInt8] = []
        JSONWriter.appendValue(value, to: &out)
        let text = String(decoding: out, as: UTF8.self)
        return text.count > 64 ? String(text.prefix(64)) + "..." : text
    }

    /// Layers whose measurements carrying `original_value` and `original_unit` go back to them when
    /// they still convert to the measurement's value; else the originals are dropped (the client
    /// changed the value, given in the canonical unit).
    private static func layers(_ value: JSONValue, _ catalog: Catalog) -> JSONValue {
        guard let layers = value.arrayElements else { return value }
        return JSONValue(
            .array(
                layers.map { layer in
                    guard let members = layer.objectMembers else { return layer }
                    return JSONValue(
                        .object(
                            members.map { member in
                                guard member.key == "measurements", let list = member.value.arrayElements else {
                                    return member
                                }
                                return JSONMember(
                                    key: member.key,
                                    value: JSONValue(
                                        .array(list.map { measurement($0, catalog) }), offset: member.value.offset))
                            }), offset: layer.offset)
                }), offset: value.offset)
    }

    private static func measurement(_ value: JSONValue, _ catalog: Catalog) -> JSONValue {
        guard let members = value.objectMembers,
            members.contains(where: { $0.key == "original_value" || $0.key == "original_unit" })
        else { return value }
        let originalValue = value["original_value"]?.numberValue?.value
        let originalUnit = value["original_unit"]?.stringValue
        var restores = false
        if let originalValue, let originalUnit, let code = value["indicator"]?.stringValue,
            let indicator = catalog.indicators[code], let factor = indicator.otherUnits[originalUnit],
            let current = value["value"]?.numberValue?.value,
            value["unit"]?.stringValue.map({ $0 == indicator.unit }) ?? true
        {
            restores = roundSignificant(originalValue * factor) == current
        }
        var kept: [JSONMember] = []
        for member in members where member.key != "original_value" && member.key != "original_unit" {
            switch member.key {
            case "value" where restores: kept.append(JSONMember(key: "value", value: value["original_value"]!))
            case "unit" where restores: continue
            case "uncertainty" where restores:
                // Stored in the canonical unit like the value: back to the original unit with it.
                if let number = member.value.numberValue?.value, let factor = restoredFactor(value, catalog) {
                    let original = roundSignificant(number / factor)
                    kept.append(
                        JSONMember(
                            key: member.key,
                            value: JSONValue(.number(JSONNumber(value: original, isIntegerLiteral: false)))))
                } else {
                    kept.append(member)
                }
            default: kept.append(member)
            }
        }
        if restores { kept.append(JSONMember(key: "unit", value: JSONValue(.string(originalUnit!)))) }
        return JSONValue(.object(kept), offset: value.offset)
    }

    /// The factor from the measurement's original unit to the canonical one.
    private static func restoredFactor(_ value: JSONValue, _ catalog: Catalog) -> Double? {
        guard let code = value["indicator"]?.stringValue, let unit = value["original_unit"]?.stringValue else {
            return nil
        }
        return catalog.indicators[code]?.otherUnits[unit]
    }

    /// Equal JSON, wherever each value stood in its text and in whatever order an object's members come.
    static func sameContent(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a.storage, b.storage) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x.value == y.value
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { sameContent($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count
                && x.allSatisfy { member in y.contains { $0.key == member.key && sameContent($0.value, member.value) } }
        default: return false
        }
    }
}
