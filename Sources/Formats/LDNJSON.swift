import Assessments
import Messages

/// Renders SDG 15.3.1 answers (`/v1/ldn` and its detail, transitions, the SO1-3 table) apart
/// from the handlers that compute them. Sentences for people are in the answer's language.
public struct LDNJSON {
    let catalog: Catalog
    let messages: MessageCatalog
    let language: Language

    public init(catalog: Catalog, messages: MessageCatalog, language: Language) {
        self.catalog = catalog
        self.messages = messages
        self.language = language
    }

    /// What every LDN answer starts with: the indicator, its method and caveat, the periods.
    func header(_ out: inout JSONBuilder, periods: LDNPeriods, soc anyMethod: Bool) {
        out.string("indicator", "sdg_15_3_1")
        out.string("method", messages.text("ldn.method", in: language))
        out.string("caveat", messages.text("ldn.caveat", in: language))
        out.string("baseline", "\(periods.baseline.lowerBound)-\(periods.baseline.upperBound)")
        out.string("reporting", "\(periods.reporting.lowerBound)-\(periods.reporting.upperBound)")
        out.string("soc_methods", anyMethod ? "any" : "same")
    }

    /// The matrix used: the default and the overrides of `countries`.
    func matrix(_ out: inout JSONBuilder, countries: [String]) {
        let matrix = catalog.landCoverMatrix
        out.object("matrix")
        out.string("source", matrix.source)
        out.array("classes")
        for code in matrix.classes { out.string(nil, code) }
        out.endArray()
        out.array("default")
        for row in matrix.cells {
            out.array()
            for cell in row { out.string(nil, cell.symbol) }
            out.endArray()
        }
        out.endArray()
        out.object("country_overrides")
        for country in countries {
            guard let changes = matrix.overrides[country], !changes.isEmpty else { continue }
            out.array(country)
            for change in changes {
                out.object()
                out.string("from", change.from)
                out.string("to", change.to)
                out.string("class", change.value.symbol)
                out.string("basis", change.basis)
                out.endObject()
            }
            out.endArray()
        }
        out.endObject()
        out.endObject()
    }

    /// `/v1/ldn`: one entry per group (region or country) in the given order.
    public func summary(
        periods: LDNPeriods, anySOCMethod: Bool, minimumSites: Int, byCountry: Bool, countries: [String],
        groups: [(code: String, summary: LDNSummary)]
    ) -> [UInt8] {
        var out = JSONBuilder(capacity: 2048 + groups.count * 2048)
        out.object()
        header(&out, periods: periods, soc: anySOCMethod)
        out.string("group_by", byCountry ? "country" : "region")
        out.integer("minimum_sites", minimumSites)
        matrix(&out, countries: countries)
        out.array(byCountry ? "countries" : "regions")
        for (code, summary) in groups {
            out.object()
            if byCountry {
                out.string("country", code)
                let entry = catalog.countries.first { $0.code == code }
                out.names(entry?.name ?? code, entry?.nameRU ?? code)
            } else {
                out.string("region", code)
                let region = catalog.regions[code]
                out.names(region?.name ?? code, region?.nameRU ?? code)
            }
            group(&out, summary)
            out.endObject()
        }
        out.endArray()
        out.endObject()
        return out.bytes
    }

    private func group(_ out: inout JSONBuilder, _ summary: LDNSummary) {
        out.object("sites")
        out.integer("seen", summary.seen)
        out.integer("complete", summary.complete)
        out.integer("incomplete", summary.incomplete)
        out.integer("excluded", summary.excluded)
        out.endObject()
        shares(&out, "status", summary.status)
        shares(&out, "baseline", summary.baseline)
        shares(&out, "reporting_period", summary.reportingPeriod)
        out.object("sub_indicators")
        for period in ["baseline", "reporting"] {
            out.object(period)
            for entry in summary.subIndicators where entry.period == period {
                shares(&out, entry.indicator, entry.shares)
            }
            out.endObject()
        }
        out.endObject()
        out.object("status_classes")
        for (status, count) in summary.statusClasses { out.integer(status.rawValue, count) }
        out.endObject()
        out.bool("insufficient_data", summary.insufficientData)
    }

    private func shares(_ out: inout JSONBuilder, _ key: String, _ shares: LDNShares) {
        out.object(key)
        out.integer("n", shares.n)
        for value in LDNClass.allCases {
            let share = shares[value]
            out.object(value.name)
            out.integer("count", share.count)
            if shares.n == 0 {
                out.null("share")
                out.null("ci95_lower")
                out.null("ci95_upper")
            } else {
                out.number("share", share.share)
                out.number("ci95_lower", share.lower)
                out.number("ci95_upper", share.upper)
            }
            out.endObject()
        }
        out.endObject()
    }
}
