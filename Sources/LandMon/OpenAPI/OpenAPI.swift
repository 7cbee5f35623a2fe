import Assessments
import Foundation

/// The OpenAPI 3.1 description of the API, assembled once at start from the catalog, the
/// configuration and the operation table (`OpenAPI+Operations.swift`). Each operation's query
/// parameters are its resource's own name set, the one its handler checks requests against, so
/// the document cannot list a parameter the server refuses or miss one it takes; tests compare
/// routes, methods, parameters and status codes with the router in both directions.
enum OpenAPI {
    /// What the document is built from.
    struct Context {
        let catalog: Catalog
        /// The most documents one batch may hold (`max_batch_documents`).
        let maxBatchDocuments: Int
        /// Reads without a key (`public_read`).
        let isPublicRead: Bool
        /// Reads of `/ogc` without a key (`public_read_ogc`).
        var isPublicReadOGC = false

        var countries: [String] { catalog.countries.map(\.code) }
        /// Current ISO 3166-2 codes, then Kazakhstan's legacy letter codes (accepted, mapped).
        var regionCodes: [String] { catalog.regionList.map(\.code) + catalog.legacyCodes.keys.sorted() }
    }

    /// One parameter of an operation.
    struct Parameter {
        let name: String
        /// `query`, `path` or `header`.
        let location: String
        let description: String
        /// Its JSON Schema.
        let schema: [String: Any]
        var isRequired = false
        /// A comma-separated list (`style: form`, `explode: false`).
        var isList = false
        /// `?name` alone means something (`?pretty`).
        var allowsEmpty = false
    }

    /// One answer an operation can give.
    struct Answer {
        let status: Int
        let description: String
        /// Media types with the schema of their body.
        var content: [(String, [String: Any])] = []
        /// Header names (of `headerComponents`) and whether every answer of this status carries them.
        var headers: [(String, Bool)] = []
        /// What a client can do next with what the answer names (`assessmentLinks`).
        var links: [String: Any] = [:]
    }

    /// One operation: method, path template, who may call it, what it takes and answers.
    struct Operation {
        let method: String
        let path: String
        let summary: String
        var description = ""
        var access: Access = .read
        /// The query parameters its handler accepts, besides `Exchange.commonParameters`.
        var query: Set<String> = []
        /// Definitions that differ from the shared ones (`queryParameters`) for this operation.
        var special: [String: Parameter] = [:]
        /// Header parameters besides `Accept-Language` (and `If-None-Match` on GET).
        var headers: [Parameter] = []
        /// The request body's description, and media types with their schemas.
        var body: (String, [(String, [String: Any])])?
        /// An example body, valid (`exampleSubmission`), for every media type.
        var example: Any?
        let answers: [Answer]
    }

    /// The document, as served at `GET /openapi.json`.
    static func document(_ context: Context) -> [UInt8] {
        var paths: [String: [String: Any]] = [:]
        for operation in operations(context) {
            paths[operation.path, default: [:]][operation.method.lowercased()] = operationObject(operation, context)
        }
        let root: [String: Any] = [
            "openapi": "3.1.0",
            "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
            "info": [
                "title": "landmon",
                "version": Application.version,
                "summary": "Regional land-monitoring database of the UNCCD Central Asia-Russia group",
                "description": infoDescription,
            ],
            "paths": paths,
            "security": [["bearer": [String]()]],
            "components": components(context),
        ]
        // Built from strings, numbers, booleans, arrays and dictionaries only, which always serialize.
        let data = try! JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
        return [UInt8](data)
    }

    static let infoDescription = """
        Soil-condition assessments of Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Turkmenistan and \
        Uzbekistan in one standardized store. Errors are RFC 9457 problem documents \
        (application/problem+json) naming the parameter, header or JSON Pointer at fault. A method \
        that a path lacks answers 405 with Allow (components/responses/MethodNotAllowed); a token that \
        is no HTTP method answers 501. Every answer carries X-Request-Id (the client's own if it is at \
        most 128 visible ASCII characters) and X-Content-Type-Options: nosniff; texts follow ?lang=, \
        else Accept-Language, else English, with Content-Language and Vary: Accept-Language.
        """

