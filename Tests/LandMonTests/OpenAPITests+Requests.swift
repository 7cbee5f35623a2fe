import Foundation
import Testing

@testable import LandMon

/// What a client builds its requests from: the example body and the links between operations.
extension OpenAPITests {
    /// Links name operations of the document and parameters those operations have.
    @Test func linksLeadToDocumentedOperations() {
        var operations: [String: [String: Any]] = [:]
        for (method, path) in documented {
            let object = operation(method, path)
            if let id = object["operationId"] as? String { operations[id] = object }
        }
        var count = 0
        for (method, path) in documented {
            let responses = operation(method, path)["responses"] as? [String: [String: Any]] ?? [:]
            for (status, response) in responses {
                for (name, value) in response["links"] as? [String: [String: Any]] ?? [:] {
                    count += 1
                    let target = operations[value["operationId"] as? String ?? ""]
                    #expect(target != nil, "\(method) \(path) \(status) \(name) leads nowhere")
                    let declared = Set(
                        (target?["parameters"] as? [[String: Any]] ?? []).map {
                            "\($0["in"] as? String ?? "").\($0["name"] as? String ?? "")"
                        })
                    for parameter in (value["parameters"] as? [String: String] ?? [:]).keys {
                        #expect(declared.contains(parameter), "\(name) sets \(parameter), which its target lacks")
                    }
                }
            }
        }
        #expect(count >= 10)
        let created = (operation("POST", "/v1/assessments")["responses"] as? [String: [String: Any]])?["201"]
        let correct = (created?["links"] as? [String: [String: Any]])?["CorrectAssessment"]
        #expect((correct?["parameters"] as? [String: String])?["header.If-Match"] == "$response.header.ETag")
    }

    /// The example body of POST is a valid document: stored, then recognised as identical.
    @Test func theExampleIsStored() throws {
        let body = operation("POST", "/v1/assessments")["requestBody"] as? [String: Any]
        let media = (body?["content"] as? [String: Any])?["application/json"] as? [String: Any]
        let example = try #require(media?["example"])
        let bytes = Array(try JSONSerialization.data(withJSONObject: example))
        let first = harness.request(.post, "/v1/assessments", body: bytes)
        #expect(first.status == 201, "\(first.text)")
        #expect(harness.request(.post, "/v1/assessments", body: bytes).status == 200)
    }
}
