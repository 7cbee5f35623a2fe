import Assessments
import Foundation
import HTTP
import Locking
import Messages
import Store

/// `GET /ogc`, `/ogc/conformance`, `/ogc/collections`, `/ogc/collections/{collectionId}` and its
/// `schema`: the documents of OGC API - Features Part 1 that describe the service and its three
/// collections, titles and descriptions in the request's language.
struct OGCResource: Sendable {
    let exchange: Exchange
    let store: any AssessmentStore
    let catalog: Catalog
    let countries: Set<String>
    let settings: OGCSettings
    let snapshot: OGCSnapshot

    /// Query parameters of these documents (besides `Exchange.commonParameters`): the filters of
    /// `items`, checked and ignored (`OGCParameters.filterNames`).
    static let parameters = OGCParameters.filterNames

    /// The requirement classes honoured: Part 1 core and GeoJSON (no HTML pages, no OpenAPI 3.0).
    static let conformance = [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    ]

    static let json = "application/json"
    static let geoJSON = "application/geo+json"
    static let openAPIType = "application/vnd.oai.openapi+json;version=3.1"

    /// `GET /ogc`: the landing page.
    func landing(_ request: Request) -> Response {
        document(request) { links, language in
            [
                "title": exchange.messages.text("ogc.title", in: language),
                "description": exchange.messages.text("ogc.description", in: language),
                "links": [
                    links.link("/ogc", rel: "self", type: Self.json, title: "This document"),
                    links.link(
                        "/openapi.json", rel: "service-desc", type: Self.openAPIType,
                        title: "The API definition (OpenAPI 3.1)"),
                    links.link(
                        "/openapi.json", rel: "service-doc", type: Self.openAPIType,
                        title: "The API documentation (OpenAPI 3.1; landmon serves no HTML pages)"),
                    links.link("/ogc/conformance", rel: "conformance", type: Self.json, title: "Conformance classes"),
                    links.link("/ogc/collections", rel: "data", type: Self.json, title: "The feature collections"),
                ],
            ]
        }
    }

    /// `GET /ogc/conformance`.
    func conformance(_ request: Request) -> Response {
        document(request) { _, _ in ["conformsTo": Self.conformance] }
    }

    /// `GET /ogc/collections`.
    func collections(_ request: Request) -> Response {
        document(request) { links, language in
            let extent = try snapshot.current(store).extent
            return [
                "links": [links.link("/ogc/collections", rel: "self", type: Self.json, title: "This document")],
                "collections": OGCCollection.allCases.map {
                    collection($0, links: links, language: language, extent: extent, caller: nil)
                },
            ]
        }
    }

    /// `GET /ogc/collections/{collectionId}`.
    func collection(_ request: Request) -> Response {
        document(request) { links, language in
            let collection = try OGCResource.collection(named: request.parameters["collectionId"])
            let extent = try snapshot.current(store).extent
            var object = self.collection(collection, links: links, language: language, extent: extent, caller: nil)
            var selfLinks = object["links"] as? [[String: Any]] ?? []
            selfLinks.insert(
                links.link("/ogc/collections/\(collection.rawValue)", rel: "self", type: Self.json), at: 0)
            object["links"] = selfLinks
            return object
        }
    }

    /// `GET /ogc/collections/{collectionId}/schema`: the JSON Schema of a feature (`describedby`).
    func schema(_ request: Request) -> Response {
        exchange.guarded(request, access: .readOGC) { request, _ in
            try checkParameters(request)
            let collection = try OGCResource.collection(named: request.parameters["collectionId"])
            let links = settings.links(for: request)
            var schema: [String: Any] = [
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": links.url("/ogc/collections/\(collection.rawValue)/schema"),
                "title": collection.rawValue, "type": "object", "required": ["type", "geometry", "properties"],
            ]
            schema["properties"] = [
                "type": ["type": "string", "enum": ["Feature"]],
                "id": collection == .assessments ? ["type": "integer"] : ["type": "string"],
                "geometry": [
                    "type": "object", "required": ["type", "coordinates"],
                    "properties": [
                        "type": ["type": "string", "enum": ["Point"]],
                        "coordinates": ["type": "array", "minItems": 2, "maxItems": 2, "items": ["type": "number"]],
                    ],
                ],
                "properties": collection.propertiesSchema(catalog),
            ]
            return Response(headers: ["Content-Type": "application/schema+json"], body: .bytes(ogcJSON(schema)))
        }
    }

    /// Refuses unknown parameters and malformed filters by name.
    func checkParameters(_ request: Request) throws(APIError) {
        _ = try OGCParameters.parse(
            Array(request.query), catalog: catalog, countries: countries, allowed: Self.parameters)
    }

