import HTTP

extension Application {
    /// Every route of API.md, each handled by a small resource that holds only what it uses.
    /// Routes that take a body declare its limit, so that the server refuses a larger one (413)
    /// before reading it.
    public func makeRouter() -> Router {
        let service = ServiceResource(
            exchange: exchange, store: store, commits: commits, metrics: metrics, server: server,
            schemaVersion: schemaVersion, openAPIDocument: openAPIDocument)
        let catalogs = CatalogResource(
            exchange: exchange, catalog: catalog, countries: countries, schemaDocument: schemaDocument)
        let statistics = StatisticsResource(exchange: exchange, store: store, catalog: catalog, countries: countries)
        let ldn = LDNResource(
            exchange: exchange, store: store, catalog: catalog, countries: countries,
            minimumSites: configuration.ldnMinimumSites)
        let changes = ChangesResource(exchange: exchange, store: store, feed: commits.feed)
        let list = ListResource(exchange: exchange, store: store, catalog: catalog, countries: countries)
        let assessments = AssessmentResource(
            exchange: exchange, store: store, validator: validator, idempotency: idempotency, commits: commits,
            schemaVersion: schemaVersion, maxBatchDocuments: configuration.maxBatchDocuments)
        let (single, batchLimit) = (configuration.maxBodyBytes, configuration.maxBatchBodyBytes)

        var router = Router()
        router.add(.get, "/health", handler: service.health)
        router.add(.get, "/openapi.json", handler: service.openAPI)
        router.add(.get, "/metrics", handler: service.metricsText)
        router.add(.get, "/v1/schema", handler: catalogs.schema)
        router.add(.get, "/v1/regions", handler: catalogs.regions)
        router.add(.get, "/v1/regions/{code}", handler: catalogs.region)
        router.add(.get, "/v1/regions/{code}/summary", handler: statistics.regionSummary)
        router.add(.get, "/v1/stats", handler: statistics.stats)
        router.add(.get, "/v1/ldn", handler: ldn.ldn)
        router.add(.get, "/v1/changes", deferred: changes.changes)
        router.add(.get, "/v1/assessments", handler: list.list)
        router.add(.post, "/v1/assessments", bodyLimit: single, deferred: assessments.submit)
        router.add(.post, "/v1/assessments/batch", bodyLimit: batchLimit, deferred: assessments.submitBatch)
        router.add(.get, "/v1/assessments/{id}", handler: assessments.fetch)
        router.add(.put, "/v1/assessments/{id}", bodyLimit: single, deferred: assessments.correct)
        router.add(.delete, "/v1/assessments/{id}", deferred: assessments.retract)
        router.add(.get, "/v1/assessments/{id}/history", handler: assessments.history)
        return router
    }
}
