import Assessments
@preconcurrency import Dispatch
import Foundation
import HTTP
import SQLite

extension Application {
    /// `GET /v1/changes?since=N&limit=&wait=S`, or a Server-Sent Events stream with
    /// `Accept: text/event-stream` (resumed by `Last-Event-ID`). Waiting parks a callback in the
    /// change feed, not a thread.
    func changes(_ request: Request, completion: @escaping @Sendable (Response) -> Void) {
        guardedDeferred(request, access: .read, completion: completion) { request, _, done in
            try rejectParameters(request, allowed: ["since", "limit", "wait", "pretty"])
            var since = try integer(request, "since", default: 0, range: 0...Int64.max)
            let limit = Int(try integer(request, "limit", default: 100, range: 1...1000))
            let wait = Double(try integer(request, "wait", default: 0, range: 0...60))
            let accept = request.headers["Accept"] ?? ""
            if accept.contains("text/event-stream") {
                if let last = request.headers["Last-Event-ID"],
                    let seq = Int64(last.trimmingCharacters(in: .whitespaces)), seq >= 0
                {
                    since = seq
                }
                let start = since
                guard try database.read({ try ChangeReads.after(start, limit: 1, in: $0) }) != nil else {
                    throw feedGone(start)
                }
                var response = Response(
                    headers: ["Content-Type": "text/event-stream", "Cache-Control": "no-cache"],
                    body: .stream(eventStream(since: start)))
                response.logFields["stream"] = "sse"
                return done(.success(response))
            }
            let start = since
            let answer: @Sendable () -> Result<Response, any Error> = { [self] in
                Result {
                    guard let changes = try database.read({ try ChangeReads.after(start, limit: limit, in: $0) }) else {
                        throw feedGone(start)
                    }
                    return changesPage(changes, since: start)
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

    private func changesPage(_ changes: [Change], since: Int64) -> Response {
        var out: [UInt8] = Array(#"{"changes":["#.utf8)
        for (index, change) in changes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            change.appendJSON(to: &out)
        }
        out.append(contentsOf: Array(#"],"last_seq":"#.utf8))
        JSONWriter.appendInteger(changes.last?.seq ?? max(since, feed.lastSeq), to: &out)
        out.append(UInt8(ascii: "}"))
        var response = Response.json(out)
        response.headers.set("Cache-Control", "no-cache")
        return response
    }

    /// Its own problem type: the `gone` of APIError means a retracted assessment.
    private func feedGone(_ since: Int64) -> Problem {
        Problem(
            status: .gone, type: "/problems/changes-expired", title: "Changes no longer kept",
            detail:
                "since=\(since) is not in the change feed (older than it keeps, or newer than its last entry); list the assessments again, then follow the feed from its last_seq."
        )
    }

    private func integer(_ request: Request, _ name: String, default fallback: Int64, range: ClosedRange<Int64>) throws
        -> Int64
    {
        guard let text = request.query[name] else { return fallback }
        guard let value = Int64(text), range.contains(value) else {
            throw APIError.invalidParameter(
                name: name, detail: "\(name): a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// SSE: every change after `since` as `id: seq` / `event: kind` / `data: {json}`, then each new
    /// one as it commits; a comment line every 15 s keeps proxies from closing the stream.
    private func eventStream(since: Int64) -> @Sendable (BodyWriter) -> Void {
        { [self] body in
            let queue = DispatchQueue(label: "landmon.sse")
            @Sendable func pump(after seq: Int64) {
                queue.async { [self] in
                    guard body.isOpen else { return }
                    let changes = (try? database.read({ try ChangeReads.after(seq, limit: 500, in: $0) })) ?? nil
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
                    var out: [UInt8] = []
                    for change in changes {
                        out.append(contentsOf: Array("id: \(change.seq)\nevent: \(change.kind)\ndata: ".utf8))
                        change.appendJSON(to: &out)
                        out.append(contentsOf: [0x0a, 0x0a])
                    }
                    let last = changes[changes.count - 1].seq
                    body.write(out) { isOpen in if isOpen { pump(after: last) } }
                }
            }
            body.write(Array("retry: 2000\n\n".utf8)) { isOpen in if isOpen { pump(after: since) } }
        }
    }
}
