import Assessments
import Formats
import Store

/// The parameters, with the constraints the server's checks (`Parameters/QueryValues.swift`,
/// `ListParameters+Parsing.swift`, the resources) enforce, and enumerations from the catalog.
extension OpenAPI {
    static func query(_ name: String, _ description: String, _ schema: [String: Any], isRequired: Bool = false)
        -> Parameter
    {
        Parameter(name: name, location: "query", description: description, schema: schema, isRequired: isRequired)
    }

    /// A comma-separated list of 1 to 200 codes of `codes`.
    static func listOf(_ name: String, _ description: String, codes: [String]) -> Parameter {
        var parameter = query(
            name, description,
            ["type": "array", "minItems": 1, "maxItems": 200, "items": ["type": "string", "enum": codes]])
        parameter.isList = true
        return parameter
    }

    /// A string of exactly the form `pattern` describes.
    static func text(_ pattern: String, minLength: Int? = nil, maxLength: Int? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": "string", "pattern": pattern]
        if let minLength { schema["minLength"] = minLength }
        if let maxLength { schema["maxLength"] = maxLength }
        return schema
    }

    /// A number as JSON writes it, without exponent, within -limit...limit (bbox degrees).
    private static func degrees(_ limit: Int) -> String {
        limit == 180
            ? "-?(?:180(?:\\.0+)?|(?:1[0-7][0-9]|[1-9]?[0-9])(?:\\.[0-9]+)?)"
            : "-?(?:90(?:\\.0+)?|[1-8]?[0-9](?:\\.[0-9]+)?)"
    }

    /// Years 1900 to 2200, as LDN periods take them.
    private static let year = "(?:19[0-9]{2}|2[01][0-9]{2}|2200)"

    /// Every query parameter by name, as most operations take it; `Operation.special` overrides.
    static func queryParameters(_ context: Context) -> [String: Parameter] {
        let catalog = context.catalog
        let flags: [String: Any] = ["type": "string", "enum": ["true", "false", "1", "0"]]
        var pretty = query(
            "pretty", "Indent JSON answers for humans (?pretty alone, true or 1; false or 0 do not)",
            ["type": "string", "enum": ["", "true", "false", "1", "0"]])
        pretty.allowsEmpty = true
        let date = text(SchemaPatterns.calendarDate)
        let period = text("^\(year)-\(year)$")
        let lon = degrees(180)
        let lat = degrees(90)
        let parameters = [
            pretty,
            query(
                "lang", "Language of texts in the answer (problem details, messages); else Accept-Language, else en",
                ["type": "string", "enum": ["en", "ru"]]),
            query(
                "country", "ISO 3166-1 alpha-2 code of a member country", ["type": "string", "enum": context.countries]),
            listOf(
                "region", "Comma list of ISO 3166-2 region codes (Kazakhstan's pre-2022 letter codes accepted)",
                codes: context.regionCodes),
            query("site", "Monitoring site id", text(SchemaPatterns.identifier, minLength: 1, maxLength: 64)),
            query("reference", "The agency's reference", text(SchemaPatterns.identifier, minLength: 1, maxLength: 64)),
            listOf(
                "indicator", "Has a measurement of one of these indicators (comma list)", codes: catalog.indicatorCodes),
            query(
                "land_cover", "UNCCD / IPCC land-cover class",
                ["type": "string", "enum": catalog.landCovers.map(\.code)]),
            query("from", "sampled_on on or after this date (YYYY-MM-DD); not after to", date),
            query("to", "sampled_on on or before this date (YYYY-MM-DD)", date),
            query(
                "bbox",
                "minLon,minLat,maxLon,maxLat in decimal degrees, minLat <= maxLat (minLon > maxLon crosses the antimeridian)",
                text("^\(lon),\(lat),\(lon),\(lat)$")),
            query(
                "depth_max", "Only layers starting above this depth (cm)",
                ["type": "number", "exclusiveMinimum": 0, "maximum": 1000]),
            query(
                "updated_since", "Created, revised or retracted at or after this RFC 3339 time (or date, midnight UTC)",
                ["anyOf": [["type": "string", "format": "date-time"], text(SchemaPatterns.calendarDate)]]),
            query("qa_flag", "Carries this QA flag, e.g. out_of_typical_range", text("^[a-z_]+$", minLength: 1)),
            query(
                "sort", "Order (default -sampled_on)",
                ["type": "string", "enum": AssessmentFilter.Sort.allCases.map(\.rawValue)]),
            query(
                "limit", "Page size 1 to 1000 (default 100), or all for a streamed csv, ndjson or geojson export",
                text("^(?:all|[1-9][0-9]{0,2}|1000)$")),
            query(
                "cursor", "Opaque cursor from the previous page's next (of the same query)",
                text("^[A-Za-z0-9_-]{1,256}$")),
            query("count", "Add the total number of matches (total, X-Total-Count)", flags),
            query(
                "format",
                "Output format (else by Accept); with limit=all only csv, ndjson, geojson and xlsx (a workbook: measurements, assessments)",
                ["type": "string", "enum": OutputFormat.allCases.map(\.rawValue) + ["xlsx"]]),
            query(
                "dialect",
                "excel: CSV for a spreadsheet (UTF-8 with BOM, ; between fields, decimal commas when the language is ru); with format=csv only",
                ["type": "string", "enum": ["excel", "rfc4180"]]),
            query(
                "group_by", "Grouping (default region)",
                ["type": "string", "enum": StatisticsFilter.Grouping.allCases.map(\.rawValue)]),
            query("baseline", "Baseline years YYYY-YYYY, 1900 to 2200, start <= end (default 2000-2015)", period),
            query("reporting", "Reporting years YYYY-YYYY, after the baseline (default 2016-2019)", period),
            query(
                "since", "Changes after this seq (default 0)",
                ["type": "integer", "format": "int64", "minimum": 0, "maximum": Int64.max]),
            query(
                "wait", "Hold up to this many seconds for a change (long poll)",
                ["type": "integer", "minimum": 0, "maximum": 60]),
            query(
                "reason", "Why it is retracted (at most 500 characters, not only white space)", reasonSchema,
                isRequired: true),
        ]
        return Dictionary(uniqueKeysWithValues: (parameters + blockParameters(catalog)).map { ($0.name, $0) })
    }

