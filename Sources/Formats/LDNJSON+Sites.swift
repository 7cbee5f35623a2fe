import Assessments

extension LDNJSON {
    /// `/v1/ldn?detail=sites`: each site's visits, sub-indicators per period, combined values and
    /// status, so that every number of the summary can be traced.
    public func sites(periods: LDNPeriods, anySOCMethod: Bool, countries: [String], sites: [LDNSite]) -> [UInt8] {
        var out = JSONBuilder(capacity: 4096 + sites.count * 900)
        out.object()
        header(&out, periods: periods, soc: anySOCMethod)
        matrix(&out, countries: countries)
        out.array("sites")
        for site in sites {
            out.object()
            out.string("country", site.country)
            out.string("site", site.siteID)
            out.string("region", site.region)
            out.object("visits")
            visit(&out, "baseline_first", site.baselineFirst)
            visit(&out, "baseline_last", site.baselineLast)
            visit(&out, "reporting_last", site.reportingLast)
            out.endObject()
            period(&out, "baseline", site.baseline)
            period(&out, "reporting", site.reporting)
            out.string("status", site.status.rawValue)
            out.string("overall", site.status.overall?.name)
            out.array("flags")
            for flag in site.flags { out.string(nil, flag) }
            out.endArray()
            out.endObject()
        }
        out.endArray()
        out.endObject()
        return out.bytes
    }

    private func visit(_ out: inout JSONBuilder, _ key: String, _ visit: LDNVisitRef?) {
        guard let visit else { return out.null(key) }
        out.object(key)
        out.integer("id", visit.id)
        out.string("sampled_on", visit.on)
        out.endObject()
    }

    private func period(_ out: inout JSONBuilder, _ key: String, _ period: LDNPeriodResult) {
        out.object(key)
        if let cover = period.landCover {
            out.object("land_cover")
            visit(&out, "from", cover.from)
            out.string("from_class", cover.fromClass)
            visit(&out, "to", cover.to)
            out.string("to_class", cover.toClass)
            out.string("class", cover.value?.name)
            out.endObject()
        } else {
            out.null("land_cover")
        }
        if let productivity = period.productivity {
            out.object("productivity")
            visit(&out, "at", productivity.at)
            out.integer("lpd_class", productivity.lpdClass)
            out.string("class", productivity.value?.name)
            out.endObject()
        } else {
            out.null("productivity")
        }
        if let soc = period.soc {
            out.object("soc")
            visit(&out, "from", soc.from)
            out.number("from_stock_t_ha", soc.fromStock)
            out.string("from_method", soc.fromMethod)
            visit(&out, "to", soc.to)
            out.number("to_stock_t_ha", soc.toStock)
            out.string("to_method", soc.toMethod)
            out.number("change_pct", soc.changePercent.map { ($0 * 100).rounded() / 100 })
            out.bool("method_changed", soc.methodChanged)
            out.string("class", soc.value?.name)
            out.endObject()
        } else {
            out.null("soc")
        }
        out.string("combined", period.combined?.name)
        out.endObject()
    }

    /// `,"ldn_status":"recent_degradation","ldn":"degraded"` (nulls without a status), to end
    /// another object's members.
    public static func siteMembers(_ status: LDNStatus?) -> [UInt8] {
        var out: [UInt8] = Array(#","ldn_status":"#.utf8)
        if let status { JSONWriter.appendString(status.rawValue, to: &out) } else { JSONWriter.appendNull(to: &out) }
        out.append(contentsOf: Array(#","ldn":"#.utf8))
        if let overall = status?.overall {
            JSONWriter.appendString(overall.name, to: &out)
        } else {
            JSONWriter.appendNull(to: &out)
        }
        return out
    }

    /// The columns of `sitesCSV`, one row per site.
    public static let siteColumns: [String] = {
        var columns = ["country", "site", "region", "baseline_first", "baseline_last", "reporting_last"]
        for period in ["baseline", "reporting"] {
            columns += [
                "lc_from", "lc_to", "lc_class", "lpd_on", "lpd_class", "lpd_value", "soc_from_on", "soc_from_t_ha",
                "soc_from_method", "soc_to_on", "soc_to_t_ha", "soc_to_method", "soc_change_pct", "soc_class",
                "combined",
            ].map { period + "_" + $0 }
        }
        return columns + ["status", "overall", "flags"]
    }()

    /// `/v1/ldn?detail=sites&format=csv`.
    public static func sitesCSV(_ sites: [LDNSite]) -> [UInt8] {
        var out = CSVBuilder(header: siteColumns)
        for site in sites {
            out.field(site.country)
            out.field(site.siteID)
            out.field(site.region)
            for visit in [site.baselineFirst, site.baselineLast, site.reportingLast] { out.field(visit?.on) }
            for period in [site.baseline, site.reporting] {
                out.field(period.landCover?.fromClass)
                out.field(period.landCover?.toClass)
                out.field(period.landCover?.value?.name)
                out.field(period.productivity?.at.on)
                out.field(period.productivity?.lpdClass)
                out.field(period.productivity?.value?.name)
                out.field(period.soc?.from.on)
                out.field(period.soc?.fromStock)
                out.field(period.soc?.fromMethod)
                out.field(period.soc?.to.on)
                out.field(period.soc?.toStock)
                out.field(period.soc?.toMethod)
                out.field(period.soc?.changePercent.map { ($0 * 100).rounded() / 100 })
                out.field(period.soc?.value?.name)
                out.field(period.combined?.name)
            }
            out.field(site.status.rawValue)
            out.field(site.status.overall?.name)
            out.field(site.flags.joined(separator: " "))
            out.endRow()
        }
        return out.bytes
    }
}
