import Assessments
@preconcurrency import Dispatch
import Formats
import Foundation
import HTTP
import Store

/// `GET /v1/changes`.
struct ChangesResource: Sendable {
    let exchange: Exchange
    let store: any AssessmentStore
    let feed: ChangeFeed

    /// The query parameters of `/v1/changes` (besides `Exchange.commonParameters`).
    static let parameters: Set<String> = ["since", "limit", "wait"]

    /// `GET /v1/changes?since=N&limit=&wait=S`, or a Server-Sent Events stream with
    /// `Accept: text/event-stream` (resumed by `Last-Event-ID`). Waiting parks a callback in the
    /// change feed, not a thread.
    func changes(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        exchange.guardedDeferred(request, access: .read, completion: completion) { request, _, done in
            try exchange.rejectParameters(request, allowed: Self.parameters)
            var since =
                try request.query["since"].map { try QueryValues.integer($0, name: "since", range: 0...Int64.max) } ?? 0
            let limit = Int(
                try request.query["limit"].map { try QueryValues.integer($0, name: "limit", range: 1...1000) } ?? 100)
            let wait = Double(
                try request.query["wait"].map { try QueryValues.integer($0, name: "wait", range: 0...60) } ?? 0)
            let accept = request.headers["Accept"] ?? ""
            if accept.contains("text/event-stream") {
                if let last = request.headers["Last-Event-ID"], let seq = Int64(trimmingOptionalWhitespace(last)),
                    seq >= 0
                {
                    since = seq
                }
                let start = since
                guard try store.changes(after: start, limit: 1) != nil else {
                    throw APIError.changesExpired(since: start)
                }
                var response = Response(
                    headers: ["Content-Type": "text/event-stream", "Cache-Control": "no-cache"],
                    body: .stream(eventStream(since: start)))
                response.logFields["stream"] = "sse"
                return done(.success(response))
            }
            let start = since
            let answer: @Sendable () -> Result<Response, any Error> = {
                Result {
                    guard let changes = try store.changes(after: start, limit: limit) else {
                        throw APIError.changesExpired(since: start)
                    }
                    var response = Response.json(
                        FeedJSON.page(changes, lastSeq: changes.last?.seq ?? max(start, feed.lastSeq)))
                    return response
                }
            }
            if wait > 0 && feed.lastSeq <= start {
                feed.wait(since: start, timeout: wait) { _ in
                    DispatchQueue.global().async { done(answer()) }
                }
            } else {
                done(answer())
            }
        }
    }

    /// SSE: every change after `since`, then each new one as it commits; a comment line every
    /// 15 s keeps proxies from closing the stream.
    private func eventStream(since: Int64) -> @Sendable (BodyWriter) -> Void {
        { body in
            let queue = DispatchQueue(label: "landmon.sse")
            @Sendable func pump(after seq: Int64) {
                queue.async {
                    guard body.isOpen else { return }
                    let changes = (try? store.changes(after: seq, limit: 500)) ?? nil
                    guard let changes else {
                        body.finish()
                        return
                    }
                    if changes.isEmpty {
                        feed.wait(since: seq, timeout: 15) { newest in
                            if newest == nil {
                                body.write(Array(": keep-alive\n\n".utf8)) { isOpen in if isOpen { pump(after: seq) } }
                            } else {
                                pump(after: seq)
                            }
                        }
                        return
                    }
                    let last = changes[changes.count - 1].seq
                    body.write(FeedJSON.events(changes)) { isOpen in if isOpen { pump(after: last) } }
                }
            }
            body.write(Array("retry: 2000\n\n".utf8)) { isOpen in if isOpen { pump(after: since) } }
        }
    }
}