    /// The `paths` entry of one operation.
    static func operationObject(_ operation: Operation, _ context: Context) -> [String: Any] {
        var entry: [String: Any] = [
            "summary": operation.summary,
            "operationId": operationID(operation),
            "parameters": parameters(of: operation, context).map(parameterObject),
            "responses": responses(of: operation),
        ]
        var description = operation.description
        switch operation.access {
        case .open:
            entry["security"] = [[String: Any]]()
            description += (description.isEmpty ? "" : " ") + "No key needed."
        case .read, .readOGC:
            // `{}` makes the key optional where the configuration lets anyone read.
            let isPublic = context.isPublicRead || (operation.access == .readOGC && context.isPublicReadOGC)
            let keyed: [[String: Any]] = [["bearer": [String]()]]
            entry["security"] = isPublic ? keyed + [[:]] : keyed
            description +=
                (description.isEmpty ? "" : " ")
                + "Any key (reader, submitter, admin); reads may be public: with public_read"
                + (operation.access == .readOGC ? " or public_read_ogc" : "") + " in the configuration "
                + "no key is needed\(isPublic ? " (this server: public)" : " (this server: a key is needed)")."
            entry["x-landmon-roles"] = ["reader", "submitter", "admin"]
        case .write:
            entry["security"] = [["bearer": [String]()]]
            description +=
                (description.isEmpty ? "" : " ")
                + "A submitter key of the assessment's country, or an admin key (else 403)."
            entry["x-landmon-roles"] = ["submitter", "admin"]
        }
        entry["description"] = description
        if let body = operation.body {
            entry["requestBody"] = [
                "required": true, "description": body.0,
                "content": Dictionary(
                    uniqueKeysWithValues: body.1.map { type, schema in
                        var media: [String: Any] = ["schema": schema]
                        if let example = operation.example { media["example"] = example }
                        return (type, media)
                    }),
            ]
        }
        return entry
    }

    /// Method and path of every documented operation, for the router test.
    static func routes(_ context: Context) -> [(method: String, path: String)] {
        operations(context).map { ($0.method, $0.path) }
    }

    private static func operationID(_ operation: Operation) -> String {
        operationID(operation.method, operation.path)
    }

    /// `getV1AssessmentsId` for `GET /v1/assessments/{id}`.
    static func operationID(_ method: String, _ path: String) -> String {
        let words = path.split(whereSeparator: { "/{}.".contains($0) }).map(String.init)
        return method.lowercased() + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Path parameters, the query parameters (the handler's set and the common ones, by name), then headers.
    static func parameters(of operation: Operation, _ context: Context) -> [Parameter] {
        let shared = queryParameters(context)
        let names = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
            String($0.dropFirst().dropLast())
        }
        let path = names.compactMap { operation.special[$0] ?? pathParameters(context)[$0] }
        let query = operation.query.union(Exchange.commonParameters).sorted().compactMap {
            operation.special[$0] ?? shared[$0]
        }
        var headers = operation.headers
        if operation.method == "GET" { headers.append(ifNoneMatch) }
        headers.append(acceptLanguage)
        return path + query + headers
    }

    private static func parameterObject(_ parameter: Parameter) -> [String: Any] {
        var object: [String: Any] = [
            "name": parameter.name, "in": parameter.location,
            "required": parameter.isRequired || parameter.location == "path",
            "description": parameter.description, "schema": parameter.schema,
        ]
        if parameter.isList {
            object["style"] = "form"
            object["explode"] = false
        }
        if parameter.allowsEmpty { object["allowEmptyValue"] = true }
        return object
    }
}
