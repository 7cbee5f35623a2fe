/// The query of a request target as ordered, percent-decoded name/value pairs.
///
/// Decoded as `application/x-www-form-urlencoded`: `+` is a space, `%XX` a byte.
public struct QueryItems: Sendable, Sequence {
    public typealias Element = (name: String, value: String)

    public private(set) var items: [Element]

    public init(_ items: [(String, String)] = []) { self.items = items.map { (name: $0.0, value: $0.1) } }

    /// Parses the raw query (the part after `?`, without it).
    public init(parsing query: Substring) {
        items = []
        guard !query.isEmpty else { return }
        for pair in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let eq = pair.firstIndex(of: UInt8(ascii: "=")) {
                items.append(
                    (
                        name: PercentDecoding.decode(pair[..<eq], plusIsSpace: true),
                        value: PercentDecoding.decode(pair[pair.index(after: eq)...], plusIsSpace: true)
                    ))
            } else {
                items.append((name: PercentDecoding.decode(pair[...], plusIsSpace: true), value: ""))
            }
        }
    }

    public func makeIterator() -> IndexingIterator<[Element]> { items.makeIterator() }

    /// The first value of `name`, if present.
    public subscript(name: String) -> String? { items.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    public func values(for name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }

    /// Parameter names in order of first appearance, without repeats.
    public var names: [String] {
        var seen = Set<String>()
        return items.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }

    public var isEmpty: Bool { items.isEmpty }
}

/// Percent-decoding (RFC 3986 section 2.1) with invalid escapes kept literally.
enum PercentDecoding {
    static func decode(_ bytes: Substring.UTF8View.SubSequence, plusIsSpace: Bool) -> String {
        if !bytes.contains(UInt8(ascii: "%")) && !(plusIsSpace && bytes.contains(UInt8(ascii: "+"))) {
            return String(Substring(bytes))
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                let h = bytes.index(after: i)
                if h < bytes.endIndex, bytes.index(after: h) < bytes.endIndex,
                    let hi = hex(bytes[h]), let lo = hex(bytes[bytes.index(after: h)])
                {
                    out.append(hi << 4 | lo)
                    i = bytes.index(h, offsetBy: 2)
                    continue
                }
            }
            out.append(plusIsSpace && b == UInt8(ascii: "+") ? 0x20 : b)
            i = bytes.index(after: i)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}
