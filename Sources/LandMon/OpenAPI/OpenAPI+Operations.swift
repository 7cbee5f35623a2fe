extension OpenAPI {
    private static func query(_ name: String, _ type: String, _ description: String, values: [String]? = nil)
        -> Parameter
    {
        Parameter(name: name, location: "query", type: type, description: description, values: values)
    }

    private static let pretty = query("pretty", "string", "Indent the JSON for humans")
    private static let id = Parameter(name: "id", location: "path", type: "integer", description: "Assessment id")
    private static let json = ["application/json"]
    private static func listFilters(countries: [String]) -> [Parameter] {
        [
            query(
                "country", "string", "ISO 3166-1 alpha-2 code of a member country",
                values: countries),
            query("region", "string", "Comma list of ISO 3166-2 region codes (legacy Kazakh codes accepted)"),
            query("site", "string", "Monitoring site id"),
            query("reference", "string", "The agency's reference"),
            query("indicator", "string", "Has a measurement of this indicator (comma list: any of them)"),
            query("land_cover", "string", "Land-cover class"),
            query("from", "string", "sampled_on on or after this date (YYYY-MM-DD)"),
            query("to", "string", "sampled_on on or before this date (YYYY-MM-DD)"),
            query("bbox", "string", "minLon,minLat,maxLon,maxLat (minLon > maxLon crosses the antimeridian)"),
            query("depth_max", "number", "Layers starting above this depth (cm)"),
            query("updated_since", "string", "Created, revised or retracted at or after this RFC 3339 time"),
            query("qa_flag", "string", "Carries this QA flag"),
            query("sort", "string", "Order", values: ["sampled_on", "-sampled_on", "submitted_at", "-submitted_at"]),
            query("limit", "string", "1 to 1000 (default 100), or all for a streamed csv, ndjson or geojson export"),
            query("cursor", "string", "Opaque cursor from the previous page's next"),
            query("count", "boolean", "Add the total number of matches"),
            query("format", "string", "Output format (else by Accept)", values: ["json", "ndjson", "csv", "geojson"]),
            pretty,
        ]
    }

    private static let statisticsFilters: [Parameter] = [
        query("indicator", "string", "Comma list of indicator codes, or soc_stock_0_30 (default: all)"),
        query("from", "string", "First sampling date (YYYY-MM-DD)"),
        query("to", "string", "Last sampling date (YYYY-MM-DD)"),
        query("depth_max", "number", "Only layers starting above this depth (cm)"),
        pretty,
    ]

    /// Every operation; `country` parameters list the catalog's member countries.
    static func operations(countries: [String]) -> [Operation] {
        [
            Operation(
                method: "GET", path: "/health", summary: "Liveness and counts", access: "open",
                responses: [(200, "Serving", json), (503, "Database not usable", ["application/problem+json"])]),
            Operation(
                method: "GET", path: "/openapi.json", summary: "This description", access: "open",
                responses: [(200, "OpenAPI 3.1", json)]),
            Operation(
                method: "GET", path: "/metrics", summary: "Prometheus metrics", access: "open",
                responses: [(200, "Prometheus text format", ["text/plain"])]),
            Operation(
                method: "GET", path: "/v1/schema", summary: "JSON Schema of the assessment document and the catalogs",
                parameters: [pretty],
                responses: [(200, "JSON Schema 2020-12", ["application/schema+json"]), (304, "Not modified", [])]),
            Operation(
                method: "GET", path: "/v1/regions", summary: "ISO 3166-2 regions of the member countries",
                parameters: [
                    query("country", "string", "Only this country's", values: countries), pretty,
                ],
                responses: [(200, "Regions", json), (304, "Not modified", [])]),
            Operation(
                method: "GET", path: "/v1/regions/{code}/summary", summary: "Per-indicator statistics of one region",
                parameters: [
                    Parameter(name: "code", location: "path", type: "string", description: "ISO 3166-2 region code")
                ]
                    + statisticsFilters,
                responses: [
                    (200, "Statistics", json), (304, "Not modified", []),
                    (404, "No such region", ["application/problem+json"]),
                ]),
            Operation(
                method: "GET", path: "/v1/stats", summary: "Statistics grouped by country, region, year or land cover",
                parameters: statisticsFilters + [
                    query(
                        "group_by", "string", "Grouping (default region)",
                        values: ["country", "region", "year", "land_cover"]),
                    query("country", "string", "Only this country", values: countries),
                    query("region", "string", "Comma list of regions"),
                ], responses: [(200, "Statistics", json), (304, "Not modified", [])]),
            Operation(
                method: "GET", path: "/v1/ldn",
                summary: "SOC sub-indicator of SDG 15.3.1 per region (point-sample estimate)",
                parameters: [
                    query("country", "string", "Country", values: countries),
                    query("region", "string", "Comma list of regions"),
                    query("baseline", "string", "Baseline years YYYY-YYYY (default 2000-2015)"),
                    query("reporting", "string", "Reporting years YYYY-YYYY (default 2016-2019)"), pretty,
                ], responses: [(200, "Shares with 95% Wilson intervals", json), (304, "Not modified", [])]),
            Operation(
                method: "GET", path: "/v1/changes", summary: "Change feed: long poll or Server-Sent Events",
                parameters: [
                    query("since", "integer", "Changes after this seq (default 0)"),
                    query("limit", "integer", "1 to 1000 (default 100)"),
                    query("wait", "integer", "Hold up to this many seconds (at most 60) for a change"), pretty,
                    Parameter(
                        name: "Last-Event-ID", location: "header", type: "string", description: "Resume an event stream"
                    ),
                ],
                responses: [
                    (200, "Changes, or an event stream", json + ["text/event-stream"]), (304, "Not modified", []),
                    (410, "since is older than the feed keeps", ["application/problem+json"]),
                ]),
            Operation(
                method: "GET", path: "/v1/assessments", summary: "List and filter assessments",
                parameters: listFilters(countries: countries),
                responses: [
                    (
                        200, "A page, or a streamed export",
                        json + ["application/x-ndjson", "text/csv", "application/geo+json"]
                    ),
                    (304, "Not modified", []),
                ]),
            Operation(
                method: "POST", path: "/v1/assessments", summary: "Submit one assessment", access: "write",
                parameters: [
                    Parameter(
                        name: "Idempotency-Key", location: "header", type: "string", description: "Replay-safe retries")
                ],
                requestBody: json,
                responses: [
                    (201, "Stored", json), (200, "The identical document was already stored", json),
                    (
                        409, "The reference exists with other content, or the Idempotency-Key is in flight",
                        ["application/problem+json"]
                    ),
                    (413, "Body too large", ["application/problem+json"]),
                    (415, "Not JSON", ["application/problem+json"]),
                    (422, "Every validation problem", ["application/problem+json"]),
                    (507, "Storage full", ["application/problem+json"]),
                ]),
            Operation(
                method: "POST", path: "/v1/assessments/batch",
                summary: "Submit up to 10,000 assessments, all or nothing",
                access: "write",
                parameters: [
                    Parameter(
                        name: "Idempotency-Key", location: "header", type: "string", description: "Replay-safe retries")
                ],
                requestBody: json + ["application/x-ndjson"],
                responses: [
                    (201, "Stored: created, unchanged and ids in input order", json), (200, "Nothing new", json),
                    (409, "Idempotency-Key in flight", ["application/problem+json"]),
                    (413, "Body too large", ["application/problem+json"]),
                    (415, "Not JSON or NDJSON", ["application/problem+json"]),
                    (
                        422, "Problems, paths prefixed by the document's index; nothing stored",
                        ["application/problem+json"]
                    ),
                    (507, "Storage full", ["application/problem+json"]),
                ]),
            Operation(
                method: "GET", path: "/v1/assessments/{id}", summary: "One assessment, current revision",
                parameters: [id, pretty],
                responses: [
                    (200, "The stored assessment", json), (304, "Not modified", []),
                    (404, "No such assessment", ["application/problem+json"]),
                    (410, "Retracted", ["application/problem+json"]),
                ]),
            Operation(
                method: "PUT", path: "/v1/assessments/{id}", summary: "Correct an assessment: a new revision",
                access: "write",
                parameters: [
                    id, query("reason", "string", "Why"),
                    Parameter(
                        name: "If-Match", location: "header", type: "string", description: "The current ETag",
                        isRequired: true),
                ], requestBody: json,
                responses: [
                    (200, "The new revision", json), (404, "No such assessment", ["application/problem+json"]),
                    (409, "Reference taken", ["application/problem+json"]),
                    (410, "Retracted", ["application/problem+json"]),
                    (412, "Stale If-Match", ["application/problem+json"]),
                    (415, "Not JSON", ["application/problem+json"]),
                    (422, "Validation problems", ["application/problem+json"]),
                    (428, "If-Match missing", ["application/problem+json"]),
                    (507, "Storage full", ["application/problem+json"]),
                ]),
            Operation(
                method: "DELETE", path: "/v1/assessments/{id}", summary: "Retract an assessment (kept in history)",
                access: "write",
                parameters: [
                    id,
                    Parameter(name: "reason", location: "query", type: "string", description: "Why", isRequired: true),
                ],
                responses: [
                    (204, "Retracted", []), (404, "No such assessment", ["application/problem+json"]),
                    (410, "Already retracted", ["application/problem+json"]),
                    (412, "Stale If-Match", ["application/problem+json"]),
                    (507, "Storage full", ["application/problem+json"]),
                ]),
            Operation(
                method: "GET", path: "/v1/assessments/{id}/history", summary: "Every revision with who, when and why",
                parameters: [id, pretty],
                responses: [
                    (200, "Revisions, oldest first", json), (304, "Not modified", []),
                    (404, "No such assessment", ["application/problem+json"]),
                ]),
        ]
    }
}
