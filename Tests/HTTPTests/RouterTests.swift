import Foundation
import Locking
import Testing

@testable import HTTP

/// Calls the router without sockets and waits for its single completion.
func route(_ router: Router, _ request: Request) async -> Response {
    await withCheckedContinuation { continuation in
        router.respond(to: request) { continuation.resume(returning: $0) }
    }
}

struct Failure: Error {}

@Suite struct RouterTests {
    static func makeRouter() -> Router {
        var router = Router()
        router.add(.get, "/v1/assessments/{id}", name: "assessment") { request in
            .json(Array("{\"id\":\"\(request.parameters["id"]!)\"}".utf8))
        }
        router.add(.post, "/v1/assessments") { _ in Response(status: .created) }
        router.add(.get, "/v1/assessments") { _ in .json(Array("[]".utf8)) }
        router.add(.get, "/problem") { _ in throw Problem(status: .conflict, detail: "no") }
        router.add(.get, "/crash") { _ in throw Failure() }
        router.add(.get, "/fast", isNonblocking: true) { _ in Response(status: .noContent) }
        router.add(.get, "/later", deferred: { _, completion in completion(Response(status: .accepted)) })
        return router
    }

    @Test func pathParametersAndRouteLabel() async {
        let response = await route(Self.makeRouter(), Request(method: .get, target: "/v1/assessments/KZ-7"))
        guard case .bytes(let body) = response.body else {
            Issue.record("no body")
            return
        }
        #expect(String(decoding: body, as: UTF8.self) == #"{"id":"KZ-7"}"#)
        #expect(response.route == "assessment")
    }

    @Test func unknownPathIs404() async {
        let response = await route(Self.makeRouter(), Request(method: .get, target: "/nope"))
        #expect(response.status == .notFound && response.problem != nil && response.route == nil)
    }

    @Test func wrongMethodIs405WithAllow() async {
        let response = await route(Self.makeRouter(), Request(method: .delete, target: "/v1/assessments"))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, HEAD, POST, OPTIONS")
        #expect(response.route == "/v1/assessments")
    }

    @Test func headRunsGetAndOptionsAnswersAllow() async {
        let head = await route(Self.makeRouter(), Request(method: .head, target: "/v1/assessments"))
        #expect(head.status == .ok)
        let options = await route(Self.makeRouter(), Request(method: .options, target: "/v1/assessments/1"))
        #expect(options.status == .noContent && options.headers["Allow"] == "GET, HEAD, OPTIONS")
    }

    @Test func thrownProblemAndUnexpectedError() async {
        let problem = await route(Self.makeRouter(), Request(method: .get, target: "/problem"))
        #expect(problem.status == .conflict && problem.problem?.detail == "no")
        let crash = await route(Self.makeRouter(), Request(method: .get, target: "/crash"))
        #expect(crash.status == .internalServerError && crash.problem?.detail == nil)
        #expect(crash.logFields["error"] != nil)
    }

    @Test func nonblockingHandler() async {
        let response = await route(Self.makeRouter(), Request(method: .get, target: "/fast"))
        #expect(response.status == .noContent && response.route == "/fast")
    }

    @Test func deferredHandler() async {
        let response = await route(Self.makeRouter(), Request(method: .get, target: "/later"))
        #expect(response.status == .accepted && response.route == "/later")
    }

    @Test func workerPoolBoundsConcurrency() async {
        let pool = WorkerPool(concurrency: 2)
        let counters = Locked((running: 0, peak: 0, done: 0))
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            for _ in 0..<20 {
                pool.submit {
                    counters.withLock {
                        $0.running += 1
                        $0.peak = max($0.peak, $0.running)
                    }
                    usleep(2000)
                    let finished = counters.withLock { c -> Bool in
                        c.running -= 1
                        c.done += 1
                        return c.done == 20
                    }
                    if finished { continuation.resume() }
                }
            }
        }
        // Never more than the bound; on a loaded machine one thread may drain all 20 before
        // the second starts, so the peak can be 1.
        #expect((1...2).contains(counters.withLock { $0.peak }))
    }
}
