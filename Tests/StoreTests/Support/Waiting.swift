import Assessments
import Foundation
import Locking
import Store

/// Starts a completion-based write and waits for its answer; a write that never answers fails
/// after `timeout` seconds instead of hanging the run.
func waitFor<T: Sendable>(
    timeout: TimeInterval = 30, _ start: (@escaping @Sendable (Result<T, StoreError>) -> Void) -> Void
) -> Result<T, StoreError> {
    let answer = Locked<Result<T, StoreError>?>(nil)
    let done = DispatchSemaphore(value: 0)
    start { result in
        answer.withLock { $0 = result }
        done.signal()
    }
    guard done.wait(timeout: .now() + timeout) == .success, let result = answer.withLock({ $0 }) else {
        return .failure(.failed("no completion within \(timeout) s"))
    }
    return result
}

/// The writes of a store, waited for.
extension AssessmentStore {
    func createAndWait(
        _ submissions: [Submission], context: WriteContext? = nil, idempotency: IdempotencyWrite? = nil
    ) throws -> Result<[CreateOutcome], StoreError> {
        let context = try context ?? ConformanceData.admin()
        return waitFor { create(submissions, context: context, idempotency: idempotency, completion: $0) }
    }

    func reviseAndWait(
        id: Int64, with submission: Submission, precondition: RevisionPrecondition = .any, reason: String? = nil,
        context: WriteContext? = nil
    ) throws -> Result<ReviseOutcome, StoreError> {
        let context = try context ?? ConformanceData.admin()
        return waitFor {
            revise(
                id: id, with: submission, precondition: precondition, reason: reason, context: context, completion: $0)
        }
    }

    func retractAndWait(
        id: Int64, precondition: RevisionPrecondition? = nil, reason: String = "conformance check",
        context: WriteContext? = nil
    ) throws -> Result<Int64, StoreError> {
        let context = try context ?? ConformanceData.admin()
        return waitFor {
            retract(id: id, precondition: precondition, reason: reason, context: context, completion: $0)
        }
    }

    /// Stores new documents, each required to be `created`; answers them in input order.
    func store(_ submissions: [Submission], context: WriteContext? = nil) throws -> [StoredAssessment] {
        try createAndWait(submissions, context: context).get().map { outcome in
            guard case .created(let stored, _) = outcome else { throw DataError("not created: \(outcome)") }
            return stored
        }
    }

    /// Stores one new document, required to be `created`.
    func store(_ submission: Submission, context: WriteContext? = nil) throws -> StoredAssessment {
        try store([submission], context: context)[0]
    }
}

extension Result {
    /// The error of a failure, nil on success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// A number member of a stored representation, parsed (any JSON spelling of the document will do).
func number(_ key: String, in document: [UInt8]) -> Double? {
    (try? JSONParser().parse(document))?[key]?.numberValue?.value
}

/// A string member of a stored representation, parsed.
func string(_ key: String, in document: [UInt8]) -> String? {
    (try? JSONParser().parse(document))?[key]?.stringValue
}
