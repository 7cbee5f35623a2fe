import Store

/// The operation table: one entry per route of `Routes.swift`, its query parameters the
/// handler's own set, its answers those the handler can give (the ones every route of its kind
/// can give are added by `responses(of:)`).
extension OpenAPI {
    static func operations(_ context: Context) -> [Operation] {
        let json = "application/json"
        let cached = [("ETag", true), ("Cache-Control", false)]
        let localized = [("Content-Language", true), ("Vary", true)]
        let conflict = "The reference is stored with other content (existing_id), or the Idempotency-Key is in flight"
        let example = exampleSubmission(context.catalog)
        return [
            Operation(
                method: "GET", path: "/health", summary: "Liveness and counts", access: .open,
                query: ServiceResource.parameters,
                answers: [
                    Answer(status: 200, description: "Serving", content: [(json, ref("Health"))], headers: cached),
                    problem(
                        503, "The database is not usable, or too many connections", headers: [("Retry-After", true)]),
                ]),
            Operation(
                method: "GET", path: "/openapi.json", summary: "This description", access: .open,
                query: ServiceResource.parameters,
                answers: [
                    Answer(
                        status: 200, description: "OpenAPI 3.1", content: [(json, ["type": "object"])], headers: cached)
                ]),
            Operation(
                method: "GET", path: "/metrics", summary: "Prometheus metrics", access: .open,
                query: ServiceResource.parameters,
                answers: [
                    Answer(
                        status: 200, description: "Prometheus text exposition format 0.0.4",
                        content: [("text/plain", ["type": "string"])], headers: cached)
                ]),
            Operation(
                method: "GET", path: "/v1/schema",
                summary: "JSON Schema (2020-12) of the assessment document, with the catalogs under x-catalog",
                query: CatalogResource.schemaParameters,
                answers: [
                    Answer(
                        status: 200, description: "JSON Schema 2020-12",
                        content: [("application/schema+json", ["type": "object"])], headers: cached)
                ]),
            Operation(
                method: "GET", path: "/v1/regions", summary: "ISO 3166-2 regions of the member countries",
                query: CatalogResource.regionParameters,
                answers: [
                    Answer(status: 200, description: "Regions", content: [(json, ref("Regions"))], headers: cached)
                ]),
            Operation(
                method: "GET", path: "/v1/regions/{code}",
                summary: "The region's outline as a GeoJSON Feature, for maps",
                description:
                    "Simplified Natural Earth outline (Kazakhstan: its 2018 and 2022 regions from a newer source); geometry is null for a city drawn inside its province. A legacy Kazakh code answers its current region.",
                query: CatalogResource.outlineParameters,
                answers: [
                    Answer(
                        status: 200, description: "Feature with a MultiPolygon (or null) geometry",
                        content: [("application/geo+json", ref("RegionFeature"))], headers: cached),
                    problem(404, "No such region"),
                    problem(406, "Accept names neither application/geo+json nor application/json"),
                ]),
            Operation(
                method: "GET", path: "/v1/regions/{code}/summary", summary: "Per-indicator statistics of one region",
                query: StatisticsResource.summaryParameters, special: ["indicator": statisticsIndicators(context)],
                answers: [
                    Answer(
                        status: 200, description: "Statistics in canonical units",
                        content: [(json, ref("RegionSummary"))], headers: cached),
                    problem(404, "No such region"),
                ]),
            Operation(
                method: "GET", path: "/v1/stats", summary: "Statistics grouped by country, region, year or land cover",
                query: StatisticsResource.statsParameters, special: ["indicator": statisticsIndicators(context)],
                answers: [
                    Answer(
                        status: 200, description: "Statistics in canonical units",
                        content: [(json, ref("GroupedStatistics"))], headers: cached)
                ]),
            Operation(
                method: "GET", path: "/v1/changes", summary: "Change feed: long poll or Server-Sent Events",
                description: "With Accept: text/event-stream the feed is an event stream (id: seq).",
                query: ChangesResource.parameters,
                special: [
                    "limit": query(
                        "limit", "1 to 1000 (default 100)", ["type": "integer", "minimum": 1, "maximum": 1000])
                ],
                headers: [lastEventID],
                answers: [
                    Answer(
                        status: 200, description: "Changes after since, or an event stream",
                        content: [(json, ref("Changes")), ("text/event-stream", ["type": "string"])],
                        headers: [("ETag", false), ("Cache-Control", true)]),
                    problem(410, "since is older than the feed keeps: list again"),
                ]),
            Operation(
                method: "GET", path: "/v1/assessments", summary: "List and filter assessments",
                description: "Keyset-paged; with limit=all csv, ndjson and geojson stream the whole result.",
                query: ListParameters.names.union(BlockParameters.names(context.catalog)),
                answers: [
                    Answer(
                        status: 200, description: "A page, or a streamed export",
                        content: [
                            (json, ref("Page")), ("application/x-ndjson", lines("One stored assessment per line")),
                            ("text/csv", lines("A header row, then one row per measurement")),
                            (XLSXExport.contentType, ["type": "string", "contentMediaType": XLSXExport.contentType]),
                            ("application/geo+json", ref("FeatureCollection")),
                        ],
                        headers: cached + [("Vary", true), ("Link", false), ("X-Total-Count", false)]),
                    problem(406, "Accept names none of json, ndjson, csv, geojson"),
                ]),
            Operation(
                method: "POST", path: "/v1/assessments", summary: "Submit one assessment", access: .write,
                query: AssessmentResource.noParameters, headers: [idempotencyKey],
                body: ("An assessment document (SCHEMA.md; GET /v1/schema)", [(json, ref("Submission"))]),
                example: example,
                answers: [
                    Answer(
                        status: 201, description: "Stored", content: [(json, ref("StoredAssessment"))],
                        headers: [("Location", true), ("ETag", true), ("Idempotent-Replayed", false)],
                        links: assessmentLinks(id: "$response.body#/id", etag: "$response.header.ETag")),
                    Answer(
                        status: 200, description: "The identical document was stored before (safe retry)",
                        content: [(json, ref("StoredAssessment"))],
                        headers: [("ETag", true), ("Idempotent-Replayed", false)],
                        links: assessmentLinks(id: "$response.body#/id", etag: "$response.header.ETag")),
                    problem(409, conflict),
                    problem(422, "Every validation problem (errors), or an Idempotency-Key reused with another body"),
                ]),
            Operation(
                method: "POST", path: "/v1/assessments/batch",
                summary: "Submit up to \(context.maxBatchDocuments) assessments, all or nothing", access: .write,
                query: AssessmentResource.noParameters, headers: [idempotencyKey],
                body: (
                    "A JSON array of documents, or one document per line (NDJSON)",
                    [(json, batchSchema(context)), ("application/x-ndjson", batchSchema(context))]
                ),
                example: [example],
                answers: [
                    Answer(
                        status: 201, description: "Stored: created, unchanged and ids in input order",
                        content: [(json, ref("BatchResult"))], headers: [("Idempotent-Replayed", false)],
                        links: assessmentLinks(id: "$response.body#/ids/0", etag: nil)),
                    Answer(
                        status: 200, description: "Every document was stored before",
                        content: [(json, ref("BatchResult"))], headers: [("Idempotent-Replayed", false)],
                        links: assessmentLinks(id: "$response.body#/ids/0", etag: nil)),
                    problem(409, "The Idempotency-Key is in flight"),
                    problem(422, "Problems, paths prefixed by the document's index; nothing stored"),
                ]),
            Operation(
                method: "GET", path: "/v1/assessments/{id}", summary: "One assessment, current revision",
                query: AssessmentResource.noParameters,
                answers: [
                    Answer(
                        status: 200, description: "The stored assessment", content: [(json, ref("StoredAssessment"))],
                        headers: cached,
                        links: assessmentLinks(
                            id: "$request.path.id", etag: "$response.header.ETag", includingGet: false)),
                    problem(404, "No such assessment"), problem(410, "Retracted"),
                ]),
            Operation(
                method: "PUT", path: "/v1/assessments/{id}", summary: "Correct an assessment: a new revision",
                description:
                    "A full document; the server fields of the stored representation may come back as GET gave them.",
                access: .write, query: AssessmentResource.reasonParameters,
                special: [
                    "reason": query(
                        "reason", "Why (at most 500 characters; empty or only white space: no reason)",
                        ["type": "string", "maxLength": 500])
                ],
                headers: [
                    Parameter(
                        name: "If-Match", location: "header", description: ifMatch.description, schema: ifMatch.schema,
                        isRequired: true)
                ],
                body: (
                    "The corrected document, or the stored representation with changes",
                    [(json, ref("StoredAssessment"))]
                ),
                example: example,
                answers: [
                    Answer(
                        status: 200, description: "The new revision (or the current one, unchanged)",
                        content: [(json, ref("StoredAssessment"))], headers: [("ETag", true)],
                        links: assessmentLinks(id: "$request.path.id", etag: "$response.header.ETag")),
                    problem(404, "No such assessment"), problem(409, "The new reference is taken (existing_id)"),
                    problem(410, "Retracted"), problem(412, "If-Match names no current revision"),
                    problem(422, "Validation problems, or a changed identity (country, reference, id)"),
                    problem(428, "If-Match missing"),
                ]),
            Operation(
                method: "DELETE", path: "/v1/assessments/{id}", summary: "Retract an assessment (kept in history)",
                access: .write, query: AssessmentResource.reasonParameters,
                headers: [ifMatch],
                answers: [
                    Answer(status: 204, description: "Retracted"), problem(404, "No such assessment"),
                    problem(410, "Already retracted"), problem(412, "If-Match names no current revision"),
                ]),
            Operation(
                method: "GET", path: "/v1/assessments/{id}/history", summary: "Every revision with who, when and why",
                query: AssessmentResource.noParameters,
                answers: [
                    Answer(
                        status: 200, description: "Revisions, oldest first", content: [(json, ref("History"))],
                        headers: cached),
                    problem(404, "No such assessment"),
                ]),
        ] + ldnOperations(context) + ogcOperations(context) + importOperations(context)
    }

    /// `indicator` of the statistics: catalog codes, or the derived stock.
    static func statisticsIndicators(_ context: Context) -> Parameter {
        listOf(
            "indicator",
            "Comma list of indicator codes, their thickness-weighted 0-30 cm values (<code>_0_30), numeric block fields (pasture.forage_dm_kg_ha), or soc_stock_0_30 (default: all indicators and soc_stock_0_30)",
            codes: context.catalog.statisticsCodes + [StatisticsFilter.derivedStock])
    }

    /// The batch body: 1 to `max_batch_documents` documents.
    static func batchSchema(_ context: Context) -> [String: Any] {
        ["type": "array", "minItems": 1, "maxItems": context.maxBatchDocuments, "items": ref("Submission")]
    }

    /// A text body that no JSON Schema describes further.
    static func lines(_ description: String) -> [String: Any] { ["type": "string", "description": description] }
}
