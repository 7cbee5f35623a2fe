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

extension JSONError {
    /// Plain words for people, with the byte offset.
    var message: Message {
        var arguments = ["offset": String(offset)]
        let key: String
        switch kind {
        case .unexpectedEnd: key = "unexpected_end"
        case .unexpectedByte(let byte):
            if byte >= 0x20 && byte < 0x7F {
                key = "unexpected_character"
                arguments["character"] = String(Character(Unicode.Scalar(byte)))
            } else {
                key = "unexpected_byte"
                arguments["byte"] = "0x" + String(byte, radix: 16, uppercase: true)
            }
        case .invalidNumber: key = "invalid_number"
        case .leadingZero: key = "leading_zero"
        case .invalidEscape: key = "invalid_escape"
        case .invalidUTF8: key = "invalid_utf8"
        case .loneSurrogate: key = "lone_surrogate"
        case .controlCharacterInString: key = "control_character"
        case .tooDeep(let limit):
            key = "too_deep"
            arguments["limit"] = String(limit)
        case .stringTooLong(let limit):
            key = "string_too_long"
            arguments["limit"] = String(limit)
        case .duplicateKey(let name):
            key = "duplicate_key"
            arguments["key"] = name.count > 64 ? String(name.prefix(64)) + "..." : name
        case .trailingData: key = "trailing_data"
        }
        return Message("json." + key, arguments)
    }
}
