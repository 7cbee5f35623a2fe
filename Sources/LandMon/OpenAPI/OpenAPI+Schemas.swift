/// The schemas of the answers' bodies (`Formats/*JSON.swift` writes them), under `components/schemas`.
extension OpenAPI {
    static func components(_ context: Context) -> [String: Any] {
        var schemas = assessmentSchemas(context.catalog)
        schemas.merge(answerSchemas) { first, _ in first }
        schemas.merge(ldnSchemas) { first, _ in first }
        schemas.merge(ogcSchemas) { first, _ in first }
        schemas.merge(importSchemas()) { first, _ in first }
        return [
            "securitySchemes": [
                "bearer": [
                    "type": "http", "scheme": "bearer",
                    "description":
                        "An API key from `landmon keys create`, with a role: reader (reads), submitter (reads; writes of its own country) or admin.",
                ]
            ],
            "headers": headerComponents,
            "responses": responseComponents,
            "schemas": schemas,
        ]
    }

    static func object(_ properties: [String: Any], required: [String]? = nil, isClosed: Bool = true) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties]
        schema["required"] = required ?? properties.keys.sorted()
        if isClosed { schema["additionalProperties"] = false }
        return schema
    }

    static func array(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }
    /// The members of several property lists in one.
    static func merged(_ parts: [String: Any]...) -> [String: Any] {
        parts.reduce(into: [:]) { result, part in result.merge(part) { first, _ in first } }
    }
    static func nullable(_ type: String) -> [String: Any] { ["type": [type, "null"]] }
    static var string: [String: Any] { ["type": "string"] }
    static var number: [String: Any] { ["type": "number"] }
    static var count: [String: Any] { ["type": "integer", "minimum": 0] }
    static var names: [String: Any] { ["name": string, "name_ru": string] }

    static var answerSchemas: [String: Any] {
        let period: [String: Any] = [
            "from": nullable("string"), "to": nullable("string"), "depth_max": nullable("number"),
        ]
        let groupKeys: [String: Any] = [
            "country": string, "region": string, "land_cover": string, "year": ["type": "integer"],
        ]
        return [
            "Problem": object(
                [
                    "type": ["type": "string", "format": "uri-reference"], "title": string,
                    "status": ["type": "integer", "minimum": 400, "maximum": 599], "detail": string,
                    "request_id": string,
                    "errors": array(
                        object([
                            "path": [
                                "type": "string", "description": "JSON Pointer (RFC 6901) into the submitted document",
                            ],
                            "code": string, "message": string,
                        ])),
                    "parameter": ["type": "string", "description": "The query parameter or header at fault (400)"],
                    "offset": ["type": "integer", "minimum": 0, "description": "Byte offset of malformed JSON (400)"],
                    "existing_id": ["type": "integer", "description": "The assessment holding the reference (409)"],
                ], required: ["type", "title", "status"], isClosed: false),
            "Health": object([
                "status": ["type": "string", "enum": ["ok"]], "version": string, "schema_version": string,
                "assessments": count,
            ]),
            "Regions": object(["regions": array(object(merged(["code": string, "country": string], names)))]),
            "RegionFeature": object([
                "type": ["type": "string", "enum": ["Feature"]], "id": string,
                "geometry": [
                    "oneOf": [
                        ["type": "null"],
                        object([
                            "type": ["type": "string", "enum": ["MultiPolygon"]],
                            "coordinates": array(array(array(array(number)))),
                        ]),
                    ]
                ],
                "properties": object(merged(["code": string, "country": string], names)),
            ]),
            "IndicatorSummary": object([
                "indicator": string, "unit": string, "n": count, "mean": number, "min": number, "p10": number,
                "median": number, "p90": number, "max": number,
                "by_year": array(object(["year": ["type": "integer"], "n": count, "mean": number])),
            ]),
            "RegionSummary": object(
                merged(
                    ["region": string, "country": string, "indicators": array(ref("IndicatorSummary"))], names, period)),
            "GroupedStatistics": object(
                merged(
                    [
                        "group_by": ["type": "string", "enum": ["country", "region", "year", "land_cover"]],
                        "groups": array(
                            object(
                                merged(groupKeys, names, ["indicators": array(ref("IndicatorSummary"))]),
                                required: ["indicators"])),
                    ], period)),
            "Changes": object([
                "changes": array(
                    object([
                        "seq": ["type": "integer", "minimum": 1], "id": ["type": "integer", "minimum": 1],
                        "kind": ["type": "string", "enum": ["created", "revised", "retracted"]],
                        "at": ["type": "string", "format": "date-time"],
                    ])),
                "last_seq": count,
            ]),
            "History": object([
                "id": ["type": "integer", "minimum": 1],
                "revisions": array(
                    object([
                        "revision": ["type": "integer", "minimum": 1],
                        "action": ["type": "string", "enum": ["created", "revised", "retracted"]],
                        "at": ["type": "string", "format": "date-time"], "by": string, "reason": nullable("string"),
                        "document": ["anyOf": [ref("StoredAssessment"), ["type": "null"]]],
                    ])),
            ]),
            "BatchResult": object([
                "created": count, "unchanged": count, "ids": array(["type": "integer", "minimum": 1]),
            ]),
            "Page": object(
                ["items": array(ref("StoredAssessment")), "next": nullable("string"), "total": count],
                required: ["items", "next"]),
            "FeatureCollection": object(
                [
                    "type": ["type": "string", "enum": ["FeatureCollection"]],
                    "features": array(
                        object([
                            "type": ["type": "string", "enum": ["Feature"]], "id": ["type": "integer", "minimum": 1],
                            "geometry": object([
                                "type": ["type": "string", "enum": ["Point"]],
                                "coordinates": [
                                    "type": "array", "minItems": 2, "maxItems": 2, "items": number,
                                    "description": "[lon, lat]",
                                ],
                            ]),
                            "properties": ref("StoredAssessment"),
                        ])),
                    "next": nullable("string"), "total": count,
                ], required: ["type", "features", "next"]),
        ]
    }
}
