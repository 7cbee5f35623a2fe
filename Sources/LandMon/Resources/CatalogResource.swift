import Assessments
import Formats
import Foundation
import HTTP
import Messages

/// `GET /v1/schema`, `GET /v1/regions` and `GET /v1/regions/{code}`: the catalogs.
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
    /// The query parameters of `/v1/regions/{code}`.
    static let outlineParameters: Set<String> = []
    /// The media types `/v1/regions/{code}` answers with (its GeoJSON, also as plain JSON).
    static let outlineTypes = ["application/geo+json", "application/json", "application/*", "*/*"]

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

    /// `GET /v1/regions/{code}`: the region's outline as a GeoJSON Feature (`geometry` null for
    /// a city Natural Earth does not draw apart from its province); a legacy Kazakh code
    /// answers its current region.
    func region(_ request: Request) -> Response {
        exchange.guarded(request, access: .read) { request, _ in
            let code = request.parameters["code"] ?? ""
            guard let current = QueryValues.region(code, catalog: catalog), let region = catalog.regions[current] else {
                throw APIError.notFound(Message("region.not_found", ["code": code]))
            }
            try exchange.rejectParameters(request, allowed: Self.outlineParameters)
            guard Self.accepts(request.headers["Accept"]) else {
                throw APIError.notAcceptable(
                    Message("parameter.not_acceptable", ["types": "application/geo+json, application/json"]))
            }
            var response = Response.json(
                DocumentJSON.regionFeature(region, outline: catalog.geography.regions[current]))
            response.headers.set("Content-Type", "application/geo+json")
            return response
        }
    }

    /// Whether `Accept` (absent: anything) names a type of `outlineTypes` with a quality above 0.
    static func accepts(_ accept: String?) -> Bool {
        guard let accept, !accept.isEmpty else { return true }
        for item in accept.split(separator: ",") {
            let fields = item.split(separator: ";").map { trimmingOptionalWhitespace($0).lowercased() }
            guard let type = fields.first, outlineTypes.contains(type) else { continue }
            let quality = fields.dropFirst().first { $0.hasPrefix("q=") }.map { Double($0.dropFirst(2)) ?? 0 } ?? 1
            if quality > 0 { return true }
        }
        return false
    }
}
