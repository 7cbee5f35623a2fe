import HTTP

extension Application {
    /// `GET /metrics`: Prometheus text exposition format 0.0.4.
    func metricsText(_ request: Request) -> Response {
        guarded(request, access: .open) { request, _ in
            try rejectParameters(request, allowed: [])
            let open = server.withLock { $0?.openConnections ?? 0 }
            let body = metrics.render(
                openConnections: open, assessments: activeAssessments.load(ordering: .relaxed),
                databaseBytes: store.sizeInBytes)
            return Response(
                headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-cache"],
                body: .bytes(body))
        }
    }

    /// `GET /openapi.json`: the OpenAPI 3.1 description of every route.
    func openAPI(_ request: Request) -> Response {
        guarded(request, access: .open) { request, _ in
            try rejectParameters(request, allowed: [])
            var response = Response.json(openAPIDocument)
            response.headers.set("ETag", ETag.strong(of: openAPIDocument))
            return response
        }
    }
}
