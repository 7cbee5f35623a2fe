import Assessments
import Formats
import Foundation
import HTTP
import Messages
import Store

/// `POST /v1/assessments`, `GET|PUT|DELETE /v1/assessments/{id}` and its history.
struct AssessmentResource: Sendable {
    let exchange: Exchange
    let store: any AssessmentStore
    let validator: Validator
    let idempotency: IdempotencyKeys
    let commits: Commits
    let schemaVersion: String
    /// The most documents one batch may hold.
    let maxBatchDocuments: Int

    /// The query parameters of `POST /v1/assessments`, `/batch`, `GET /v1/assessments/{id}` and its
    /// history (besides `Exchange.commonParameters`).
    static let noParameters: Set<String> = []
    /// The query parameters of `PUT` and `DELETE /v1/assessments/{id}`: why.
    static let reasonParameters: Set<String> = ["reason"]

    /// Submits one assessment: 201 created, 200 identical resubmission, 409 other content.
    func submit(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        exchange.guardedDeferred(request, access: .write, completion: completion) { request, caller, done in
            guard let principal = caller.principal else { throw APIError.unauthorized(Message("access.key_needed")) }
            try exchange.rejectParameters(request, allowed: Self.noParameters)
            _ = try Bodies.requireJSON(request)
            try idempotency.run(request, principal: principal, done: done) { key, done in
                let assessment = try Bodies.validate(request.body, with: validator)
                try Bodies.requireWrite(principal, country: assessment.country)
                let render: @Sendable ([CreateOutcome]) -> Response = { outcomes in
                    switch outcomes[0] {
                    case .created(let stored, _): return Bodies.representation(stored, status: .created)
                    case .unchanged(let stored): return Bodies.representation(stored)
                    }
                }
                store.create(
                    [Bodies.submission(assessment)], context: WriteContext(principal, schemaVersion: schemaVersion),
                    idempotency: key?.write(render)
                ) { result in
                    done(
                        result.map { outcomes in
                            if case .created(_, let seq) = outcomes[0] { commits.didCommit(seq: seq, activeDelta: 1) }
                            return render(outcomes)
                        }.mapError { error in
                            guard case .conflicts(let conflicts) = error, let conflict = conflicts.first,
                                let existingID = conflict.existingID
                            else { return error }
                            return APIError.conflict(
                                Message(
                                    conflict.isRetracted
                                        ? "assessment.reference_retracted" : "assessment.reference_taken",
                                    ["id": String(existingID)]), existingID: existingID)
                        })
                }
            }
        }
    }

    /// The current revision; 410 once retracted.
    func fetch(_ request: Request) -> Response {
        exchange.guarded(request, access: .read) { request, caller in
            try exchange.rejectParameters(request, allowed: Self.noParameters)
            let stored = try current(request)
            guard let decimals = exchange.coordinateDecimals(for: caller) else { return Bodies.representation(stored) }
            // Without a key, rounded coordinates: other bytes, another tag.
            var response = Response.json(PublicCoordinates.document(stored.document, decimals: decimals))
            response.headers.set("ETag", String(ETag.of(stored).dropLast()) + "-c\(decimals)\"")
            return response
        }
    }

    /// The stored assessment of the `{id}` path: 404 when there is none, 410 once retracted.
    private func current(_ request: Request) throws -> StoredAssessment {
        let stored = try record(request)
        try requireActive(stored)
        return stored
    }

    /// The stored assessment of the `{id}` path, retracted or not: 404 when there is none.
    private func record(_ request: Request) throws -> StoredAssessment {
        let id = try Bodies.assessmentID(request)
        guard let stored = try store.assessment(id: id) else {
            throw APIError.notFound(Message("assessment.not_found", ["id": String(id)]))
        }
        return stored
    }

    /// 410 once retracted.
    private func requireActive(_ stored: StoredAssessment) throws {
        if stored.isRetracted { throw APIError.gone(Message("assessment.retracted", ["id": String(stored.id)])) }
    }

