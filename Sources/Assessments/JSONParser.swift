/// A strict RFC 8259 JSON parser: bytes in, a `JSONValue` tree with offsets or a `JSONError` out.
///
/// Strict where Foundation is lenient, because two readers of one body must never disagree:
/// a key repeated within one object, invalid UTF-8, lone surrogates, leading zeros and trailing
/// data are all refused. Depth and string length are bounded so hostile input cannot exhaust
/// the stack or memory. Depends on the standard library only (it is fuzzed on its own).
public struct JSONParser: Sendable {
    /// Limits enforced while parsing.
    public struct Limits: Sendable {
        /// Deepest nesting of arrays and objects.
        public var maxDepth: Int
        /// Longest string (key or value) in decoded UTF-8 bytes.
        public var maxStringBytes: Int

        /// Makes limits; the defaults suit one assessment document.
        public init(maxDepth: Int = 64, maxStringBytes: Int = 65_536) {
            self.maxDepth = maxDepth
            self.maxStringBytes = maxStringBytes
        }
    }

    /// The limits in force.
    public var limits: Limits

    /// Makes a parser with the given limits.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Parses one JSON text that fills `bytes` entirely (surrounding whitespace allowed).
    public func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        try parse(bytes[...])
    }

    /// Parses one JSON text filling `bytes`; offsets are relative to `bytes.startIndex`.
    public func parse(_ bytes: ArraySlice<UInt8>) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer, limits: limits)
            do throws(JSONError) {
                return .success(try reader.readDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
