/// What the server calls for each request.
///
/// Completion-based so a handler can park a request without holding a thread (long poll) and
/// answer later from any thread. `respond` runs on a connection queue, so it must be cheap;
/// `completion` must be called exactly once.
public protocol Responder: Sendable {
    func respond(to request: Request, completion: @escaping @Sendable (Response) -> Void)

    /// The largest body a request with this head may send; nil for the server's default.
    func bodyLimit(for head: RequestHead) -> Int?
}

extension Responder {
    /// The largest body a request with this head may send, decided before the body is read; nil
    /// for the server's default. A router answers the limit its route declares.
    public func bodyLimit(for head: RequestHead) -> Int? { nil }
}
