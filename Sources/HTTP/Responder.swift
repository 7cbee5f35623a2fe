/// What the server calls for each request.
///
/// Completion-based so a handler can park a request without holding a thread (long poll) and
/// answer later from any thread. `respond` runs on a connection queue, so it must be cheap;
/// `completion` must be called exactly once.
public protocol Responder: Sendable {
    func respond(to request: Request, completion: @escaping @Sendable (Response) -> Void)
}
