import Assessments
import Messages

/// Renders the SOC sub-indicator answer as JSON, apart from the handler that computes it. The
/// method and the caveat are sentences for people, in the answer's language.
public struct LDNJSON {
    let catalog: Catalog
    let messages: MessageCatalog
    let language: Language

    public init(catalog: Catalog, messages: MessageCatalog, language: Language) {
        self.catalog = catalog
        self.messages = messages
        self.language = language
    }

    /// The whole answer: method, caveat, periods, and one entry per region in the given order.
    public func document(baseline: (Int, Int), reporting: (Int, Int), minimumSites: Int, regions: [(String, LDNShares)])
        -> [UInt8]
    {
        var out: [UInt8] = Array(#"{"indicator":"soc","method":"#.utf8)
        JSONWriter.appendString(messages.text("ldn.soc_method", in: language), to: &out)
        out.append(contentsOf: Array(#","caveat":"#.utf8))
        JSONWriter.appendString(messages.text("ldn.soc_caveat", in: language), to: &out)
        out.append(contentsOf: Array(#","baseline":"#.utf8))
        JSONWriter.appendString("\(baseline.0)-\(baseline.1)", to: &out)
        out.append(contentsOf: Array(#","reporting":"#.utf8))
        JSONWriter.appendString("\(reporting.0)-\(reporting.1)", to: &out)
        out.append(contentsOf: Array(#","minimum_eligible_sites":"#.utf8))
        JSONWriter.appendInteger(minimumSites, to: &out)
        out.append(contentsOf: Array(#","regions":["#.utf8))
        for (index, (code, shares)) in regions.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendRegion(code, shares, to: &out)
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }

    private func appendRegion(_ code: String, _ shares: LDNShares, to out: inout [UInt8]) {
        out.append(contentsOf: Array(#"{"region":"#.utf8))
        JSONWriter.appendString(code, to: &out)
        let region = catalog.regions[code]
        CatalogNames.append(region?.name ?? code, region?.nameRU ?? code, to: &out)
        out.append(contentsOf: Array(#","n_sites":"#.utf8))
        JSONWriter.appendInteger(shares.nSites, to: &out)
        out.append(contentsOf: Array(#","n_eligible":"#.utf8))
        JSONWriter.appendInteger(shares.nEligible, to: &out)
        for (key, share) in [("degraded", shares.degraded), ("stable", shares.stable), ("improved", shares.improved)] {
            out.append(UInt8(ascii: ","))
            JSONWriter.appendKey(key, to: &out)
            guard let share else {
                JSONWriter.appendNull(to: &out)
                continue
            }
            out.append(contentsOf: Array(#"{"count":"#.utf8))
            JSONWriter.appendInteger(share.count, to: &out)
            for (name, value) in [("share", share.share), ("ci95_lower", share.lower), ("ci95_upper", share.upper)] {
                out.append(UInt8(ascii: ","))
                JSONWriter.appendKey(name, to: &out)
                JSONWriter.appendNumber(value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: Array(#","insufficient_data":"#.utf8))
        JSONWriter.appendBool(shares.insufficientData, to: &out)
        out.append(UInt8(ascii: "}"))
    }

}
