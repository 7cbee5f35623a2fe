import Assessments
@preconcurrency import Dispatch
import Formats
import Foundation
import HTTP
import Messages
import Store

/// `GET /v1/assessments`.
struct ListResource: Sendable {
    let exchange: Exchange
    let store: any AssessmentStore
    let catalog: Catalog
    let countries: Set<String>

    /// `GET /v1/assessments`: filtered, sorted, keyset-paged; JSON, NDJSON, CSV or GeoJSON;
    /// `limit=all` streams the whole result in chunks, in memory that does not grow with it.
    func list(_ request: Request) -> Response {
        exchange.guarded(request, access: .read) { request, caller in
            let query = try ListParameters.parse(
                Array(request.query), catalog: catalog, countries: countries, accept: request.headers["Accept"])
            let decimals = exchange.coordinateDecimals(for: caller)
            let etag = exchange.collectionETag(
                "assessments", query.filter.key, "limit=\(query.limit.map(String.init) ?? "all")",
                "cursor=\(query.cursor?.encoded ?? "")", "count=\(query.count)", "format=\(query.format.rawValue)",
                "pretty=\(query.isPretty)", "decimals=\(decimals.map(String.init) ?? "exact")",
                query.isExcel ? "dialect=excel-\(caller.language.rawValue)" : "", query.isXLSX ? "xlsx" : "")
            var headers: Headers = [
                "Content-Type": query.format.contentType, "ETag": etag, "Vary": "Accept, Authorization",
            ]
            if let answer = exchange.unchanged(
                request, etag: etag, caller: caller, isJSON: query.format == .json, headers: headers)
            {
                return answer
            }
            if query.isXLSX {
                headers.set("Content-Type", XLSXExport.contentType)
                headers.set("Content-Disposition", "attachment; filename=\"assessments.xlsx\"")
                return Response(headers: headers, body: .stream(xlsx(query, decimals: decimals)))
            }
            guard let limit = query.limit else {
                return Response(
                    headers: headers, body: .stream(streamAll(query, decimals: decimals, language: caller.language)))
            }
            let page = try store.page(
                query.filter, limit: limit, after: query.cursor?.key, count: query.count, isBudgeted: true)
            let next = page.next.map { Cursor($0, filterKey: query.filter.key) }
            let writer = query.writer(caller.language, blockFields: catalog.blockFieldNames)
            var out: [UInt8] = []
            out.reserveCapacity(page.items.reduce(64) { $0 + $1.document.count + 96 })
            writer.begin(into: &out)
            for (index, item) in page.items.enumerated() {
                writer.append(presented(item, decimals), isFirst: index == 0, into: &out)
            }
            let trailer = query.format.pageTrailer(next: next?.encoded, total: page.total)
            writer.end(trailer: trailer, into: &out)
            if let next { headers.add("Link", "<\(nextLink(request, cursor: next))>; rel=\"next\"") }
            if let total = page.total { headers.set("X-Total-Count", String(total)) }
            return Response(headers: headers, body: .bytes(out))
        }
    }

    /// The workbook of one page (`limit`) or of the whole result (`limit=all`), pages of 500.
    private func xlsx(_ query: ListParameters, decimals: Int?) -> @Sendable (BodyWriter) -> Void {
        let store = self.store
        let filter = query.filter
        let limit = query.limit ?? 500
        return XLSXExport.stream(
            pages: { key in
                let page = try store.page(filter, limit: limit, after: key, count: false, isBudgeted: false)
                return (page.items.map { presented($0, decimals) }, page.next)
            }, first: query.cursor?.key, onePage: query.limit != nil, depthMax: filter.depthMax)
    }

    /// The request's own URL with the cursor replaced.
    private func nextLink(_ request: Request, cursor: Cursor) -> String {
        var parts = request.query.filter { $0.name != "cursor" }.map {
            "\(percentEncode($0.name))=\(percentEncode($0.value))"
        }
        parts.append("cursor=\(cursor.encoded)")
        return request.path + "?" + parts.joined(separator: "&")
    }

    /// Streams every matching row in chunks of 500 keyset-paged reads, each in its own short read
    /// transaction, writing each chunk once the previous one has drained to the socket.
    private func streamAll(_ query: ListParameters, decimals: Int?, language: Language)
        -> @Sendable (BodyWriter) -> Void
    {
        let store = self.store
        let writer = query.writer(language, blockFields: catalog.blockFieldNames)
        return { body in
            let queue = DispatchQueue(label: "landmon.export")
            @Sendable func chunk(after key: PageKey?, isFirst: Bool) {
                queue.async {
                    var out: [UInt8] = []
                    do {
                        let page = try store.page(query.filter, limit: 500, after: key, count: false, isBudgeted: false)
                        if isFirst { writer.begin(into: &out) }
                        for (index, item) in page.items.enumerated() {
                            writer.append(presented(item, decimals), isFirst: isFirst && index == 0, into: &out)
                        }
                        // The whole result has no next page: `"next":null` in the JSON documents (GeoJSON).
                        if page.next == nil {
                            writer.end(trailer: query.format.pageTrailer(next: nil, total: nil), into: &out)
                        }
                        let next = page.next
                        body.write(out) { isOpen in
                            guard isOpen else { return }
                            if let next { chunk(after: next, isFirst: false) } else { body.finish() }
                        }
                    } catch {
                        Log.error("export stopped: \(error)")
                        body.finish()
                    }
                }
            }
            // A cursor from a page continues the export after that page.
            chunk(after: query.cursor?.key, isFirst: true)
        }
    }
}

/// An assessment as the caller sees it: coordinates rounded to `decimals` places when set.
func presented(_ item: ListedAssessment, _ decimals: Int?) -> ListedAssessment {
    guard let decimals else { return item }
    return PublicCoordinates.listed(item, decimals: decimals)
}

/// Percent-encodes a query component (RFC 3986 unreserved characters stay).
func percentEncode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case 0x30...0x39, 0x41...0x5a, 0x61...0x7a, 0x2d, 0x2e, 0x5f, 0x7e, 0x2c, 0x3a:
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default: out += String(format: "%%%02X", byte)
        }
    }
    return out
}
