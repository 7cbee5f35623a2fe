/// A write waiting for the writer: it runs the caller's closure in a savepoint and returns how to
/// answer the caller once the group's commit is known.
struct PendingWrite: Sendable {
    /// What running the write left behind.
    struct Outcome {
        /// The write's own error, if its closure (or its savepoint) failed.
        let error: (any Error)?
        /// Answers the caller, given the group's commit error (nil when it committed).
        let answer: @Sendable (_ commitError: (any Error)?) -> Void
    }

    /// Runs the write on the writer connection, inside the group's transaction.
    let perform: @Sendable (Connection) -> Outcome
    /// Answers the caller with an error without running the write (closed, BEGIN failed).
    let reject: @Sendable (any Error) -> Void

    /// Wraps a typed closure and its completion.
    init<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        reject = { completion(.failure($0)) }
        perform = { connection in
            let result = Result { try connection.savepoint { try body(connection) } }
            let ownError: (any Error)?
            if case .failure(let error) = result { ownError = error } else { ownError = nil }
            return Outcome(error: ownError) { commitError in
                // A write that failed on its own reports its own error, whatever the commit did.
                if let commitError, ownError == nil {
                    completion(.failure(commitError))
                } else {
                    completion(result)
                }
            }
        }
    }
}