    /// The collection named in the path, or 404 naming it.
    static func collection(named name: String?) throws(APIError) -> OGCCollection {
        guard let name, let collection = OGCCollection(rawValue: name) else {
            throw .notFound(Message("ogc.no_collection", ["id": name ?? ""]))
        }
        return collection
    }

    /// One collection's description.
    private func collection(
        _ collection: OGCCollection, links: OGCLinks, language: Language, extent: DataExtent?, caller: Caller?
    ) -> [String: Any] {
        let path = "/ogc/collections/\(collection.rawValue)"
        var description = exchange.messages.text(collection.descriptionKey, in: language)
        description += " " + settings.coordinateNote(language: language, messages: exchange.messages)
        var object: [String: Any] = [
            "id": collection.rawValue,
            "title": exchange.messages.text(collection.titleKey, in: language),
            "description": description,
            "itemType": "feature",
            "crs": [OGCParameters.crs84],
            "storageCrs": OGCParameters.crs84,
            "links": [
                links.link(path + "/items", rel: "items", type: Self.geoJSON, title: "The features"),
                links.link(
                    path + "/schema", rel: "describedby", type: "application/schema+json",
                    title: "JSON Schema of a feature"),
                // Relation types compare case-insensitively (RFC 8288, 2.1.1), but GDAL 3.6 reads the
                // schema only from `describedBy`.
                links.link(
                    path + "/schema", rel: "describedBy", type: "application/schema+json",
                    title: "JSON Schema of a feature"),
            ],
        ]
        if let extent {
            let box = extent.boundingBox
            var boxes: [[Double]] = [[box.minLon, box.minLat, box.maxLon, box.maxLat]]
            // Across the antimeridian, the parts on either side follow the overall box (Part 1, 7.14.5).
            if box.minLon > box.maxLon, let east = extent.east, let west = extent.west {
                boxes.append([east.lowerBound, extent.minLat, east.upperBound, extent.maxLat])
                boxes.append([west.lowerBound, extent.minLat, west.upperBound, extent.maxLat])
            }
            object["extent"] = [
                "spatial": ["bbox": boxes, "crs": OGCParameters.crs84],
                "temporal": [
                    "interval": [[extent.first + "T00:00:00Z", extent.last + "T00:00:00Z"]],
                    "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
                ],
            ]
        }
        return object
    }

    /// A JSON document of the service in the request's language, tagged by its bytes.
    private func document(
        _ request: Request, _ build: (OGCLinks, Language) throws -> [String: Any]
    ) -> Response {
        exchange.guarded(request, access: .readOGC) { request, caller in
            try checkParameters(request)
            let body = ogcJSON(try build(settings.links(for: request), caller.language))
            var response = Response(headers: ["Content-Type": Self.json, "Vary": "Authorization"], body: .bytes(body))
            response = exchange.localized(response, caller.language)
            return response
        }
    }
}

/// What the OGC resources take from the configuration.
struct OGCSettings: Sendable {
    /// `public_base_url`, without a trailing slash.
    let baseURL: String?
    /// `public_coordinate_decimals`: places kept for reads without a key; nil keeps them exact.
    let publicDecimals: Int?

    func links(for request: Request) -> OGCLinks { OGCLinks(configured: baseURL, host: request.headers["Host"]) }

    /// Decimal places of coordinates for this caller: exact with a key.
    func decimals(for caller: Caller) -> Int? { caller.principal == nil ? publicDecimals : nil }

    /// The collections' sentence on coordinates.
    func coordinateNote(language: Language, messages: MessageCatalog) -> String {
        guard let decimals = publicDecimals else { return messages.text("ogc.exact_coordinates", in: language) }
        var metres = 111_000.0
        for _ in 0..<decimals { metres /= 10 }
        let shown = metres >= 1 ? String(Int(metres.rounded())) : String(format: "%.2g", metres)
        return messages.text("ogc.public_coordinates", ["decimals": String(decimals), "metres": shown], in: language)
    }
}

/// The data's extent and the time its current state was first served, kept per change sequence
/// so that documents and pages of one state are the same bytes (strong ETags) and the extent is
/// not recomputed for every request.
final class OGCSnapshot: Sendable {
    struct State: Sendable {
        let seq: Int64
        let extent: DataExtent?
        /// RFC 3339: when this server first answered from this state of the data.
        let timeStamp: String
    }

    private let feed: ChangeFeed
    private let state = Locked<State?>(nil)

    init(feed: ChangeFeed) { self.feed = feed }

    func current(_ store: any AssessmentStore) throws(StoreError) -> State {
        let seq = feed.lastSeq
        if let kept = state.withLock({ $0 }), kept.seq == seq { return kept }
        let fresh = State(
            seq: seq, extent: try store.extent(), timeStamp: String(Timestamp.format(Date()).prefix(19)) + "Z")
        state.withLock { $0 = fresh }
        return fresh
    }
}
