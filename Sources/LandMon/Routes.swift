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
            minimumSites: configuration.ldnMinimumSites, cache: answers)
        let changes = ChangesResource(exchange: exchange, store: store, feed: commits.feed)
        let list = ListResource(exchange: exchange, store: store, catalog: catalog, countries: countries)
        let assessments = AssessmentResource(
            exchange: exchange, store: store, validator: validator, idempotency: idempotency, commits: commits,
            schemaVersion: schemaVersion, maxBatchDocuments: configuration.maxBatchDocuments)
        let ogcSettings = OGCSettings(
            baseURL: configuration.publicBaseURL, publicDecimals: configuration.publicCoordinateDecimals)
        let snapshot = OGCSnapshot(feed: commits.feed)
        let ogc = OGCResource(
            exchange: exchange, store: store, catalog: catalog, countries: countries, settings: ogcSettings,
            snapshot: snapshot)
        var features = OGCItemsResource(
            exchange: exchange, store: store, catalog: catalog, countries: countries, settings: ogcSettings,
            snapshot: snapshot)
        features.siteProperties = ldn.siteMembers
        let importer = ImportResource(
            exchange: exchange, assessments: assessments, columns: importColumns, catalog: catalog)
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
        router.add(.get, "/v1/ldn/transitions", handler: ldn.transitions)
        router.add(.get, "/v1/reports/so1-3", handler: ldn.socStockReport)
        router.add(.get, "/v1/changes", deferred: changes.changes)
        router.add(.get, "/v1/assessments", handler: list.list)
        router.add(.post, "/v1/assessments", bodyLimit: single, deferred: assessments.submit)
        router.add(.post, "/v1/assessments/batch", bodyLimit: batchLimit, deferred: assessments.submitBatch)
        router.add(.post, "/v1/assessments/import", bodyLimit: batchLimit, deferred: importer.importSheet)
        router.add(.get, "/v1/import/template", handler: importer.template)
        router.add(.get, "/v1/assessments/{id}", handler: assessments.fetch)
        router.add(.put, "/v1/assessments/{id}", bodyLimit: single, deferred: assessments.correct)
        router.add(.delete, "/v1/assessments/{id}", deferred: assessments.retract)
        router.add(.get, "/v1/assessments/{id}/history", handler: assessments.history)
        router.add(.get, "/ogc", handler: ogc.landing)
        router.add(.get, "/ogc/conformance", handler: ogc.conformance)
        router.add(.get, "/ogc/collections", handler: ogc.collections)
        router.add(.get, "/ogc/collections/{collectionId}", handler: ogc.collection)
        router.add(.get, "/ogc/collections/{collectionId}/schema", handler: ogc.schema)
        router.add(.get, "/ogc/collections/{collectionId}/items", handler: features.items)
        router.add(.get, "/ogc/collections/{collectionId}/items/{featureId}", handler: features.item)
        return router
    }
}