    /// The filters on the thematic blocks (`BlockParameters`), with the catalog's codes and bounds.
    static func blockParameters(_ catalog: Catalog) -> [Parameter] {
        BlockParameters.all(catalog).map { entry in
            let field = entry.field
            var schema: [String: Any]
            switch field.kind {
            case .code: schema = ["type": "string", "enum": field.codes.map(\.code)]
            case .boolean: schema = ["type": "string", "enum": ["true", "false", "1", "0"]]
            case .integer: schema = ["type": "integer", "minimum": field.min ?? 0, "maximum": field.max ?? 0]
            case .number: schema = ["type": "number", "minimum": field.min ?? 0, "maximum": field.max ?? 0]
            case .date: schema = text(SchemaPatterns.calendarDate)
            }
            let unit = field.unit.map { " (\($0))" } ?? ""
            let description: String
            switch entry.comparison {
            case .equal: description = "\(entry.block.name): \(field.name)\(unit) equals this"
            case .atLeast: description = "\(entry.block.name): \(field.name)\(unit) at least this"
            case .atMost: description = "\(entry.block.name): \(field.name)\(unit) at most this"
            }
            return query(entry.name, description, schema)
        }
    }

    static var reasonSchema: [String: Any] { ["type": "string", "minLength": 1, "maxLength": 500, "pattern": "\\S"] }

    /// Path parameters by name.
    static func pathParameters(_ context: Context) -> [String: Parameter] {
        [
            "id": Parameter(
                name: "id", location: "path", description: "Assessment id",
                schema: ["type": "integer", "format": "int64", "minimum": 1, "maximum": Int64.max]),
            "code": Parameter(
                name: "code", location: "path",
                description: "ISO 3166-2 region code (Kazakhstan's pre-2022 letter codes accepted)",
                schema: ["type": "string", "enum": context.regionCodes]),
            "collectionId": Parameter(
                name: "collectionId", location: "path", description: "assessments, sites or measurements",
                schema: ["type": "string", "enum": OGCCollection.allCases.map(\.rawValue)]),
            "featureId": Parameter(
                name: "featureId", location: "path",
                description:
                    "An assessment's id (assessments), country:site (sites), or assessment.indicator.top_cm (measurements)",
                schema: text(
                    "^(?:[1-9][0-9]{0,18}|[A-Z]{2}:[A-Za-z0-9._:-]{1,64}|[1-9][0-9]{0,18}\\.[a-z0-9_]{1,32}\\.[0-9]{1,4}(?:\\.[0-9]{1,6})?)$"
                )),
        ]
    }

    static func header(_ name: String, _ description: String, _ schema: [String: Any] = ["type": "string"]) -> Parameter
    {
        Parameter(name: name, location: "header", description: description, schema: schema)
    }

    static var acceptLanguage: Parameter {
        header(
            "Accept-Language", "Languages by q-value (en, ru; ru-RU counts as ru); never 406: else English")
    }
    static var ifNoneMatch: Parameter {
        header("If-None-Match", "ETags of a representation the client holds: 304 when one matches")
    }
    static var ifMatch: Parameter {
        header("If-Match", "The current ETag of the assessment (strong comparison): 412 when stale")
    }
    static var idempotencyKey: Parameter {
        header(
            "Idempotency-Key",
            "Replays the first answer to the same key and body for 24 h; another body is 422, one in flight 409",
            text("^(?:[!#-~]{1,255}|\"[!#-~]{1,255}\")$"))
    }
    static var lastEventID: Parameter { header("Last-Event-ID", "Resume an event stream after this seq") }
}
