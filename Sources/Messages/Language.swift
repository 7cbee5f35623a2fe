/// A language every human-facing text exists in. English is the default and the fallback.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case en, ru

    /// How a decimal fraction is written in running text: `0.84` in English, `0,84` in Russian.
    public var decimalSeparator: String { self == .ru ? "," : "." }

    /// The language of `?lang=` when given, else the best of `Accept-Language` (RFC 9110 section
    /// 12.5.4: q-values, `ru-RU` matches `ru`, `*` matches the default), else English. Never fails:
    /// a client that asks only for languages we lack gets English, not `406`.
    public static func negotiate(query: String?, acceptLanguage: String?) -> Language {
        if let query, let language = Language(rawValue: query.lowercased()) { return language }
        guard let header = acceptLanguage, !header.isEmpty else { return .en }
        var best: (language: Language, quality: Double, position: Int)?
        for (position, item) in header.split(separator: ",").enumerated() {
            let fields = item.split(separator: ";")
            guard let range = fields.first else { continue }
            let tag = range.trimmingCharacters(in: " \t").lowercased()
            var quality = 1.0
            for parameter in fields.dropFirst() {
                let text = parameter.trimmingCharacters(in: " \t").lowercased()
                if text.hasPrefix("q=") { quality = Double(text.dropFirst(2)) ?? 0 }
            }
            guard quality > 0 else { continue }
            let primary = tag.split(separator: "-", maxSplits: 1).first.map(String.init) ?? tag
            let language: Language? = primary == "*" ? .en : Language(rawValue: primary)
            guard let language else { continue }
            if best == nil || quality > best!.quality { best = (language, quality, position) }
        }
        return best?.language ?? .en
    }
}

extension Substring {
    /// The text without leading and trailing characters of `set` (ASCII only; no Foundation).
    fileprivate func trimmingCharacters(in set: String) -> String {
        let drop = Set(set.unicodeScalars)
        var scalars = Substring.UnicodeScalarView(unicodeScalars)
        while let first = scalars.first, drop.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, drop.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
