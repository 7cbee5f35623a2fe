import Formats
import HTTP
import Locking
import Messages
import Store

/// `GET /health`, `/metrics` and `/openapi.json`: the service itself, no key needed.
struct ServiceResource: Sendable {
    let exchange: Exchange
    let store: any AssessmentStore
    let commits: Commits
    let metrics: Metrics
    /// The server, once serving, for the open-connections gauge.
    let server: Locked<Server?>
    let schemaVersion: String
    /// The OpenAPI document, built once.
    let openAPIDocument: [UInt8]

    /// The query parameters of `/health`, `/metrics` and `/openapi.json` (besides `Exchange.commonParameters`).
    static let parameters: Set<String> = []

    /// `GET /health`: 200 with counts when the database answers, 503 when it does not.
    func health(_ request: Request) -> Response {
        exchange.guarded(request, access: .open) { request, _ in
            try exchange.rejectParameters(request, allowed: Self.parameters)
            do {
                try store.checkHealth()
            } catch {
                throw APIError.unavailable(Message("problem.unavailable.database"))
            }
            var response = Response.json(
                DocumentJSON.health(
                    version: Application.version, schemaVersion: schemaVersion,
                    assessments: commits.activeAssessments))
            response.headers.set("Cache-Control", "no-cache")
            return response
        }
    }

    /// `GET /metrics`: Prometheus text exposition format 0.0.4.
    func metricsText(_ request: Request) -> Response {
        exchange.guarded(request, access: .open) { request, _ in
            try exchange.rejectParameters(request, allowed: Self.parameters)
            let open = server.withLock { $0?.openConnections ?? 0 }
            let body = metrics.render(
                openConnections: open, assessments: commits.activeAssessments,
                databaseBytes: store.sizeInBytes)
            return Response(
                headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-cache"],
                body: .bytes(body))
        }
    }

    /// `GET /openapi.json`: the OpenAPI 3.1 description of every route.
    func openAPI(_ request: Request) -> Response {
        exchange.guarded(request, access: .open) { request, _ in
            try exchange.rejectParameters(request, allowed: Self.parameters)
            var response = Response.json(openAPIDocument)
            response.headers.set("ETag", ETag.strong(of: openAPIDocument))
            return response
        }
    }
}
