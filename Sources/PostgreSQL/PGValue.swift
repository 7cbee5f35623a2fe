/// A value bound to a statement parameter: text in PostgreSQL's input syntax, or bytes sent in
/// binary format (`bytea`). Values are always bound, never spliced into SQL text.
public enum PGValue: Sendable, Equatable {
    case null
    case text(String)
    case bytes([UInt8])
}

/// A Swift value that binds as a parameter.
public protocol PGBindable {
    var pgValue: PGValue { get }
}

extension PGValue: PGBindable {
    public var pgValue: PGValue { self }
}

extension String: PGBindable {
    public var pgValue: PGValue { .text(self) }
}

extension Int: PGBindable {
    public var pgValue: PGValue { .text(String(self)) }
}

extension Int64: PGBindable {
    public var pgValue: PGValue { .text(String(self)) }
}

extension Double: PGBindable {
    /// Swift's shortest representation that reads back as the same double, so a value stored in
    /// a `double precision` column is the value given, to the last bit.
    public var pgValue: PGValue {
        if isNaN { return .text("NaN") }
        if isInfinite { return .text(self > 0 ? "Infinity" : "-Infinity") }
        return .text("\(self)")
    }
}

extension Array: PGBindable where Element == UInt8 {
    public var pgValue: PGValue { .bytes(self) }
}

extension Bool: PGBindable {
    public var pgValue: PGValue { .text(self ? "true" : "false") }
}

extension Optional: PGBindable where Wrapped: PGBindable {
    public var pgValue: PGValue { self?.pgValue ?? .null }
}
