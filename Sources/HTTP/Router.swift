/// Routes requests by method and path pattern (`/v1/assessments/{id}`) to handlers.
///
/// Answers `404` for unknown paths, `405` with `Allow` for a method the path does not take
/// (HEAD is allowed wherever GET is), and `OPTIONS` with `Allow` (the server adds CORS).
public struct Router: Responder {
    /// A synchronous handler, run on the server's bounded worker pool.
    public typealias Handler = @Sendable (Request) throws -> Response
    /// A handler that answers later, from any thread, by calling the completion once.
    public typealias DeferredHandler = @Sendable (Request, @escaping @Sendable (Response) -> Void) -> Void

    enum Action: Sendable {
        case sync(Handler)
        case nonblocking(Handler)
        case deferred(DeferredHandler)
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    struct Route: Sendable {
        var pattern: String
        var segments: [Segment]
        var label: String
        var actions: [HTTPMethod: Action]
        /// Body limits by method, where a route declares one.
        var bodyLimits: [HTTPMethod: Int] = [:]
    }

    var routes: [Route] = []
    /// Patterns without parameters, for a lookup without splitting the path.
    var literalRoutes: [String: Int] = [:]

    public init() {}

    /// Adds a synchronous handler; `name` labels the route in metrics (default: the pattern).
    ///
    /// The handler runs on the server's bounded worker pool. With `isNonblocking` it runs on
    /// the socket queue itself, skipping the hop to a worker (about a third of a tiny
    /// request's cost): only for handlers that never block and take microseconds (an answer
    /// from memory), never for SQLite or file work.
    public mutating func add(
        _ method: HTTPMethod, _ pattern: String, name: String? = nil, isNonblocking: Bool = false,
        handler: @escaping Handler
    ) {
        add(method, pattern, name: name, action: isNonblocking ? .nonblocking(handler) : .sync(handler))
    }

    /// Adds a handler that answers later (long poll, event stream, group commit): it starts on the
    /// worker pool and holds no thread once it returns.
    /// `bodyLimit` is the largest body it takes, checked before the body is read (`413`).
    public mutating func add(
        _ method: HTTPMethod, _ pattern: String, name: String? = nil, bodyLimit: Int? = nil,
        deferred: @escaping DeferredHandler
    ) {
        add(method, pattern, name: name, action: .deferred(deferred), bodyLimit: bodyLimit)
    }

    mutating func add(_ method: HTTPMethod, _ pattern: String, name: String?, action: Action, bodyLimit: Int? = nil) {
        if let index = routes.firstIndex(where: { $0.pattern == pattern }) {
            routes[index].actions[method] = action
            routes[index].bodyLimits[method] = bodyLimit
            return
        }
        let segments = Router.segments(of: pattern).map { part -> Segment in
            part.hasPrefix("{") && part.hasSuffix("}")
                ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
        var route = Route(pattern: pattern, segments: segments, label: name ?? pattern, actions: [method: action])
        route.bodyLimits[method] = bodyLimit
        routes.append(route)
        if !segments.contains(where: { if case .parameter = $0 { return true } else { return false } }) {
            literalRoutes[pattern] = routes.count - 1
        }
    }

    static func segments(of path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// Finds the route for `path` and its parameters; literal segments win over parameters
    /// by registration order.
    func match(_ path: String) -> (Route, [String: String])? {
        if let index = literalRoutes[path] { return (routes[index], [:]) }
        let parts = Router.segments(of: path)
        routeLoop: for route in routes where route.segments.count == parts.count {
            var parameters: [String: String] = [:]
            for (segment, part) in zip(route.segments, parts) {
                switch segment {
                case .literal(let literal): if literal != part { continue routeLoop }
                case .parameter(let name): parameters[name] = String(part)
                }
            }
            return (route, parameters)
        }
        return nil
    }

    /// The body limit the matched route declares for the method, if any.
    public func bodyLimit(for head: RequestHead) -> Int? {
        let path = head.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let (route, _) = match(String(path)) else { return nil }
        return route.bodyLimits[head.method]
    }

    public func respond(to request: Request, completion: @escaping @Sendable (Response) -> Void) {
        guard let (route, parameters) = match(request.path) else {
            completion(
                .problem(Problem(status: .notFound, detail: "No resource at this path.", messageKey: "http.not_found")))
            return
        }
        let label = route.label
        var request = request
        request.parameters = parameters
        let action = route.actions[request.method] ?? (request.method == .head ? route.actions[.get] : nil)
        guard let action else {
            let allow = Router.allowHeader(route)
            if request.method == .options {
                var response = Response(status: .noContent, headers: ["Allow": allow])
                response.route = label
                completion(response)
            } else {
                var response = Response.problem(
                    Problem(
                        status: .methodNotAllowed, detail: "This resource does not take \(request.method.rawValue).",
                        headers: ["Allow": allow], messageKey: "http.method_not_allowed",
                        messageArguments: ["method": request.method.rawValue, "allow": allow]))
                response.route = label
                completion(response)
            }
            return
        }
        switch action {
        case .deferred(let handler):
            // On the worker pool too: a deferred handler may validate or read before it parks
            // the request, and neither belongs on a socket queue. Once it returns, it holds no thread.
            let routed = request
            let workers = request.workers ?? WorkerPool.shared
            workers.submit {
                handler(routed) { response in
                    var response = response
                    response.route = label
                    completion(response)
                }
            }
        case .nonblocking(let handler):
            var response = Router.run(handler, request)
            response.route = label
            completion(response)
        case .sync(let handler):
            let routed = request
            let workers = request.workers ?? WorkerPool.shared
            workers.submit {
                var response = Router.run(handler, routed)
                response.route = label
                completion(response)
            }
        }
    }

    /// Runs a handler, turning a thrown `Problem` into its answer and anything else into a
    /// bare 500 whose detail goes to the access log only.
    static func run(_ handler: Handler, _ request: Request) -> Response {
        do {
            return try handler(request)
        } catch let problem as Problem {
            return .problem(problem)
        } catch {
            var response = Response.problem(Problem(status: .internalServerError, messageKey: "http.internal"))
            response.logFields["error"] = String(describing: error)
            return response
        }
    }

    /// The `Allow` value for a route: its methods, HEAD with GET, and OPTIONS.
    static func allowHeader(_ route: Route) -> String {
        var methods = Set(route.actions.keys)
        if methods.contains(.get) { methods.insert(.head) }
        methods.insert(.options)
        return HTTPMethod.known.filter { methods.contains($0) }.map(\.rawValue).joined(separator: ", ")
    }
}
