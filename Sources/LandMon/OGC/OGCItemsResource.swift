import Assessments
import Formats
import Foundation
import HTTP
import Messages
import Store

/// `GET /ogc/collections/{collectionId}/items` and `.../items/{featureId}`: GeoJSON features,
/// keyset-paged through `next` links that carry the cursor (in the body and in `Link`).
struct OGCItemsResource: Sendable {
    let exchange: Exchange
    let store: any AssessmentStore
    let catalog: Catalog
    let countries: Set<String>
    let settings: OGCSettings
    let snapshot: OGCSnapshot
    /// Adds members to a site's properties (country, site id): `LDNResource.siteMembers`.
    var siteProperties: @Sendable (String, String) -> [UInt8] = { _, _ in [] }

    /// `GET /ogc/collections/{collectionId}/items`.
    func items(_ request: Request) -> Response {
        exchange.guarded(request, access: .readOGC) { request, caller in
            let collection = try OGCResource.collection(named: request.parameters["collectionId"])
            var query = try OGCParameters.parse(Array(request.query), catalog: catalog, countries: countries)
            query.filter.isLatestPerSite = collection == .sites
            if collection == .measurements && query.filter.indicators.isEmpty {
                // The store's statistics rows also hold derived 0-30 cm values and block fields:
                // the collection is the measurements of the catalog's indicators only.
                query.filter.indicators = catalog.indicatorCodes
            }
            let links = settings.links(for: request)
            let decimals = settings.decimals(for: caller)
            let filterKey = collection.rawValue + "|" + query.filter.key
            let etag = exchange.collectionETag(
                "ogc", filterKey, "limit=\(query.limit)", "cursor=\(query.cursor ?? "")", links.base,
                "decimals=\(decimals.map(String.init) ?? "exact")", "pretty=\(Exchange.isPretty(request))")
            var headers: Headers = [
                "Content-Type": OGCResource.geoJSON, "ETag": etag, "Vary": "Accept, Authorization",
            ]
            if let answer = exchange.unchanged(request, etag: etag, caller: caller, isJSON: false, headers: headers) {
                return answer
            }
            let writer = OGCFeatureJSON(indicators: catalog.indicatorCodes, decimals: decimals)
            var out: [UInt8] = Array(#"{"type":"FeatureCollection","features":["#.utf8)
            let returned: Int
            // Counted on the first page, within the query budget (else left out), then carried by the cursor.
            let matched: Int?
            let next: String?
            if collection == .measurements {
                let after = try query.cursor.map { cursor throws(APIError) in
                    try OGCCursor.measurementKey(cursor, filterKey: filterKey)
                }
                let page = try store.measurementPage(query.filter, limit: query.limit, after: after?.0, count: false)
                for (index, row) in page.items.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    writer.appendMeasurement(row, unit: catalog.indicators[row.key.indicator]?.unit, to: &out)
                }
                returned = page.items.count
                matched =
                    after.map(\.matched)
                    ?? (try? store.measurementPage(query.filter, limit: 1, after: nil, count: true).total)
                next = page.next.map { OGCCursor.encode($0, matched: matched, filterKey: filterKey) }
            } else {
                let after = try query.cursor.map { cursor throws(APIError) in
                    try OGCCursor.pageKey(cursor, filterKey: filterKey)
                }
                let page = try store.page(
                    query.filter, limit: query.limit, after: after?.0, count: false, isBudgeted: true)
                for (index, item) in page.items.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    append(item, collection: collection, writer: writer, to: &out)
                }
                returned = page.items.count
                matched =
                    after.map(\.matched)
                    ?? (try? store.page(query.filter, limit: 1, after: nil, count: true, isBudgeted: true).total)
                next = page.next.map { OGCCursor.encode($0, matched: matched, filterKey: filterKey) }
            }
            let path = "/ogc/collections/\(collection.rawValue)/items"
            var pageLinks: [[String: Any]] = [
                links.link(path + queryString(request, cursor: query.cursor), rel: "self", type: OGCResource.geoJSON),
                links.link("/ogc/collections/\(collection.rawValue)", rel: "collection", type: OGCResource.json),
            ]
            if let next {
                let href = path + queryString(request, cursor: next)
                pageLinks.append(links.link(href, rel: "next", type: OGCResource.geoJSON, title: "Next page"))
                headers.add("Link", "<\(links.url(href))>; rel=\"next\"; type=\"\(OGCResource.geoJSON)\"")
            }
            out.append(contentsOf: Array(#"],"numberReturned":"#.utf8))
            JSONWriter.appendInteger(returned, to: &out)
            if let matched {
                out.append(contentsOf: Array(#","numberMatched":"#.utf8))
                JSONWriter.appendInteger(matched, to: &out)
            }
            out.append(contentsOf: Array(#","timeStamp":"#.utf8))
            JSONWriter.appendString(try snapshot.current(store).timeStamp, to: &out)
            out.append(contentsOf: Array(#","links":"#.utf8))
            out.append(contentsOf: ogcJSON(pageLinks))
            out.append(UInt8(ascii: "}"))
            if Exchange.isPretty(request) { out = JSONWriter.prettyPrinted(out) }
            return Response(headers: headers, body: .bytes(out))
        }
    }

    /// `GET /ogc/collections/{collectionId}/items/{featureId}`.
    func item(_ request: Request) -> Response {
        exchange.guarded(request, access: .readOGC) { request, caller in
            _ = try OGCParameters.parse(
                Array(request.query), catalog: catalog, countries: countries, allowed: OGCResource.parameters)
            let collection = try OGCResource.collection(named: request.parameters["collectionId"])
            let featureID = request.parameters["featureId"] ?? ""
            let notFound = APIError.notFound(
                Message("ogc.no_feature", ["collection": collection.rawValue, "id": featureID]))
            let writer = OGCFeatureJSON(indicators: catalog.indicatorCodes, decimals: settings.decimals(for: caller))
            var out: [UInt8] = []
            switch collection {
            case .assessments:
                guard let id = Int64(featureID), id > 0, let stored = try store.assessment(id: id), !stored.isRetracted,
                    let document = try? JSONParser().parse(stored.document),
                    let lat = document["site"]?["lat"]?.numberValue?.value,
                    let lon = document["site"]?["lon"]?.numberValue?.value
                else { throw notFound }
                writer.appendAssessment(id: id, lat: lat, lon: lon, document: stored.document, to: &out)
            case .sites:
                let parts = featureID.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, countries.contains(parts[0]),
                    (try? QueryValues.identifier(parts[1], name: "featureId")) != nil
                else { throw notFound }
                var filter = AssessmentFilter()
                filter.country = parts[0]
                filter.site = parts[1]
                filter.isLatestPerSite = true
                guard
                    let item = try store.page(filter, limit: 1, after: nil, count: false, isBudgeted: true).items.first
                else { throw notFound }
                append(item, collection: .sites, writer: writer, to: &out)
            case .measurements:
                let parts = featureID.split(separator: ".", maxSplits: 2).map(String.init)
                guard parts.count == 3, let id = Int64(parts[0]), catalog.indicators[parts[1]] != nil,
                    let top = Double(parts[2]), top.isFinite,
                    let row = try store.measurement(assessmentID: id, indicator: parts[1], topCm: top)
                else { throw notFound }
                writer.appendMeasurement(row, unit: catalog.indicators[row.key.indicator]?.unit, to: &out)
            }
            // The links go in before the closing brace of the feature.
            let links = settings.links(for: request)
            let path = "/ogc/collections/\(collection.rawValue)"
            out.removeLast()
            out.append(contentsOf: Array(#","links":"#.utf8))
            out.append(
                contentsOf: ogcJSON([
                    links.link(path + "/items/" + percentEncode(featureID), rel: "self", type: OGCResource.geoJSON),
                    links.link(path, rel: "collection", type: OGCResource.json),
                ]))
            out.append(UInt8(ascii: "}"))
            if Exchange.isPretty(request) { out = JSONWriter.prettyPrinted(out) }
            return Response(
                headers: ["Content-Type": OGCResource.geoJSON, "Vary": "Accept, Authorization"], body: .bytes(out))
        }
    }

    /// One assessment, or a site as its latest assessment (id `country:site`).
    private func append(
        _ item: ListedAssessment, collection: OGCCollection, writer: OGCFeatureJSON, to out: inout [UInt8]
    ) {
        guard collection == .sites else {
            writer.appendAssessment(id: item.id, lat: item.lat, lon: item.lon, document: item.document, to: &out)
            return
        }
        let document = try? JSONParser().parse(item.document)
        let country = document?["country"]?.stringValue ?? ""
        let site = document?["site"]?["id"]?.stringValue ?? ""
        writer.appendAssessment(
            id: item.id, lat: item.lat, lon: item.lon, document: item.document, featureID: country + ":" + site,
            extra: siteProperties(country, site), to: &out)
    }

    /// `?query` of the request with the cursor replaced (or removed when nil). The other parameters
    /// stay as the client wrote them: GDAL adds the query of the address it was given to a `next`
    /// link unless it finds it there verbatim (`datetime=2010-01-01/2019-12-31`, slash unescaped).
    private func queryString(_ request: Request, cursor: String?) -> String {
        let raw = request.target.split(separator: "?", maxSplits: 1).dropFirst().first ?? ""
        var parts = raw.split(separator: "&").filter { !$0.hasPrefix("cursor=") && $0 != "cursor" }.map {
            OGCItemsResource.escaped($0)
        }
        if let cursor { parts.append("cursor=\(cursor)") }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    /// A query component as sent, with what may not stand in a URL in a link (RFC 3986: anything
    /// but unreserved, sub-delimiters, `:@/?` and percent escapes) escaped.
    static func escaped(_ component: Substring) -> String {
        var out = ""
        for byte in component.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5a, 0x61...0x7a, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"),
                UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","),
                UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"),
                UInt8(ascii: "?"), UInt8(ascii: "%"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
