import Assessments
import Formats
import Foundation
import HTTP
import Messages

/// `GET /v1/schema` and `GET /v1/regions`: the catalogs.
struct CatalogResource: Sendable {
    let exchange: Exchange
    let catalog: Catalog
    let countries: Set<String>
    /// The JSON Schema document, built once.
    let schemaDocument: [UInt8]

    /// The query parameters of `/v1/schema` (besides `Exchange.commonParameters`).
    static let schemaParameters: Set<String> = []
    /// The query parameters of `/v1/regions`.
    static let regionParameters: Set<String> = ["country"]

    /// `GET /v1/schema`: the JSON Schema of a submission and the catalogs.
    func schema(_ request: Request) -> Response {
        exchange.guarded(request, access: .read) { request, _ in
            try exchange.rejectParameters(request, allowed: Self.schemaParameters)
            var response = Response.json(schemaDocument)
            response.headers.set("Content-Type", "application/schema+json")
            response.headers.set("ETag", ETag.strong(of: schemaDocument))
            return response
        }
    }

    /// `GET /v1/regions[?country=KZ]`: ISO 3166-2 regions of the member countries.
    func regions(_ request: Request) -> Response {
        exchange.guarded(request, access: .read) { request, _ in
            try exchange.rejectParameters(request, allowed: Self.regionParameters)
            let country = try request.query["country"].map { try QueryValues.country($0, countries: countries) }
            let regions = catalog.regions.values.filter { country == nil || $0.country == country }
                .sorted { $0.code < $1.code }
            return .json(DocumentJSON.regions(regions))
        }
    }
}
