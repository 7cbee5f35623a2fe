import Assessments
import Foundation
import HTTP
import Messages
import Store

/// What the write handlers share: reading and checking bodies, rights, representations.
enum Bodies {
    /// Refuses a body that is not JSON (415); `allowNDJSON` for the batch endpoint.
    /// Returns whether the body is NDJSON.
    static func requireJSON(_ request: Request, allowNDJSON: Bool = false) throws -> Bool {
        let raw = request.headers["Content-Type"] ?? ""
        let type = raw.split(separator: ";").first.map { trimmingOptionalWhitespace($0).lowercased() } ?? ""
        if type == "application/json" { return false }
        if allowNDJSON && (type == "application/x-ndjson" || type == "application/ndjson") { return true }
        let accepted = allowNDJSON ? "application/json, application/x-ndjson" : "application/json"
        throw APIError.unsupportedMediaType(
            raw.isEmpty
                ? Message("body.content_type_missing", ["accepted": accepted])
                : Message("body.content_type_refused", ["given": raw, "accepted": accepted]))
    }

    /// Validates one submission body: 400 for JSON that does not parse, 422 with every problem.
    static func validate(_ body: [UInt8], with validator: Validator) throws -> Assessment {
        switch validator.validate(body, today: Date()) {
        case .valid(let assessment): return assessment
        case .malformed(let error): throw APIError.malformedJSON(offset: error.offset, error.message)
        case .invalid(let failure):
            throw APIError.validation(
                failure.problems, Message("validation.summary", ["count": String(failure.problems.count)]))
        }
    }

    /// Validates a correction, which may be the stored representation sent back with a change:
    /// the server's read-only members are dropped when they match `stored` (422 when not), and
    /// every problem of the document is reported with them.
    static func validateCorrection(_ body: [UInt8], stored: StoredAssessment, with validator: Validator) throws
        -> Assessment
    {
        let value: JSONValue
        do {
            value = try validator.parser.parse(body)
        } catch {
            throw APIError.malformedJSON(offset: error.offset, error.message)
        }
        // The stored representation was written by this server and parses.
        let current = (try? JSONParser().parse(stored.document)) ?? JSONValue(.object([]))
        let (submission, readOnly) = StoredFields.submission(from: value, stored: current, catalog: validator.catalog)
        var problems = readOnly
        switch validator.validate(submission, today: Date()) {
        case .success(let assessment) where problems.isEmpty: return assessment
        case .success: break
        case .failure(let failure): problems += failure.problems
        }
        throw APIError.validation(problems, Message("validation.summary", ["count": String(problems.count)]))
    }

    /// Refuses a document of a country the key may not write (403).
    static func requireWrite(_ principal: Principal, country: String) throws {
        guard principal.mayWrite(country: country) else {
            throw APIError.forbidden(
                Message(
                    "access.other_country",
                    ["key": principal.name, "own": principal.country ?? "-", "country": country]))
        }
    }

    /// The `{id}` path parameter as an assessment id (404 when it cannot be one).
    static func assessmentID(_ request: Request) throws -> Int64 {
        guard let text = request.parameters["id"], let id = Int64(text), id > 0 else {
            throw APIError.notFound(Message("assessment.not_found", ["id": request.parameters["id"] ?? ""]))
        }
        return id
    }

    /// The stored representation as a JSON answer with its strong ETag; `Location` names a new one.
    static func representation(_ stored: StoredAssessment, status: Status = .ok) -> Response {
        var response = Response.json(stored.document, status: status)
        response.headers.set("ETag", ETag.of(stored))
        if status == .created { response.headers.set("Location", "/v1/assessments/\(stored.id)") }
        return response
    }

    /// The submission of a validated assessment: its hash identifies an identical resubmission.
    static func submission(_ assessment: Assessment) -> Submission {
        Submission(assessment, contentHash: Digest.sha256(assessment.canonicalJSON()))
    }
}

extension WriteContext {
    /// The context of a write by `principal` now, under `schemaVersion`.
    init(_ principal: Principal, schemaVersion: String) {
        self.init(
            author: principal.name, country: principal.role == .admin ? nil : principal.country,
            now: Timestamp.format(Date()), schemaVersion: schemaVersion)
    }
}
