import Assessments

extension LDNJSON {
    /// The columns of `summaryCSV`: the group, its site counts, then for the status, the baseline
    /// and the reporting period the number of sites with a value and each class's count, share
    /// and Wilson interval.
    public static func summaryColumns(byCountry: Bool) -> [String] {
        var columns = [byCountry ? "country" : "region", "name", "seen", "complete", "incomplete", "excluded"]
        for block in ["status", "baseline", "reporting_period"] {
            columns.append(block + "_n")
            for value in LDNClass.allCases {
                columns += ["", "_share", "_ci95_lower", "_ci95_upper"].map { block + "_" + value.name + $0 }
            }
        }
        return columns + ["insufficient_data"]
    }

    /// `/v1/ldn?format=csv`: one row per group, names in the answer's language.
    public func summaryCSV(byCountry: Bool, groups: [(code: String, summary: LDNSummary)]) -> [UInt8] {
        var out = CSVBuilder(header: Self.summaryColumns(byCountry: byCountry))
        for (code, summary) in groups {
            out.field(code)
            if byCountry {
                let entry = catalog.countries.first { $0.code == code }
                out.field(language == .ru ? entry?.nameRU : entry?.name)
            } else {
                out.field(language == .ru ? catalog.regions[code]?.nameRU : catalog.regions[code]?.name)
            }
            for count in [summary.seen, summary.complete, summary.incomplete, summary.excluded] { out.field(count) }
            for shares in [summary.status, summary.baseline, summary.reportingPeriod] {
                out.field(shares.n)
                for value in LDNClass.allCases {
                    let share = shares[value]
                    out.field(share.count)
                    out.field(shares.n == 0 ? nil : share.share)
                    out.field(shares.n == 0 ? nil : share.lower)
                    out.field(shares.n == 0 ? nil : share.upper)
                }
            }
            out.field(summary.insufficientData ? "true" : "false")
            out.endRow()
        }
        return out.bytes
    }
}
