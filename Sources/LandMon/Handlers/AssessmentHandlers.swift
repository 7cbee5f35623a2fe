import Assessments
import Foundation
import HTTP
import SQLite

/// `POST /v1/assessments`, `GET|PUT|DELETE /v1/assessments/{id}` and its history.
extension Application {
    /// Submits one assessment: 201 created, 200 identical resubmission, 409 other content.
    func submit(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        guardedDeferred(request, access: .write, completion: completion) { request, caller, done in
            guard let principal = caller.principal else { throw APIError.unauthorized(detail: "A key is needed.") }
            _ = try requireJSONBody(request)
            try withIdempotency(request, principal: principal, done: done) { record, done in
                let assessment = try validateSubmission(request.body)
                try requireWrite(principal, country: assessment.country)
                let hash = Digest.sha256(assessment.canonicalJSON())
                let now = Timestamp.format(Date())
                let schemaVersion = self.schemaVersion
                database.asyncWrite({ db -> (Response, CreateOutcome) in
                    let outcome = try AssessmentWrites.create(
                        assessment, contentHash: hash, by: principal, at: now, schemaVersion: schemaVersion, in: db)
                    let response = try self.submissionResponse(outcome)
                    try record?.store(response, in: db, at: now)
                    return (response, outcome)
                }) { [self] result in
                    done(
                        result.map { response, outcome in
                            if case .created(_, let seq) = outcome { didCommit(seq: seq, activeDelta: 1) }
                            return response
                        })
                }
            }
        }
    }

    /// The answer to a create: a response for created and unchanged, a thrown 409 for conflicts.
    private func submissionResponse(_ outcome: CreateOutcome) throws -> Response {
        switch outcome {
        case .created(let stored, _): return representation(stored, status: .created)
        case .unchanged(let stored): return representation(stored)
        case .conflict(let id, let isRetracted):
            throw APIError.conflict(
                detail: isRetracted
                    ? "Assessment \(id) with this country and reference was retracted; its reference cannot be reused."
                    : "Assessment \(id) has this country and reference with other content; correct it with PUT /v1/assessments/\(id).",
                existingID: id)
        }
    }

    /// The current revision; 410 once retracted.
    func fetch(_ request: Request) -> Response {
        guarded(request, access: .read) { request, _ in
            let id = try assessmentID(request)
            guard let stored = try database.read({ try AssessmentReads.find(id: id, in: $0) }) else {
                throw APIError.notFound(detail: "There is no assessment \(id).")
            }
            if stored.isRetracted {
                throw APIError.gone(
                    detail: "Assessment \(id) was retracted; its history is at /v1/assessments/\(id)/history.")
            }
            return representation(stored)
        }
    }

    /// A correction: a full new document, `If-Match` required, a new revision.
    func correct(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        guardedDeferred(request, access: .write, completion: completion) { request, caller, done in
            guard let principal = caller.principal else { throw APIError.unauthorized(detail: "A key is needed.") }
            let id = try assessmentID(request)
            guard let ifMatch = request.headers["If-Match"] else {
                throw APIError.preconditionRequired(
                    detail: "A correction needs If-Match with the assessment's current ETag (GET it first).")
            }
            _ = try requireJSONBody(request)
            let reason = try self.reason(request, required: false)
            let assessment = try validateSubmission(request.body)
            try requireWrite(principal, country: assessment.country)
            let hash = Digest.sha256(assessment.canonicalJSON())
            let now = Timestamp.format(Date())
            let (schemaVersion, indicators) = (self.schemaVersion, indicatorCodes)
            database.asyncWrite({ db in
                try AssessmentWrites.revise(
                    id: id, with: assessment, contentHash: hash, ifMatch: ifMatch, reason: reason, by: principal,
                    at: now, schemaVersion: schemaVersion, indicators: indicators, in: db)
            }) { [self] result in
                done(
                    result.flatMap { outcome in
                        switch outcome {
                        case .revised(let stored, let seq):
                            didCommit(seq: seq, activeDelta: 0)
                            return .success(representation(stored))
                        case .unchanged(let stored): return .success(representation(stored))
                        }
                    }.mapError(refusal))
            }
        }
    }

    /// A retraction: 204; the assessment then answers 410 and leaves lists and statistics.
    func retract(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        guardedDeferred(request, access: .write, completion: completion) { request, caller, done in
            guard let principal = caller.principal else { throw APIError.unauthorized(detail: "A key is needed.") }
            let id = try assessmentID(request)
            let reason = try self.reason(request, required: true) ?? ""
            let ifMatch = request.headers["If-Match"]
            let now = Timestamp.format(Date())
            let indicators = indicatorCodes
            database.asyncWrite({ db in
                try AssessmentWrites.retract(
                    id: id, ifMatch: ifMatch, reason: reason, by: principal, at: now, indicators: indicators, in: db)
            }) { [self] result in
                done(
                    result.map { seq in
                        didCommit(seq: seq, activeDelta: -1)
                        return Response(status: .noContent)
                    }.mapError(refusal))
            }
        }
    }

    /// `?reason=`: why a revision or retraction was made (at most 500 characters).
    private func reason(_ request: Request, required: Bool) throws -> String? {
        let text = request.query["reason"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let text, !text.isEmpty {
            guard text.count <= 500 else {
                throw APIError.invalidParameter(name: "reason", detail: "reason: at most 500 characters")
            }
            return text
        }
        if required {
            throw APIError.invalidParameter(
                name: "reason", detail: "reason: say why the assessment is retracted (?reason=...)")
        }
        return nil
    }

    /// Turns a refusal from inside a write transaction into the API's words.
    private func refusal(_ error: any Error) -> any Error {
        guard let refusal = error as? WriteRefusal else { return error }
        switch refusal {
        case .notFound: return APIError.notFound(detail: "There is no such assessment.")
        case .gone(let id):
            return APIError.gone(
                detail: "Assessment \(id) was retracted; its history is at /v1/assessments/\(id)/history.")
        case .stale(let current):
            return APIError.preconditionFailed(
                detail:
                    "If-Match does not match the current revision \(current); GET it again and reapply the correction.")
        case .forbidden(let country):
            return APIError.forbidden(detail: "This key may not write \(country)'s assessments.")
        case .identityChanged(let field):
            return APIError.validation(
                [
                    ValidationProblem(
                        path: "/\(field)", code: .inconsistent,
                        message: "\(field) cannot change in a correction; retract and submit anew")
                ],
                detail: "A correction must keep the assessment's \(field).")
        case .referenceTaken(let existing):
            return APIError.conflict(detail: "Assessment \(existing) already has this reference.", existingID: existing)
        }
    }
}
