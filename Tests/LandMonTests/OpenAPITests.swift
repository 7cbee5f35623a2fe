import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// `GET /openapi.json`: OpenAPI 3.1.0, every route of the router documented and every documented
/// path routed, with its parameters, status codes and the problem document.
@Suite struct OpenAPITests {
    let harness: TestApp
    let document: [String: Any]
    var paths: [String: [String: Any]] { document["paths"] as? [String: [String: Any]] ?? [:] }

    init() throws {
        harness = try TestApp(.queries)
        let reply = harness.request(.get, "/openapi.json", authorized: false)
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"] == "application/json")
        document = try #require(try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
    }

    @Test func isOpenAPI31() {
        #expect(document["openapi"] as? String == "3.1.0")
        let info = document["info"] as? [String: Any]
        #expect(info?["title"] is String && info?["version"] is String)
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let problem = schemas?["Problem"] as? [String: Any]
        let properties = problem?["properties"] as? [String: Any] ?? [:]
        for member in ["type", "title", "status", "detail", "request_id", "errors"] {
            #expect(properties[member] != nil, "Problem lacks \(member)")
        }
    }

    @Test func routerAndDocumentNameTheSameRoutes() {
        var routed = Set<String>()
        for route in harness.router.routes {
            for method in route.actions.keys { routed.insert("\(method.rawValue) \(route.pattern)") }
        }
        var documented = Set<String>()
        for (path, operations) in paths {
            for method in operations.keys where ["get", "put", "post", "delete", "patch"].contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        #expect(routed.count >= 16)
        #expect(routed.subtracting(documented).isEmpty, "routed but not documented: \(routed.subtracting(documented))")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed))")
        #expect(Set(OpenAPI.routes.map { "\($0.method) \($0.path)" }) == routed)
    }

    func operation(_ method: String, _ path: String) -> [String: Any] {
        paths[path]?[method] as? [String: Any] ?? [:]
    }

    func parameterNames(_ method: String, _ path: String) -> Set<String> {
        Set((operation(method, path)["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
    }

    @Test func everyAcceptedParameterIsDocumented() {
        #expect(parameterNames("get", "/v1/assessments") == ListParameters.names)
        #expect(
            parameterNames("get", "/v1/stats").isSuperset(of: [
                "indicator", "group_by", "country", "region", "from", "to", "depth_max",
            ]))
        #expect(
            parameterNames("get", "/v1/regions/{code}/summary").isSuperset(of: [
                "code", "indicator", "from", "to", "depth_max",
            ]))
        #expect(parameterNames("get", "/v1/ldn").isSuperset(of: ["country", "region", "baseline", "reporting"]))
        #expect(parameterNames("get", "/v1/changes").isSuperset(of: ["since", "limit", "wait"]))
        #expect(parameterNames("get", "/v1/assessments/{id}").contains("id"))
        #expect(parameterNames("delete", "/v1/assessments/{id}").isSuperset(of: ["id", "reason"]))
        // Every {parameter} of a path is declared "in": "path" and required.
        for (path, operations) in paths {
            let names = path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                String($0.dropFirst().dropLast())
            }
            for (method, value) in operations {
                let parameters = (value as? [String: Any])?["parameters"] as? [[String: Any]] ?? []
                for name in names {
                    let declared = parameters.first { $0["name"] as? String == name && $0["in"] as? String == "path" }
                    #expect(declared?["required"] as? Bool == true, "\(method) \(path) lacks path parameter \(name)")
                }
            }
        }
    }

    @Test func statusCodesOfTheContract() {
        func codes(_ method: String, _ path: String) -> Set<String> {
            Set((operation(method, path)["responses"] as? [String: Any] ?? [:]).keys)
        }
        #expect(codes("get", "/v1/assessments").isSuperset(of: ["200", "304", "400", "401", "503"]))
        #expect(
            codes("post", "/v1/assessments").isSuperset(of: [
                "200", "201", "400", "401", "403", "409", "413", "415", "422",
            ]))
        #expect(codes("put", "/v1/assessments/{id}").isSuperset(of: ["200", "412", "428"]))
        #expect(codes("delete", "/v1/assessments/{id}").isSuperset(of: ["204", "404", "410"]))
        #expect(codes("get", "/v1/changes").isSuperset(of: ["200", "400", "410"]))
        #expect(codes("get", "/v1/assessments/{id}").isSuperset(of: ["200", "304", "404", "410"]))
        // Every error answer of every operation is the problem document.
        let components = document["components"] as? [String: Any]
        let shared = components?["responses"] as? [String: Any] ?? [:]
        for (path, operations) in paths {
            for (method, value) in operations {
                let responses = (value as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                for (status, response) in responses where (Int(status) ?? 0) >= 400 {
                    var entry = response as? [String: Any] ?? [:]
                    if let ref = entry["$ref"] as? String {
                        entry = shared[String(ref.split(separator: "/").last!)] as? [String: Any] ?? [:]
                    }
                    let content = entry["content"] as? [String: Any]
                    let schema = (content?["application/problem+json"] as? [String: Any])?["schema"] as? [String: Any]
                    #expect(
                        (schema?["$ref"] as? String) == "#/components/schemas/Problem",
                        "\(method) \(path) \(status) is not described as a problem document")
                }
            }
        }
    }

    @Test func openWithoutAKey() {
        #expect(harness.request(.get, "/openapi.json", authorized: false).status == 200)
        #expect(harness.request(.get, "/v1/assessments", authorized: false).status == 401)
    }
}
