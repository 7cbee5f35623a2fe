/// Links (OpenAPI's own): from an answer that names an assessment to what a client can do with it
/// next, with the id (and for a correction the ETag as If-Match) taken from the answer. Generated
/// clients and stateful testers (Schemathesis) follow them.
extension OpenAPI {
    /// `id` and `etag` are runtime expressions, e.g. `$response.body#/id`, `$response.header.ETag`.
    static func assessmentLinks(id: String, etag: String?, includingGet: Bool = true) -> [String: Any] {
        let path = "/v1/assessments/{id}"
        var correction: [String: Any] = ["path.id": id]
        if let etag { correction["header.If-Match"] = etag }
        var links: [String: Any] = [
            "RetractAssessment": link("DELETE", path, "Retract it", ["path.id": id]),
            "AssessmentHistory": link("GET", path + "/history", "Its revisions", ["path.id": id]),
        ]
        if etag != nil { links["CorrectAssessment"] = link("PUT", path, "Correct it", correction) }
        if includingGet { links["GetAssessment"] = link("GET", path, "Its current revision", ["path.id": id]) }
        return links
    }

    private static func link(_ method: String, _ path: String, _ description: String, _ parameters: [String: Any])
        -> [String: Any]
    {
        ["operationId": operationID(method, path), "description": description, "parameters": parameters]
    }
}
