import Foundation

/// The OpenAPI 3.1 description of the API, assembled once from the operation table in
/// `OpenAPI+Operations.swift`. A test checks that it and the router name the same routes.
enum OpenAPI {
    /// One parameter of an operation.
    struct Parameter {
        let name: String
        let location: String
        let type: String
        let description: String
        var isRequired = false
        var values: [String]? = nil
    }

    /// One operation: method, path template, what it answers.
    struct Operation {
        let method: String
        let path: String
        let summary: String
        var access = "read"
        var parameters: [Parameter] = []
        var requestBody: [String]? = nil
        /// status -> (description, media types)
        let responses: [(Int, String, [String])]
    }

    /// Every operation takes `lang`: the language of texts in the answer (else `Accept-Language`).
    static let language = Parameter(
        name: "lang", location: "query", type: "string",
        description: "Language of human-readable texts (problem details, messages); else Accept-Language, else en",
        values: ["en", "ru"])

    /// The document, with the member countries of the catalog.
    static func document(countries: [String]) -> [UInt8] {
        var paths: [String: [String: Any]] = [:]
        for operation in operations(countries: countries) {
            var entry: [String: Any] = [
                "summary": operation.summary,
                "operationId": operationID(operation),
                "parameters": (operation.parameters + [language]).map(parameterObject),
                "responses": responsesObject(operation),
            ]
            switch operation.access {
            case "open": entry["security"] = [[String: Any]]()
            case "write": entry["security"] = [["bearer": ["submitter", "admin"]]]
            default: break
            }
            if let types = operation.requestBody {
                entry["requestBody"] = [
                    "required": true,
                    "content": Dictionary(
                        uniqueKeysWithValues: types.map {
                            ($0, ["schema": ["$ref": "#/components/schemas/Submission"]])
                        }),
                ]
            }
            paths[operation.path, default: [:]][operation.method.lowercased()] = entry
        }
        let root: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "landmon",
                "version": Application.version,
                "summary": "Regional land-monitoring database of the UNCCD Central Asia-Russia group",
                "description":
                    "Soil-condition assessments of Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Turkmenistan and Uzbekistan in one standardized store. The assessment document is described by GET /v1/schema.",
            ],
            "paths": paths,
            "security": [["bearer": []]],
            "components": components,
        ]
        // Built from string, number, bool, array and dictionary literals only, which always serialize.
        let data = try! JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
        return [UInt8](data)
    }

    /// Method and path of every documented operation, for the router test.
    static var routes: [(method: String, path: String)] { operations(countries: []).map { ($0.method, $0.path) } }

    private static func operationID(_ operation: Operation) -> String {
        let words = operation.path.split(whereSeparator: { "/{}.".contains($0) }).map(String.init)
        return operation.method.lowercased() + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func parameterObject(_ parameter: Parameter) -> [String: Any] {
        var schema: [String: Any] = ["type": parameter.type]
        if let values = parameter.values { schema["enum"] = values }
        return [
            "name": parameter.name, "in": parameter.location,
            "required": parameter.isRequired || parameter.location == "path",
            "description": parameter.description, "schema": schema,
        ]
    }

    private static func responsesObject(_ operation: Operation) -> [String: Any] {
        var responses: [String: Any] = [:]
        for (status, description, types) in operation.responses {
            var entry: [String: Any] = ["description": description]
            if !types.isEmpty {
                // A problem answer names its schema; other media types are described by their summary.
                entry["content"] = Dictionary(
                    uniqueKeysWithValues: types.map { type -> (String, [String: Any]) in
                        type == "application/problem+json"
                            ? (type, ["schema": ["$ref": "#/components/schemas/Problem"]]) : (type, [:])
                    })
            }
            responses[String(status)] = entry
        }
        for (status, description) in commonErrors(operation) where responses[String(status)] == nil {
            responses[String(status)] = ["$ref": "#/components/responses/Problem\(status)", "description": description]
        }
        return responses
    }

    private static func commonErrors(_ operation: Operation) -> [(Int, String)] {
        var errors = [(400, "Malformed request or parameter"), (500, "Unexpected failure")]
        if operation.access != "open" {
            errors += [(401, "Missing, unknown or revoked key"), (403, "The key lacks the right"), (429, "Rate limit")]
        }
        if operation.method == "GET" && operation.access != "open" {
            errors.append((503, "Query past its time budget"))
        }
        return errors
    }

    private static var components: [String: Any] {
        var responses: [String: Any] = [:]
        for status in [400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 428, 429, 500, 503, 507] {
            responses["Problem\(status)"] = [
                "description": "RFC 9457 problem document",
                "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
            ]
        }
        return [
            "securitySchemes": [
                "bearer": ["type": "http", "scheme": "bearer", "description": "An API key from `landmon keys create`."]
            ],
            "responses": responses,
            "schemas": [
                "Problem": [
                    "type": "object",
                    "required": ["type", "title", "status"],
                    "properties": [
                        "type": ["type": "string", "format": "uri-reference"],
                        "title": ["type": "string"],
                        "status": ["type": "integer"],
                        "detail": ["type": "string"],
                        "request_id": ["type": "string"],
                        "errors": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "required": ["path", "code", "message"],
                                "properties": [
                                    "path": [
                                        "type": "string",
                                        "description": "JSON Pointer (RFC 6901) into the submitted document",
                                    ],
                                    "code": ["type": "string"],
                                    "message": ["type": "string"],
                                ],
                            ],
                        ],
                    ],
                ],
                "Submission": [
                    "description": "An assessment document; its full JSON Schema is served at GET /v1/schema.",
                    "type": "object",
                ],
            ],
        ]
    }
}
