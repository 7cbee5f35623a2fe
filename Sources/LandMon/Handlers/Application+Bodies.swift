import Assessments
import Foundation
import HTTP

extension Application {
    /// Refuses a body that is not JSON (415); `allowNDJSON` for the batch endpoint.
    /// Returns whether the body is NDJSON.
    func requireJSONBody(_ request: Request, allowNDJSON: Bool = false) throws -> Bool {
        let raw = request.headers["Content-Type"] ?? ""
        let type = raw.split(separator: ";").first.map { trimmingOptionalWhitespace($0).lowercased() } ?? ""
        if type == "application/json" { return false }
        if allowNDJSON && (type == "application/x-ndjson" || type == "application/ndjson") { return true }
        let accepted = allowNDJSON ? "application/json or application/x-ndjson" : "application/json"
        throw APIError.unsupportedMediaType(
            detail: raw.isEmpty
                ? "The body needs Content-Type: \(accepted)." : "Content-Type \(raw) is not accepted; send \(accepted)."
        )
    }

    /// Validates one submission body: 400 for JSON that does not parse, 422 with every problem.
    func validateSubmission(_ body: [UInt8]) throws -> Assessment {
        switch validator.validate(body, today: Date()) {
        case .valid(let assessment): return assessment
        case .malformed(let error): throw APIError.malformedJSON(offset: error.offset, detail: error.description)
        case .invalid(let failure):
            throw APIError.validation(
                failure.problems,
                detail:
                    "The assessment has \(failure.problems.count) problem\(failure.problems.count == 1 ? "" : "s"); see errors."
            )
        }
    }

    /// Refuses a document of a country the key may not write (403).
    func requireWrite(_ principal: Principal, country: String) throws {
        guard principal.mayWrite(country: country) else {
            throw APIError.forbidden(
                detail:
                    "Key \"\(principal.name)\" may write \(principal.country ?? "no country")'s assessments, not \(country)'s."
            )
        }
    }

    /// The `{id}` path parameter as an assessment id (404 when it cannot be one).
    func assessmentID(_ request: Request) throws -> Int64 {
        guard let text = request.parameters["id"], let id = Int64(text), id > 0 else {
            throw APIError.notFound(detail: "There is no assessment \(request.parameters["id"] ?? "").")
        }
        return id
    }

    /// The stored representation as a JSON answer with its strong ETag.
    func representation(_ stored: StoredAssessment, status: Status = .ok) -> Response {
        var response = Response.json(stored.document, status: status)
        response.headers.set("ETag", stored.etag)
        response.headers.set("Location", "/v1/assessments/\(stored.id)")
        return response
    }
}
