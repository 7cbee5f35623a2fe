/// One parsed JSON value with the byte offset where it starts in the source.
///
/// Objects keep their members in source order (keys are unique: the parser refuses repeats),
/// so that validation can report unknown fields in the order they were written.
public struct JSONValue: Sendable, Equatable {
    /// The value itself.
    public enum Storage: Sendable, Equatable {
        case null
        case bool(Bool)
        case number(JSONNumber)
        case string(String)
        case array([JSONValue])
        case object([JSONMember])
    }

    /// Byte offset of the value's first byte in the parsed input.
    public var offset: Int
    /// The value.
    public var storage: Storage

    /// Makes a value; `offset` is where it stood in the input (0 for values built in code).
    public init(_ storage: Storage, offset: Int = 0) {
        self.storage = storage
        self.offset = offset
    }

    /// The members when this is an object.
    public var objectMembers: [JSONMember]? {
        if case .object(let members) = storage { return members }
        return nil
    }

    /// The elements when this is an array.
    public var arrayElements: [JSONValue]? {
        if case .array(let elements) = storage { return elements }
        return nil
    }

    /// The string when this is a string.
    public var stringValue: String? {
        if case .string(let text) = storage { return text }
        return nil
    }

    /// The number when this is a number.
    public var numberValue: JSONNumber? {
        if case .number(let number) = storage { return number }
        return nil
    }

    /// The member named `key` when this is an object (linear: objects here are small).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = storage else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// A short name of the value's JSON type, for messages ("string", "number", ...).
    public var typeName: String {
        switch storage {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// One `"key": value` pair of an object, with the offset of the key.
public struct JSONMember: Sendable, Equatable {
    /// The decoded key.
    public var key: String
    /// Byte offset of the key's opening quote.
    public var keyOffset: Int
    /// The member's value.
    public var value: JSONValue

    /// Makes a member.
    public init(key: String, keyOffset: Int = 0, value: JSONValue) {
        self.key = key
        self.keyOffset = keyOffset
        self.value = value
    }
}

/// A JSON number: its value as a Double, and whether it was written as an integer literal.
public struct JSONNumber: Sendable, Equatable {
    /// The value, rounded to the nearest Double (infinite if the literal overflows).
    public var value: Double
    /// True when the literal had no fraction and no exponent (`12`, not `12.0` or `1.2e1`).
    public var isIntegerLiteral: Bool

    /// Makes a number.
    public init(value: Double, isIntegerLiteral: Bool) {
        self.value = value
        self.isIntegerLiteral = isIntegerLiteral
    }
}
