// libFuzzer target for the strict JSON parser (built by run.sh with -sanitize=fuzzer,address).
// Beyond "never crash": whatever parses must survive writer -> parser -> equal tree, and the
// pretty printer's output must parse to the same tree too.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parser = JSONParser(limits: .init(maxDepth: 64, maxStringBytes: 4096))
    guard let value = try? parser.parse(bytes) else { return 0 }
    guard isFinite(value) else { return 0 }
    var written: [UInt8] = []
    JSONWriter.appendValue(value, to: &written)
    guard let again = try? parser.parse(written) else { fatalError("writer output does not parse") }
    guard sameTree(value, again) else { fatalError("round trip changed the value") }
    guard let pretty = try? parser.parse(JSONWriter.prettyPrinted(written)), sameTree(value, pretty) else {
        fatalError("pretty printing changed the value")
    }
    return 0
}

/// Non-finite numbers (overflowing literals) are written as null by design.
private func isFinite(_ value: JSONValue) -> Bool {
    switch value.storage {
    case .number(let number): return number.value.isFinite
    case .array(let elements): return elements.allSatisfy(isFinite)
    case .object(let members): return members.allSatisfy { isFinite($0.value) }
    default: return true
    }
}

/// Structural equality ignoring offsets and how a number was spelled.
private func sameTree(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a.storage, b.storage) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x.value == y.value
    case (.string(let x), .string(let y)): return Array(x.utf8) == Array(y.utf8)
    case (.array(let x), .array(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { sameTree($0, $1) }
    case (.object(let x), .object(let y)):
        return x.count == y.count
            && zip(x, y).allSatisfy {
                Array($0.key.utf8) == Array($1.key.utf8) && sameTree($0.value, $1.value)
            }
    default: return false
    }
}
