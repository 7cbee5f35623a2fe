import Assessments

/// The SDG 15.3.1 operations (`LDNResource`) and the schemas of their answers (`Formats/LDNJSON*`).
extension OpenAPI {
    static func ldnOperations(_ context: Context) -> [Operation] {
        let json = "application/json"
        let csv = "text/csv"
        let headers = [("ETag", true), ("Cache-Control", false), ("Content-Language", true), ("Vary", true)]
        let scope = "Needs country or region (regions of that country when both are given)."
        let special: [String: Parameter] = [
            "group_by": query(
                "group_by", "Groups (default region)", ["type": "string", "enum": ["region", "country"]]),
            "detail": query(
                "detail", "sites: each site's visits, sub-indicators and status", ["type": "string", "enum": ["sites"]]),
            "soc_methods": query(
                "soc_methods", "same (default): no SOC value when the two visits used different methods; any: keep it",
                ["type": "string", "enum": ["same", "any"]]),
            "format": query(
                "format", "json (default) or csv; else by Accept", ["type": "string", "enum": ["json", "csv"]]),
            "reporting": query(
                "reporting",
                "Reporting years YYYY-YYYY after the baseline (default 2016-2019); starting in the baseline's last year is the UNCCD notation for the next year",
                text("^\(year)-\(year)$")),
        ]
        return [
            Operation(
                method: "GET", path: "/v1/ldn",
                summary: "SDG 15.3.1 per region or country from the sites: land cover, productivity, SOC (GPG v2)",
                description: scope + " A point-sample estimate, not the area-based value.",
                query: LDNResource.parameters, special: special,
                answers: [
                    Answer(
                        status: 200,
                        description: "Status shares with 95% Wilson intervals, or the sites (detail=sites)",
                        content: [
                            (json, ["oneOf": [ref("LDN"), ref("LDNSites")]]),
                            (csv, lines("One row per region (or country), or per site with detail=sites")),
                        ], headers: headers),
                    problem(406, "Accept names neither JSON nor CSV"),
                ]),
            Operation(
                method: "GET", path: "/v1/ldn/transitions",
                summary: "Land-cover transitions of the reporting period per region (7x7 counts)", description: scope,
                query: LDNResource.transitionParameters, special: special,
                answers: [
                    Answer(
                        status: 200, description: "counts[from][to] in the order of classes",
                        content: [(json, ref("LDNTransitions"))], headers: headers)
                ]),
            Operation(
                method: "GET", path: "/v1/reports/so1-3",
                summary: "UNCCD SO1-3: mean SOC stock 0-30 cm per land-cover class and period", description: scope,
                query: LDNResource.reportParameters, special: special,
                answers: [
                    Answer(
                        status: 200, description: "Means with n and the 95% interval (Student's t)",
                        content: [
                            (json, ref("SOCStockReport")), (csv, lines("One row per land-cover class and period")),
                        ],
                        headers: headers),
                    problem(406, "Accept names neither JSON nor CSV"),
                ]),
        ]
    }

    /// Years 1900 to 2200.
    private static var year: String { "(?:19[0-9]{2}|2[01][0-9]{2}|2200)" }

