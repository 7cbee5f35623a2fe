import Assessments
import Formats
import Foundation
import HTTP
import Messages

extension Application {
    /// `GET /health`: 200 with counts when the database answers, 503 when it does not.
    func health(_ request: Request) -> Response {
        guarded(request, access: .open) { request, _ in
            try rejectParameters(request, allowed: [])
            do {
                try store.checkHealth()
            } catch {
                throw APIError.unavailable(Message("problem.unavailable.database"))
            }
            var response = Response.json(
                DocumentJSON.health(
                    version: Application.version, schemaVersion: schemaVersion,
                    assessments: activeAssessments.load(ordering: .relaxed)))
            response.headers.set("Cache-Control", "no-cache")
            return response
        }
    }

    /// `GET /v1/schema`: the JSON Schema of a submission and the catalogs.
    func schema(_ request: Request) -> Response {
        guarded(request, access: .read) { request, _ in
            try rejectParameters(request, allowed: [])
            var response = Response.json(schemaDocument)
            response.headers.set("Content-Type", "application/schema+json")
            response.headers.set("ETag", ETag.strong(of: schemaDocument))
            return response
        }
    }

    /// `GET /v1/regions[?country=KZ]`: ISO 3166-2 regions of the member countries.
    func regions(_ request: Request) -> Response {
        guarded(request, access: .read) { request, _ in
            try rejectParameters(request, allowed: ["country"])
            let country = try request.query["country"].map { try QueryValues.country($0, countries: countries) }
            let regions = catalog.regions.values.filter { country == nil || $0.country == country }
                .sorted { $0.code < $1.code }
            return .json(DocumentJSON.regions(regions))
        }
    }
}
