import Assessments
import Formats
import Foundation
import HTTP
import Messages
import Store

extension AssessmentResource {
    /// `POST /v1/assessments/batch`: a JSON array or NDJSON of up to `maxBatchDocuments`
    /// documents, all or nothing. Each document is parsed from its own slice of the body and
    /// validated before the next, so the body is held once and never as one big tree.
    func submitBatch(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        exchange.guardedDeferred(request, access: .write, completion: completion) { request, caller, done in
            guard let principal = caller.principal else { throw APIError.unauthorized(Message("access.key_needed")) }
            try exchange.rejectParameters(request, allowed: Self.noParameters)
            let isNDJSON = try Bodies.requireJSON(request, allowNDJSON: true)
            try idempotency.run(request, principal: principal, done: done) { key, done in
                let slices =
                    try isNDJSON ? BatchSplitter.lines(request.body) : BatchSplitter.arrayElements(request.body)
                guard slices.count <= maxBatchDocuments else {
                    let limits = ["max": String(maxBatchDocuments), "count": String(slices.count)]
                    throw APIError.validation(
                        [ValidationProblem(path: "", code: .outOfRange, message: Message("batch.too_many", limits))],
                        Message("batch.too_large"))
                }
                guard !slices.isEmpty else {
                    throw APIError.validation(
                        [ValidationProblem(path: "", code: .required, message: Message("batch.no_documents"))],
                        Message("batch.empty"))
                }
                let assessments = try validateBatch(request.body, slices: slices, principal: principal)
                let render: @Sendable ([CreateOutcome]) -> Response = { outcomes in
                    let created = outcomes.contains { if case .created = $0 { true } else { false } }
                    return Response.json(DocumentJSON.batch(outcomes), status: created ? .created : .ok)
                }
                storeBatch(assessments, principal: principal, key: key, render: render, done: done)
            }
        }
    }

    /// Stores valid assessments all or nothing (the batch and the spreadsheet import): conflicts
    /// on `reference` become a 422 naming each document, commits wake the change feed.
    func storeBatch(
        _ assessments: [Assessment], principal: Principal, key: IdempotencyKey?,
        render: @escaping @Sendable ([CreateOutcome]) -> Response,
        done: @escaping @Sendable (Result<Response, any Error>) -> Void
    ) {
        store.create(
            assessments.map(Bodies.submission), context: WriteContext(principal, schemaVersion: schemaVersion),
            idempotency: key?.write(render)
        ) { result in
            done(
                result.map { outcomes in
                    var created: Int64 = 0
                    var lastSeq: Int64 = 0
                    for case .created(_, let seq) in outcomes {
                        created += 1
                        lastSeq = max(lastSeq, seq)
                    }
                    if created > 0 { commits.didCommit(seq: lastSeq, activeDelta: created) }
                    return render(outcomes)
                }.mapError { error in
                    guard case .conflicts(let conflicts) = error else { return error }
                    return APIError.validation(
                        conflicts.map { conflict in
                            ValidationProblem(
                                path: "/\(conflict.index)/reference", code: .duplicate,
                                message: conflictMessage(conflict, assessments[conflict.index]))
                        }, Message("batch.conflicts", ["count": String(conflicts.count)]))
                })
        }
    }

    /// Why document `conflict.index` cannot be stored, in the client's terms.
    private func conflictMessage(_ conflict: Conflict, _ assessment: Assessment) -> Message {
        var arguments = ["reference": assessment.reference, "country": assessment.country]
        if let earlier = conflict.duplicateOf {
            arguments["first"] = String(earlier)
            return Message("batch.reference_repeated", arguments)
        }
        arguments["id"] = conflict.existingID.map(String.init) ?? ""
        return Message(conflict.isRetracted ? "batch.reference_retracted" : "batch.reference_taken", arguments)
    }

    /// Parses and validates every document; all problems of all documents, paths prefixed by index.
    private func validateBatch(_ body: [UInt8], slices: [Range<Int>], principal: Principal) throws -> [Assessment] {
        var assessments: [Assessment] = []
        assessments.reserveCapacity(slices.count)
        var problems: [ValidationProblem] = []
        let today = Date()
        let parser = JSONParser()
        for (index, range) in slices.enumerated() {
            let value: JSONValue
            do {
                value = try parser.parse(body[range])
            } catch {
                // The parser counts from the start of the document; the client needs the body's offset.
                let offset = range.lowerBound + error.offset
                throw APIError.malformedJSON(offset: offset, JSONError(error.kind, at: offset).message)
            }
            switch validator.validate(value, today: today) {
            case .success(let assessment):
                try AssessmentResource.checkCountry(of: assessment, index: index, principal: principal)
                assessments.append(assessment)
            case .failure(let failure):
                problems.append(contentsOf: failure.problems.map { $0.prefixed(byIndex: index) })
            }
            if problems.count > 10_000 { break }
        }
        if !problems.isEmpty {
            throw APIError.validation(problems, Message("batch.invalid", ["count": String(problems.count)]))
        }
        return assessments
    }

    /// The batch's rule for each document (and the spreadsheet import's, which stores through the
    /// batch): a key may write only its own country; 403 names the document's index.
    static func checkCountry(of assessment: Assessment, index: Int, principal: Principal) throws {
        guard principal.mayWrite(country: assessment.country) else {
            throw APIError.forbidden(
                Message(
                    "batch.other_country",
                    [
                        "index": String(index), "country": assessment.country, "key": principal.name,
                        "own": principal.country ?? "-",
                    ]))
        }
    }
}
