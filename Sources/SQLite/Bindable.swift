/// A Swift value that can be bound to a statement parameter; values are always bound, never
/// spliced into SQL text.
public protocol Bindable {
    /// The SQLite value this binds as.
    var databaseValue: Value { get }
}

extension Value: Bindable {
    /// The value itself.
    public var databaseValue: Value { self }
}

extension Int: Bindable {
    /// An `integer`.
    public var databaseValue: Value { .integer(Int64(self)) }
}

extension Int64: Bindable {
    /// An `integer`.
    public var databaseValue: Value { .integer(self) }
}

extension Int32: Bindable {
    /// An `integer`.
    public var databaseValue: Value { .integer(Int64(self)) }
}

extension Double: Bindable {
    /// A `real`.
    public var databaseValue: Value { .real(self) }
}

extension String: Bindable {
    /// A `text`.
    public var databaseValue: Value { .text(self) }
}

extension Substring: Bindable {
    /// A `text`.
    public var databaseValue: Value { .text(String(self)) }
}

extension Array: Bindable where Element == UInt8 {
    /// A `blob`.
    public var databaseValue: Value { .blob(self) }
}

extension Bool: Bindable {
    /// `1` or `0`, SQLite's booleans.
    public var databaseValue: Value { .integer(self ? 1 : 0) }
}

extension Optional: Bindable where Wrapped: Bindable {
    /// NULL for `nil`, else the wrapped value.
    public var databaseValue: Value { self?.databaseValue ?? .null }
}