    /// A correction: a full new document, `If-Match` required, a new revision. The caller's right
    /// is checked against the stored record before the body is read: another country's agency
    /// gets 403 whatever it sends. A retracted record is 410 once the request is well formed.
    func correct(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        exchange.guardedDeferred(request, access: .write, completion: completion) { request, caller, done in
            guard let principal = caller.principal else { throw APIError.unauthorized(Message("access.key_needed")) }
            try exchange.rejectParameters(request, allowed: Self.reasonParameters)
            let stored = try record(request)
            try Bodies.requireWrite(principal, country: stored.country)
            guard let ifMatch = request.headers["If-Match"] else {
                throw APIError.preconditionRequired(Message("assessment.if_match_required"))
            }
            // A malformed request, body included, is refused as such before the record's state
            // is told: the store answers 410 for a retracted one inside the write.
            let reason = try self.reason(request, required: false)
            _ = try Bodies.requireJSON(request)
            let assessment = try Bodies.validateCorrection(request.body, stored: stored, with: validator)
            try Bodies.requireWrite(principal, country: assessment.country)
            store.revise(
                id: stored.id, with: Bodies.submission(assessment),
                precondition: ETag.precondition(ifMatch, id: stored.id),
                reason: reason, context: WriteContext(principal, schemaVersion: schemaVersion)
            ) { result in
                done(
                    result.map { outcome in
                        switch outcome {
                        case .revised(let stored, let seq):
                            commits.didCommit(seq: seq, activeDelta: 0)
                            return Bodies.representation(stored)
                        case .unchanged(let stored): return Bodies.representation(stored)
                        }
                    }.mapError(refusal))
            }
        }
    }

    /// A retraction: 204; the assessment then answers 410 and leaves lists and statistics.
    func retract(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        exchange.guardedDeferred(request, access: .write, completion: completion) { request, caller, done in
            guard let principal = caller.principal else { throw APIError.unauthorized(Message("access.key_needed")) }
            try exchange.rejectParameters(request, allowed: Self.reasonParameters)
            let stored = try record(request)
            try Bodies.requireWrite(principal, country: stored.country)
            // A malformed request is refused as such before the record's state is told.
            let reason = try self.reason(request, required: true) ?? ""
            try requireActive(stored)
            let precondition = request.headers["If-Match"].map { ETag.precondition($0, id: stored.id) }
            store.retract(
                id: stored.id, precondition: precondition, reason: reason,
                context: WriteContext(principal, schemaVersion: schemaVersion)
            ) {
                result in
                done(
                    result.map { seq in
                        commits.didCommit(seq: seq, activeDelta: -1)
                        return Response(status: .noContent)
                    }.mapError(refusal))
            }
        }
    }

    /// `?reason=`: why a revision or retraction was made: at most 500 characters (Unicode scalars,
    /// as JSON Schema's `maxLength` counts them), not only white space.
    private func reason(_ request: Request, required: Bool) throws -> String? {
        let raw = request.query["reason"]
        if let raw, raw.unicodeScalars.count > 500 { throw APIError.parameter("reason", "reason_length") }
        if let text = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            return text
        }
        if required { throw APIError.parameter("reason", "reason_required") }
        return nil
    }

    /// Turns a refusal from inside a write transaction into the API's words.
    private func refusal(_ error: StoreError) -> any Error {
        switch error {
        case .notFound: return APIError.notFound(Message("assessment.not_found", ["id": ""]))
        case .retracted(let id): return APIError.gone(Message("assessment.retracted", ["id": String(id)]))
        case .stale(let current):
            return APIError.preconditionFailed(Message("assessment.stale", ["revision": String(current)]))
        case .forbidden(let country):
            return APIError.forbidden(Message("access.country_forbidden", ["country": country]))
        case .identityChanged(let field):
            return APIError.validation(
                [
                    ValidationProblem(
                        path: "/\(field)", code: .inconsistent,
                        message: Message("validation.identity_changed", ["field": field]))
                ],
                Message("assessment.identity_changed", ["field": field]))
        case .referenceTaken(let existing):
            return APIError.conflict(
                Message("assessment.reference_in_use", ["id": String(existing)]), existingID: existing)
        default: return error
        }
    }
}

extension AssessmentResource {
    /// `GET /v1/assessments/{id}/history`: every revision, oldest first, with who, when and why.
    func history(_ request: Request) -> Response {
        exchange.guarded(request, access: .read) { request, caller in
            try exchange.rejectParameters(request, allowed: Self.noParameters)
            let id = try Bodies.assessmentID(request)
            guard let entries = try store.history(id: id) else {
                throw APIError.notFound(Message("assessment.not_found", ["id": String(id)]))
            }
            let decimals = exchange.coordinateDecimals(for: caller)
            return .json(
                DocumentJSON.history(id: id, entries: entries) { document in
                    decimals.map { PublicCoordinates.document(document, decimals: $0) } ?? document
                })
        }
    }
}
