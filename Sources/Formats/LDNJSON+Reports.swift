import Assessments

extension LDNJSON {
    /// `/v1/ldn/transitions`: per group, the 7x7 counts of land-cover transitions of the reporting
    /// period (`l_B -> l_R`), rows from, columns to, in the matrix's class order.
    public func transitions(
        periods: LDNPeriods, byCountry: Bool, groups: [(code: String, transitions: LDNTransitions)]
    ) -> [UInt8] {
        var out = JSONBuilder(capacity: 1024 + groups.count * 512)
        out.object()
        out.string("baseline", "\(periods.baseline.lowerBound)-\(periods.baseline.upperBound)")
        out.string("reporting", "\(periods.reporting.lowerBound)-\(periods.reporting.upperBound)")
        out.string("description", messages.text("ldn.transitions", in: language))
        out.array("classes")
        for code in catalog.landCoverMatrix.classes {
            out.object()
            out.string("code", code)
            let entry = catalog.landCovers.first { $0.code == code }
            out.names(entry?.name ?? code, entry?.nameRU ?? code)
            out.endObject()
        }
        out.endArray()
        out.string("group_by", byCountry ? "country" : "region")
        out.array(byCountry ? "countries" : "regions")
        for (code, transitions) in groups {
            out.object()
            out.string(byCountry ? "country" : "region", code)
            if byCountry {
                let entry = catalog.countries.first { $0.code == code }
                out.names(entry?.name ?? code, entry?.nameRU ?? code)
            } else {
                out.names(catalog.regions[code]?.name ?? code, catalog.regions[code]?.nameRU ?? code)
            }
            out.integer("sites", transitions.sites)
            out.array("counts")
            for row in transitions.counts {
                out.array()
                for count in row { out.integer(nil, count) }
                out.endArray()
            }
            out.endArray()
            out.endObject()
        }
        out.endArray()
        out.endObject()
        return out.bytes
    }

    /// `/v1/reports/so1-3`: mean SOC stock 0-30 cm per land-cover class and period.
    public func socStockReport(periods: LDNPeriods, scope: [String], report: SOCStockReport) -> [UInt8] {
        var out = JSONBuilder(capacity: 1024 + report.rows.count * 256)
        out.object()
        out.string("table", "SO1-3")
        out.string("description", messages.text("ldn.so1_3", in: language))
        out.string("caveat", messages.text("ldn.caveat", in: language))
        out.array("scope")
        for code in scope { out.string(nil, code) }
        out.endArray()
        out.string("baseline", "\(periods.baseline.lowerBound)-\(periods.baseline.upperBound)")
        out.string("reporting", "\(periods.reporting.lowerBound)-\(periods.reporting.upperBound)")
        out.string("unit", "t/ha")
        out.string("depth", "0-30 cm")
        out.array("rows")
        for row in report.rows {
            out.object()
            out.string("period", row.period)
            out.string("land_cover", row.landCover)
            let entry = catalog.landCovers.first { $0.code == row.landCover }
            out.names(entry?.name ?? row.landCover, entry?.nameRU ?? row.landCover)
            out.integer("n", row.n)
            out.number("mean", Self.rounded(row.mean))
            out.number("sd", row.standardDeviation.map(Self.rounded))
            out.number("ci95_lower", row.lower.map(Self.rounded))
            out.number("ci95_upper", row.upper.map(Self.rounded))
            out.endObject()
        }
        out.endArray()
        out.endObject()
        return out.bytes
    }

    /// The SO1-3 table as CSV, one row per land-cover class and period.
    public func socStockReportCSV(_ report: SOCStockReport) -> [UInt8] {
        var out = CSVBuilder(header: [
            "period", "land_cover", "land_cover_name", "n", "mean_t_ha", "sd_t_ha", "ci95_lower_t_ha",
            "ci95_upper_t_ha",
        ])
        for row in report.rows {
            out.field(row.period)
            out.field(row.landCover)
            let entry = catalog.landCovers.first { $0.code == row.landCover }
            out.field(language == .ru ? entry?.nameRU : entry?.name)
            out.field(row.n)
            out.field(Self.rounded(row.mean))
            out.field(row.standardDeviation.map(Self.rounded))
            out.field(row.lower.map(Self.rounded))
            out.field(row.upper.map(Self.rounded))
            out.endRow()
        }
        return out.bytes
    }

    /// Stocks to three decimals (kg/ha), as they are stored.
    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
