import Assessments
import Foundation
import HTTP
import SQLite

extension Application {
    /// `POST /v1/assessments/batch`: a JSON array or NDJSON of up to `maxBatchDocuments`
    /// documents, all or nothing. Each document is parsed from its own slice of the body and
    /// validated before the next, so the body is held once and never as one big tree.
    func submitBatch(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        guardedDeferred(request, access: .write, completion: completion) { request, caller, done in
            guard let principal = caller.principal else { throw APIError.unauthorized(detail: "A key is needed.") }
            let isNDJSON = try requireJSONBody(request, allowNDJSON: true)
            try withIdempotency(request, principal: principal, done: done) { record, done in
                let slices =
                    try isNDJSON ? BatchSplitter.lines(request.body) : BatchSplitter.arrayElements(request.body)
                guard slices.count <= configuration.maxBatchDocuments else {
                    throw APIError.validation(
                        [
                            ValidationProblem(
                                path: "", code: .outOfRange,
                                message:
                                    "a batch holds at most \(configuration.maxBatchDocuments) documents; this one has \(slices.count)"
                            )
                        ],
                        detail: "The batch is too large.")
                }
                guard !slices.isEmpty else {
                    throw APIError.validation(
                        [ValidationProblem(path: "", code: .required, message: "the batch holds no documents")],
                        detail: "The batch is empty.")
                }
                let assessments = try validateBatch(request.body, slices: slices, principal: principal)
                let hashes = assessments.map { Digest.sha256($0.canonicalJSON()) }
                let now = Timestamp.format(Date())
                let schemaVersion = self.schemaVersion
                database.asyncWrite({ db -> (Response, Int64, Int64) in
                    var ids: [Int64] = []
                    var created: Int64 = 0
                    var lastSeq: Int64 = 0
                    var conflicts: [ValidationProblem] = []
                    for (index, assessment) in assessments.enumerated() {
                        switch try AssessmentWrites.create(
                            assessment, contentHash: hashes[index], by: principal, at: now,
                            schemaVersion: schemaVersion, in: db)
                        {
                        case .created(let stored, let seq):
                            ids.append(stored.id)
                            created += 1
                            lastSeq = seq
                        case .unchanged(let stored): ids.append(stored.id)
                        case .conflict(let id, let isRetracted):
                            conflicts.append(
                                ValidationProblem(
                                    path: "/\(index)/reference", code: .duplicate,
                                    message: isRetracted
                                        ? "reference \(assessment.reference) belongs to assessment \(id), which was retracted"
                                        : "reference \(assessment.reference) of \(assessment.country) is assessment \(id) with other content (or appears twice in this batch); correct it with PUT"
                                ))
                        }
                    }
                    if !conflicts.isEmpty {
                        throw APIError.validation(
                            conflicts,
                            detail:
                                "\(conflicts.count) document(s) conflict with stored assessments; nothing was stored.")
                    }
                    var body: [UInt8] = Array(#"{"created":"#.utf8)
                    JSONWriter.appendInteger(created, to: &body)
                    body.append(contentsOf: Array(#","unchanged":"#.utf8))
                    JSONWriter.appendInteger(Int64(ids.count) - created, to: &body)
                    body.append(contentsOf: Array(#","ids":["#.utf8))
                    for (position, id) in ids.enumerated() {
                        if position > 0 { body.append(UInt8(ascii: ",")) }
                        JSONWriter.appendInteger(id, to: &body)
                    }
                    body.append(contentsOf: Array("]}".utf8))
                    let response = Response.json(body, status: created > 0 ? .created : .ok)
                    try record?.store(response, in: db, at: now)
                    return (response, created, lastSeq)
                }) { [self] result in
                    done(
                        result.map { response, created, lastSeq in
                            if created > 0 { didCommit(seq: lastSeq, activeDelta: created) }
                            return response
                        })
                }
            }
        }
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
                throw APIError.malformedJSON(
                    offset: offset, detail: "document \(index): \(error.description) (byte \(offset) of the body)")
            }
            switch validator.validate(value, today: today) {
            case .success(let assessment):
                if principal.mayWrite(country: assessment.country) {
                    assessments.append(assessment)
                } else {
                    throw APIError.forbidden(
                        detail:
                            "Document \(index) is \(assessment.country)'s; key \"\(principal.name)\" may write \(principal.country ?? "no country")'s only. Nothing was stored."
                    )
                }
            case .failure(let failure):
                problems.append(contentsOf: failure.problems.map { $0.prefixed(byIndex: index) })
            }
            if problems.count > 10_000 { break }
        }
        if !problems.isEmpty {
            throw APIError.validation(
                problems, detail: "\(problems.count) problem(s) in the batch; nothing was stored.")
        }
        return assessments
    }
}
