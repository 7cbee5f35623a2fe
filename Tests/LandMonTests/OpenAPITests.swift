import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// `GET /openapi.json`: OpenAPI 3.1.0, every route of the router documented and every documented
/// path routed, each operation's query parameters exactly those its handler takes (tried on the
/// handler, both ways), schemas for bodies and answers, headers for answers.
@Suite struct OpenAPITests {
    let harness: TestApp
    let document: [String: Any]
    var paths: [String: [String: Any]] { document["paths"] as? [String: [String: Any]] ?? [:] }
    var components: [String: Any] { document["components"] as? [String: Any] ?? [:] }

    init() throws {
        harness = try TestApp(.queries)
        let reply = harness.request(.get, "/openapi.json", authorized: false)
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == "application/json")
        document = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
    }

    func operation(_ method: String, _ path: String) -> [String: Any] {
        paths[path]?[method.lowercased()] as? [String: Any] ?? [:]
    }

    func parameters(_ method: String, _ path: String, in location: String = "query") -> [String: [String: Any]] {
        let all = operation(method, path)["parameters"] as? [[String: Any]] ?? []
        return Dictionary(
            all.filter { $0["in"] as? String == location }.map { ($0["name"] as? String ?? "", $0) }
        ) { first, _ in first }
    }

    /// Every documented operation as "METHOD path".
    var documented: [(method: String, path: String)] {
        paths.flatMap { path, operations in
            operations.keys.filter { ["get", "put", "post", "delete", "patch"].contains($0) }.map {
                (method: $0.uppercased(), path: path)
            }
        }
    }

    @Test func isOpenAPI31() {
        #expect(document["openapi"] as? String == "3.1.0")
        let info = document["info"] as? [String: Any]
        #expect(info?["title"] is String && info?["version"] is String)
        let schemas = components["schemas"] as? [String: Any] ?? [:]
        for name in [
            "Problem", "Submission", "StoredAssessment", "Page", "Health", "Regions", "RegionSummary",
            "GroupedStatistics", "LDN", "Changes", "History", "BatchResult", "FeatureCollection",
        ] {
            #expect(schemas[name] != nil, "no schema \(name)")
        }
        let properties = (schemas["Problem"] as? [String: Any])?["properties"] as? [String: Any] ?? [:]
        for member in ["type", "title", "status", "detail", "request_id", "errors", "parameter"] {
            #expect(properties[member] != nil, "Problem lacks \(member)")
        }
        // The document is one JSON value without the submission schema's own identifiers.
        let text = String(decoding: harness.request(.get, "/openapi.json", authorized: false).body, as: UTF8.self)
        #expect(!text.contains("#/$defs/") && !text.contains("\"$id\""))
    }

    @Test func routerAndDocumentNameTheSameRoutes() {
        var routed = Set<String>()
        for route in harness.router.routes {
            for method in route.actions.keys { routed.insert("\(method.rawValue) \(route.pattern)") }
        }
        let listed = Set(documented.map { "\($0.method) \($0.path)" })
        #expect(routed.count >= 16)
        #expect(routed.subtracting(listed).isEmpty, "routed but not documented: \(routed.subtracting(listed))")
        #expect(listed.subtracting(routed).isEmpty, "documented but not routed: \(listed.subtracting(routed))")
        #expect(Set(OpenAPI.routes(harness.app.openAPIContext).map { "\($0.method) \($0.path)" }) == routed)
    }

    /// A request target of `path` that reaches the handler (a region that exists, an id that does not).
    func target(_ path: String, _ query: String) -> String {
        path.replacingOccurrences(of: "{code}", with: "KZ-11").replacingOccurrences(of: "{id}", with: "999999")
            .replacingOccurrences(of: "{collectionId}", with: "assessments")
            .replacingOccurrences(of: "{featureId}", with: "999999") + "?" + query
    }

    /// Whether the answer refuses `name` as a parameter the route does not know.
    func refusesAsUnknown(_ reply: TestReply, _ name: String) -> Bool {
        reply.status == 400 && reply.parameter == name
            && (reply.object["detail"] as? String) == "unknown parameter \"\(name)\""
    }

    /// Each documented query parameter is taken by the handler (never "unknown"), and each
    /// parameter some other route documents, or none does, is refused by name.
    @Test func everyDocumentedParameterIsTakenAndNoOther() {
        let everyName = Set(documented.flatMap { parameters($0.method, $0.path).keys }).union(["colour"])
        for (method, path) in documented {
            let names = Set(parameters(method, path).keys)
            #expect(names.isSuperset(of: ["pretty", "lang"]), "\(method) \(path) lacks the common parameters")
            for name in everyName {
                let reply = harness.request(
                    HTTPMethod(rawValue: method), target(path, "\(name)=x"),
                    headers: [("Content-Type", "text/plain")])
                if names.contains(name) {
                    #expect(!refusesAsUnknown(reply, name), "\(method) \(path) documents \(name) but refuses it")
                } else {
                    #expect(
                        refusesAsUnknown(reply, name), "\(method) \(path) takes \(name) undocumented: \(reply.status)")
                }
            }
        }
        #expect(
            Set(parameters("GET", "/v1/assessments").keys)
                == ListParameters.names.union(BlockParameters.names(harness.app.catalog)))
    }

    @Test func parametersCarryTheServersConstraints() throws {
        let list = parameters("GET", "/v1/assessments")
        func schema(_ parameter: [String: Any]?) -> [String: Any] { parameter?["schema"] as? [String: Any] ?? [:] }
        #expect((schema(list["country"])["enum"] as? [String])?.sorted() == ["KG", "KZ", "RU", "TJ", "TM", "UZ"])
        let regions = (schema(list["region"])["items"] as? [String: Any])?["enum"] as? [String] ?? []
        #expect(regions.contains("KZ-11") && regions.contains("KZ-AKM"))
        #expect(schema(list["region"])["minItems"] as? Int == 1 && list["region"]?["explode"] as? Bool == false)
        #expect((schema(list["sort"])["enum"] as? [String])?.contains("-submitted_at") == true)
        #expect(schema(list["site"])["minLength"] as? Int == 1)
        let limit = try #require(schema(list["limit"])["pattern"] as? String)
        let regex = try Regex(limit)
        for good in ["1", "100", "1000", "all"] { #expect(good.wholeMatch(of: regex) != nil, "\(good)") }
        for bad in ["0", "1001", "", "01", "+5", "ALL"] { #expect(bad.wholeMatch(of: regex) == nil, "\(bad)") }
        let date = try Regex(try #require(schema(list["from"])["pattern"] as? String))
        for good in ["2024-02-29", "2000-02-29", "2023-12-31"] { #expect(good.wholeMatch(of: date) != nil, "\(good)") }
        for bad in ["2023-02-29", "1900-02-29", "2023-13-01", "2023-04-31", "2023-1-01"] {
            #expect(bad.wholeMatch(of: date) == nil, "\(bad)")
        }
        let bbox = try Regex(try #require(schema(list["bbox"])["pattern"] as? String))
        #expect("58,43,62,46".wholeMatch(of: bbox) != nil && "-180,-90.5,180,90".wholeMatch(of: bbox) == nil)
        #expect(schema(parameters("GET", "/v1/changes")["wait"])["maximum"] as? Int == 60)
        #expect(parameters("DELETE", "/v1/assessments/{id}")["reason"]?["required"] as? Bool == true)
        #expect(schema(parameters("DELETE", "/v1/assessments/{id}")["reason"])["minLength"] as? Int == 1)
        // A correction takes an empty reason as none (QueryValuesTests).
        #expect(schema(parameters("PUT", "/v1/assessments/{id}")["reason"])["minLength"] == nil)
        #expect(parameters("PUT", "/v1/assessments/{id}", in: "header")["If-Match"]?["required"] as? Bool == true)
        #expect(parameters("POST", "/v1/assessments", in: "header")["Idempotency-Key"] != nil)
        #expect(parameters("GET", "/v1/regions", in: "header")["If-None-Match"] != nil)
        for (method, path) in documented {
            #expect(parameters(method, path, in: "header")["Accept-Language"] != nil, "\(method) \(path)")
        }
    }

    @Test func securityNamesNoScopes() {
        for (method, path) in documented {
            let security = operation(method, path)["security"] as? [[String: [String]]] ?? []
            #expect(security.allSatisfy { $0.values.allSatisfy(\.isEmpty) }, "\(method) \(path)")
        }
        #expect((operation("GET", "/health")["security"] as? [Any])?.isEmpty == true)
        #expect(operation("POST", "/v1/assessments")["x-landmon-roles"] as? [String] == ["submitter", "admin"])
        #expect((operation("GET", "/v1/assessments")["description"] as? String)?.contains("public_read") == true)
    }

    @Test func bodiesAndAnswersHaveSchemas() {
        func content(_ object: Any?) -> [String: Any] {
            (object as? [String: Any])?["content"] as? [String: Any] ?? [:]
        }
        func schemaRef(_ object: Any?, _ type: String = "application/json") -> String? {
            ((content(object)[type] as? [String: Any])?["schema"] as? [String: Any])?["$ref"] as? String
        }
        #expect(schemaRef(operation("POST", "/v1/assessments")["requestBody"]) == "#/components/schemas/Submission")
        #expect(
            schemaRef(operation("PUT", "/v1/assessments/{id}")["requestBody"])
                == "#/components/schemas/StoredAssessment")
        let batch = content(operation("POST", "/v1/assessments/batch")["requestBody"])
        let array = (batch["application/json"] as? [String: Any])?["schema"] as? [String: Any]
        #expect(
            array?["minItems"] as? Int == 1 && array?["maxItems"] as? Int == harness.app.configuration.maxBatchDocuments
        )
        #expect(batch["application/x-ndjson"] != nil)
        for (method, path) in documented {
            let responses = operation(method, path)["responses"] as? [String: [String: Any]] ?? [:]
            for (status, response) in responses {
                let headers = response["headers"] as? [String: Any] ?? [:]
                #expect(
                    headers["X-Request-Id"] != nil || status == "503", "\(method) \(path) \(status): no X-Request-Id")
                if status.hasPrefix("2") && status != "204" {
                    #expect(!content(response).isEmpty, "\(method) \(path) \(status) has no body schema")
                }
                if let code = Int(status), code >= 400 {
                    #expect(
                        schemaRef(response, "application/problem+json") == "#/components/schemas/Problem",
                        "\(method) \(path) \(status)")
                }
            }
            if method == "GET" {
                let ok = responses["200"]?["headers"] as? [String: Any]
                #expect(ok?["ETag"] != nil, "\(method) \(path) 200 without ETag")
                #expect(responses["304"] != nil)
            }
        }
        let created = (operation("POST", "/v1/assessments")["responses"] as? [String: [String: Any]])?["201"]
        let location = (created?["headers"] as? [String: Any])?["Location"] as? [String: Any]
        #expect(location?["required"] as? Bool == true)
        #expect(schemaRef(created) == "#/components/schemas/StoredAssessment")
        let unauthorized = (operation("GET", "/v1/stats")["responses"] as? [String: [String: Any]])?["401"]
        #expect((unauthorized?["headers"] as? [String: Any])?["WWW-Authenticate"] != nil)
        let stored = (components["schemas"] as? [String: Any])?["StoredAssessment"] as? [String: Any]
        let storedProperties = stored?["properties"] as? [String: [String: Any]] ?? [:]
        for field in ["id", "revision", "status", "submitted_at", "derived", "qa_flags"] {
            #expect(storedProperties[field]?["readOnly"] as? Bool == true, "StoredAssessment.\(field)")
        }
        let methodNotAllowed = (components["responses"] as? [String: Any])?["MethodNotAllowed"] as? [String: Any]
        #expect((methodNotAllowed?["headers"] as? [String: Any])?["Allow"] != nil)
    }

    @Test func openWithoutAKey() {
        #expect(harness.request(.get, "/openapi.json", authorized: false).status == 200)
        #expect(harness.request(.get, "/v1/assessments", authorized: false).status == 401)
    }
}
