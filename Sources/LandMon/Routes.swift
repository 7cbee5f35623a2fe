import HTTP

extension Application {
    /// Every route of API.md, each handled by one method in `Resources/`. Routes that take a body
    /// declare its limit, so that the server refuses a larger one (413) before reading it.
    public func makeRouter() -> Router {
        var router = Router()
        let (single, batch) = (configuration.maxBodyBytes, configuration.maxBatchBodyBytes)
        router.add(.get, "/health", name: "/health") { [self] in health($0) }
        router.add(.get, "/openapi.json", name: "/openapi.json") { [self] in openAPI($0) }
        router.add(.get, "/metrics", name: "/metrics") { [self] in metricsText($0) }
        router.add(.get, "/v1/schema", name: "/v1/schema") { [self] in schema($0) }
        router.add(.get, "/v1/regions", name: "/v1/regions") { [self] in regions($0) }
        router.add(.get, "/v1/regions/{code}/summary") { [self] in regionSummary($0) }
        router.add(.get, "/v1/stats") { [self] in stats($0) }
        router.add(.get, "/v1/ldn") { [self] in ldn($0) }
        router.add(.get, "/v1/changes", deferred: { [self] in changes($0, completion: $1) })
        router.add(.get, "/v1/assessments") { [self] in list($0) }
        router.add(.post, "/v1/assessments", bodyLimit: single, deferred: { [self] in submit($0, completion: $1) })
        router.add(
            .post, "/v1/assessments/batch", bodyLimit: batch, deferred: { [self] in submitBatch($0, completion: $1) })
        router.add(.get, "/v1/assessments/{id}") { [self] in fetch($0) }
        router.add(.put, "/v1/assessments/{id}", bodyLimit: single, deferred: { [self] in correct($0, completion: $1) })
        router.add(.delete, "/v1/assessments/{id}", deferred: { [self] in retract($0, completion: $1) })
        router.add(.get, "/v1/assessments/{id}/history") { [self] in history($0) }
        return router
    }
}
