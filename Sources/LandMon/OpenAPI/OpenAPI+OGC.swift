import Assessments

/// The operations of OGC API - Features Part 1 under `/ogc`. QGIS and GDAL read the `limit`
/// parameter of the path ending in `/items` (its `maximum` and `default`) to size their pages.
/// Every document takes the filters of `items` (checked, then ignored), since GIS clients repeat
/// the query of the address they were given on every request.
extension OpenAPI {
    static func ogcOperations(_ context: Context) -> [Operation] {
        let json = "application/json"
        let cached = [("ETag", true), ("Cache-Control", false)]
        let localized = [("Content-Language", true), ("Vary", true)]
        let items = "/ogc/collections/{collectionId}/items"
        let page = [
            "limit": query(
                "limit", "Features per page, 1 to 1000 (default 100)",
                ["type": "integer", "minimum": 1, "maximum": 1000, "default": 100]),
            "bbox": query(
                "bbox",
                "minLon,minLat,maxLon,maxLat in CRS84 degrees, minLat <= maxLat (minLon > maxLon crosses the antimeridian)",
                queryParameters(context)["bbox"]?.schema ?? ["type": "string"]),
            "bbox-crs": query(
                "bbox-crs", "The CRS of bbox: CRS84 only", ["type": "string", "enum": [OGCParameters.crs84]]),
            "datetime": query(
                "datetime",
                "sampled_on: an RFC 3339 date or date-time (its UTC day), or an interval start/end, .. or empty for an open end",
                text(datetimePattern)),
            "cursor": query("cursor", "Opaque cursor of the next link", text("^[A-Za-z0-9_-]{1,256}$")),
        ]
        return [
            Operation(
                method: "GET", path: "/ogc", summary: "OGC API - Features landing page", access: .readOGC,
                query: OGCResource.parameters, special: page,
                answers: [
                    Answer(
                        status: 200, description: "Title, description and links", content: [(json, ref("OGCLanding"))],
                        headers: cached + localized)
                ]),
            Operation(
                method: "GET", path: "/ogc/conformance", summary: "Conformance classes (Part 1 core and GeoJSON)",
                access: .readOGC, query: OGCResource.parameters, special: page,
                answers: [
                    Answer(
                        status: 200, description: "conformsTo",
                        content: [(json, ["type": "object", "required": ["conformsTo"]])], headers: cached + localized)
                ]),
            Operation(
                method: "GET", path: "/ogc/collections", summary: "The feature collections", access: .readOGC,
                query: OGCResource.parameters, special: page,
                answers: [
                    Answer(
                        status: 200, description: "assessments, sites and measurements",
                        content: [(json, ["type": "object", "required": ["collections", "links"]])],
                        headers: cached + localized)
                ]),
            Operation(
                method: "GET", path: "/ogc/collections/{collectionId}", summary: "One collection", access: .readOGC,
                query: OGCResource.parameters, special: page,
                answers: [
                    Answer(
                        status: 200, description: "Title, description, extent, CRS and links",
                        content: [(json, ref("OGCCollection"))], headers: cached + localized),
                    problem(404, "No such collection"),
                ]),
            Operation(
                method: "GET", path: "/ogc/collections/{collectionId}/schema",
                summary: "JSON Schema of a feature (describedby)", access: .readOGC, query: OGCResource.parameters,
                special: page,
                answers: [
                    Answer(
                        status: 200, description: "JSON Schema 2020-12",
                        content: [("application/schema+json", ["type": "object"])], headers: cached),
                    problem(404, "No such collection"),
                ]),
            Operation(
                method: "GET", path: items, summary: "Features of a collection, keyset-paged",
                description:
                    "Without a key, coordinates are rounded to public_coordinate_decimals. The next link carries the cursor.",
                access: .readOGC, query: OGCParameters.names, special: page,
                answers: [
                    Answer(
                        status: 200, description: "A GeoJSON FeatureCollection with numberReturned and links",
                        content: [("application/geo+json", ref("OGCFeatureCollection"))],
                        headers: cached + [("Vary", true), ("Link", false)]),
                    problem(404, "No such collection"),
                ]),
            Operation(
                method: "GET", path: items + "/{featureId}", summary: "One feature", access: .readOGC,
                query: OGCResource.parameters, special: page,
                answers: [
                    Answer(
                        status: 200, description: "A GeoJSON Feature with self and collection links",
                        content: [("application/geo+json", ref("OGCFeature"))], headers: cached + [("Vary", true)]),
                    problem(404, "No such collection or feature"),
                ]),
        ]
    }

    /// `datetime`: a date or an RFC 3339 date-time (seconds with at most 3 decimals), or an interval
    /// whose ends are instants, `..` or empty.
    static var datetimePattern: String {
        let date = String(SchemaPatterns.calendarDate.dropFirst().dropLast())
        let instant = "\(date)(?:\(OGCParameters.timePattern))?"
        return "^(?:\(instant)|(?:\(instant)|\\.\\.)?/(?:\(instant)|\\.\\.)?)$"
    }

    /// The schemas of the `/ogc` documents.
    static var ogcSchemas: [String: Any] {
        let link: [String: Any] = [
            "type": "object", "required": ["href", "rel"],
            "properties": [
                "href": ["type": "string", "format": "uri"], "rel": ["type": "string"], "type": ["type": "string"],
                "title": ["type": "string"],
            ],
        ]
        let links: [String: Any] = ["type": "array", "items": link]
        let feature: [String: Any] = [
            "type": "object", "required": ["type", "geometry", "properties"],
            "properties": [
                "type": ["type": "string", "enum": ["Feature"]], "id": ["type": ["integer", "string"]],
                "geometry": ["type": "object"], "properties": ["type": "object"], "links": links,
            ],
        ]
        return [
            "OGCLanding": [
                "type": "object", "required": ["links"],
                "properties": ["title": ["type": "string"], "description": ["type": "string"], "links": links],
            ],
            "OGCCollection": [
                "type": "object", "required": ["id", "links"],
                "properties": [
                    "id": ["type": "string", "enum": OGCCollection.allCases.map(\.rawValue)],
                    "title": ["type": "string"], "description": ["type": "string"], "links": links,
                    "extent": ["type": "object"], "itemType": ["type": "string"],
                    "crs": ["type": "array", "items": ["type": "string"]],
                ],
            ],
            "OGCFeature": feature,
            "OGCFeatureCollection": [
                "type": "object", "required": ["type", "features", "numberReturned", "links"],
                "properties": [
                    "type": ["type": "string", "enum": ["FeatureCollection"]],
                    "features": ["type": "array", "items": feature],
                    "numberReturned": ["type": "integer", "minimum": 0],
                    "numberMatched": ["type": "integer", "minimum": 0],
                    "timeStamp": ["type": "string", "format": "date-time"], "links": links,
                ],
            ],
        ]
    }
}