    static var ldnSchemas: [String: Any] {
        let nullableNumber = nullable("number")
        let nullableClass: [String: Any] = [
            "anyOf": [["type": "string", "enum": ["degraded", "stable", "improved"]], ["type": "null"]]
        ]
        let share = object([
            "count": count, "share": nullableNumber, "ci95_lower": nullableNumber, "ci95_upper": nullableNumber,
        ])
        let shares = object(["n": count, "degraded": share, "stable": share, "improved": share])
        let triple = object(["land_cover": shares, "productivity": shares, "soc": shares])
        let visit = object(["id": ["type": "integer", "minimum": 1], "sampled_on": string])
        let visitOrNull: [String: Any] = ["anyOf": [visit, ["type": "null"]]]
        let orNull = { (schema: [String: Any]) -> [String: Any] in ["anyOf": [schema, ["type": "null"]]] }
        let period = object([
            "land_cover": orNull(
                object(["from": visit, "from_class": string, "to": visit, "to_class": string, "class": nullableClass])),
            "productivity": orNull(
                object([
                    "at": visit, "lpd_class": ["type": "integer", "minimum": 1, "maximum": 5], "class": nullableClass,
                ])),
            "soc": orNull(
                object([
                    "from": visit, "from_stock_t_ha": number, "from_method": nullable("string"), "to": visit,
                    "to_stock_t_ha": number, "to_method": nullable("string"), "change_pct": nullableNumber,
                    "method_changed": ["type": "boolean"], "class": nullableClass,
                ])),
            "combined": nullableClass,
        ])
        let header: [String: Any] = [
            "indicator": ["type": "string", "enum": ["sdg_15_3_1"]], "method": string, "caveat": string,
            "baseline": string, "reporting": string, "soc_methods": ["type": "string", "enum": ["same", "any"]],
            "matrix": object([
                "source": string, "classes": array(string),
                "default": array(array(["type": "string", "enum": ["-", "0", "+"]])),
                "country_overrides": [
                    "type": "object",
                    "additionalProperties": array(
                        object([
                            "from": string, "to": string, "class": ["type": "string", "enum": ["-", "0", "+"]],
                            "basis": string,
                        ])),
                ],
            ]),
        ]
        let group = merged(
            [
                "sites": object(["seen": count, "complete": count, "incomplete": count, "excluded": count]),
                "status": shares, "baseline": shares, "reporting_period": shares,
                "sub_indicators": object(["baseline": triple, "reporting": triple]),
                "status_classes": object(
                    Dictionary(uniqueKeysWithValues: LDNStatus.allCases.map { ($0.rawValue, count) })),
                "insufficient_data": ["type": "boolean"],
            ], names)
        let groupsBy = { (key: String) -> [String: Any] in array(object(merged([key: string], group))) }
        return [
            "LDN": object(
                merged(
                    header,
                    [
                        "group_by": ["type": "string", "enum": ["region", "country"]], "minimum_sites": count,
                        "regions": groupsBy("region"), "countries": groupsBy("country"),
                    ]),
                required: [
                    "indicator", "method", "caveat", "baseline", "reporting", "group_by", "minimum_sites", "matrix",
                ]),
            "LDNSites": object(
                merged(
                    header,
                    [
                        "sites": array(
                            object([
                                "country": string, "site": string, "region": string,
                                "visits": object([
                                    "baseline_first": visitOrNull, "baseline_last": visitOrNull,
                                    "reporting_last": visitOrNull,
                                ]),
                                "baseline": period, "reporting": period,
                                "status": ["type": "string", "enum": LDNStatus.allCases.map(\.rawValue)],
                                "overall": nullableClass,
                                "flags": array(string),
                            ]))
                    ])),
            "LDNTransitions": object(
                [
                    "baseline": string, "reporting": string, "description": string,
                    "classes": array(object(merged(["code": string], names))),
                    "group_by": ["type": "string", "enum": ["region", "country"]],
                    "regions": array(
                        object(merged(["region": string, "sites": count, "counts": array(array(count))], names))),
                    "countries": array(
                        object(merged(["country": string, "sites": count, "counts": array(array(count))], names))),
                ], required: ["baseline", "reporting", "description", "classes", "group_by"]),
            "SOCStockReport": object([
                "table": ["type": "string", "enum": ["SO1-3"]], "description": string, "caveat": string,
                "scope": array(string), "baseline": string, "reporting": string,
                "unit": ["type": "string", "enum": ["t/ha"]], "depth": string,
                "rows": array(
                    object(
                        merged(
                            [
                                "period": ["type": "string", "enum": ["baseline", "reporting"]], "land_cover": string,
                                "n": ["type": "integer", "minimum": 1], "mean": number, "sd": nullableNumber,
                                "ci95_lower": nullableNumber, "ci95_upper": nullableNumber,
                            ], names))),
            ]),
        ]
    }
}
