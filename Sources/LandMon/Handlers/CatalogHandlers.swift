import Assessments
import Foundation
import HTTP

extension Application {
    /// `GET /health`: 200 with counts when the database answers, 503 when it does not.
    func health(_ request: Request) -> Response {
        guarded(request, access: .open) { _, _ in
            do {
                _ = try database.read { db in try db.first("SELECT 1", []) { $0.int(0) } }
            } catch {
                throw APIError.unavailable(detail: "The database is not usable.")
            }
            var out: [UInt8] = Array(#"{"status":"ok","version":"#.utf8)
            JSONWriter.appendString(Application.version, to: &out)
            out.append(contentsOf: Array(#","schema_version":"#.utf8))
            JSONWriter.appendString(schemaVersion, to: &out)
            out.append(contentsOf: Array(#","assessments":"#.utf8))
            JSONWriter.appendInteger(activeAssessments.load(ordering: .relaxed), to: &out)
            out.append(UInt8(ascii: "}"))
            var response = Response.json(out)
            response.headers.set("Cache-Control", "no-cache")
            return response
        }
    }

    /// `GET /v1/schema`: the JSON Schema of a submission and the catalogs.
    func schema(_ request: Request) -> Response {
        guarded(request, access: .read) { request, _ in
            try rejectParameters(request, allowed: ["pretty"])
            var response = Response.json(schemaDocument)
            response.headers.set("Content-Type", "application/schema+json")
            response.headers.set("ETag", "\"s-" + Digest.hex(Digest.sha256(schemaDocument)).prefix(24) + "\"")
            return response
        }
    }

    /// `GET /v1/regions[?country=KZ]`: ISO 3166-2 regions of the member countries.
    func regions(_ request: Request) -> Response {
        guarded(request, access: .read) { request, _ in
            try rejectParameters(request, allowed: ["country", "pretty"])
            var country: String?
            if let value = request.query["country"] {
                country = try QueryValues.country(value)
            }
            var out: [UInt8] = Array(#"{"regions":["#.utf8)
            var first = true
            for region in catalog.regions.values.sorted(by: { $0.code < $1.code })
            where country == nil || region.country == country {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(contentsOf: Array(#"{"code":"#.utf8))
                JSONWriter.appendString(region.code, to: &out)
                out.append(contentsOf: Array(#","name":"#.utf8))
                JSONWriter.appendString(region.name, to: &out)
                out.append(contentsOf: Array(#","country":"#.utf8))
                JSONWriter.appendString(region.country, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(contentsOf: Array("]}".utf8))
            return .json(out)
        }
    }

    /// Refuses query parameters an endpoint does not know (400 naming the first).
    func rejectParameters(_ request: Request, allowed: Set<String>) throws {
        for item in request.query where !allowed.contains(item.name) {
            throw APIError.invalidParameter(name: item.name, detail: "unknown parameter \"\(item.name)\"")
        }
    }
}
