import Foundation
import Testing

@testable import HTTP
@testable import LandMon

/// `GET /v1/changes`: the feed in seq order, `410` past retention, a long poll released by a
/// submission, and a Server-Sent Events stream over a socket resumed with `Last-Event-ID`.
@Suite struct ChangesTests {
    func seqs(_ reply: TestReply) -> [Int] {
        (reply.object["changes"] as? [[String: Any]] ?? []).compactMap { $0["seq"] as? Int }
    }

    @Test func feedInOrderWithKinds() throws {
        let harness = try TestApp(.queries)
        var ids: [Int64] = []
        for n in 0..<5 { ids.append(try harness.store(T6Doc.make("TJ", reference: "CH-\(n)", site: "S-\(n)"))) }
        let all = harness.request(.get, "/v1/changes?since=0")
        #expect(all.status == 200)
        #expect(seqs(all) == [1, 2, 3, 4, 5])
        let changes = all.object["changes"] as? [[String: Any]] ?? []
        #expect(changes.compactMap { ($0["id"] as? NSNumber)?.int64Value } == ids)
        #expect(
            changes.allSatisfy { $0["kind"] as? String == "created" && ($0["at"] as? String)?.hasSuffix("Z") == true })
        #expect(all.object["last_seq"] as? Int == 5)
        let page = harness.request(.get, "/v1/changes?since=2&limit=2")
        #expect(seqs(page) == [3, 4])
        #expect(page.object["last_seq"] as? Int == 4)
        let none = harness.request(.get, "/v1/changes?since=5")
        #expect(seqs(none).isEmpty)
        #expect(none.object["last_seq"] as? Int == 5)

        let current = harness.request(.get, "/v1/assessments/\(ids[0])")
        let etag = try #require(current.headers["ETag"])
        let revised = harness.request(
            .put, "/v1/assessments/\(ids[0])", headers: [("If-Match", etag)],
            body: T6Doc.encode(T6Doc.make("TJ", reference: "CH-0", site: "S-0", soc: 11)))
        #expect(revised.status == 200, "\(revised.text)")
        #expect(harness.request(.delete, "/v1/assessments/\(ids[1])?reason=test").status == 204)
        let later = harness.request(.get, "/v1/changes?since=5")
        let kinds = (later.object["changes"] as? [[String: Any]] ?? []).map { "\($0["kind"] ?? "")/\($0["id"] ?? "")" }
        #expect(kinds == ["revised/\(ids[0])", "retracted/\(ids[1])"])
        #expect(later.object["last_seq"] as? Int == 7)
    }

    @Test func sinceOlderThanTheFeedKeepsIsGone() throws {
        let harness = try TestApp(.queries)
        for n in 0..<6 { _ = try harness.store(T6Doc.make("TM", reference: "G-\(n)", site: "S-\(n)")) }
        // Retention removed seq 1 to 3.
        try harness.execute("DELETE FROM changes WHERE seq <= 3")
        let gone = harness.request(.get, "/v1/changes?since=1")
        #expect(gone.status == 410)
        #expect(gone.object["type"] as? String == "/problems/changes-expired")
        #expect(harness.request(.get, "/v1/changes?since=2").status == 410)
        let kept = harness.request(.get, "/v1/changes?since=3")
        #expect(kept.status == 200)
        #expect(seqs(kept) == [4, 5, 6])
        #expect(harness.request(.get, "/v1/changes?since=0").status == 200)
        // The event stream refuses the same resumption point before it starts streaming.
        let stream = harness.request(
            .get, "/v1/changes", headers: [("Accept", "text/event-stream"), ("Last-Event-ID", "1")])
        #expect(stream.status == 410)
    }

    @Test(arguments: ["since=-1", "since=x", "limit=0", "limit=1001", "wait=61", "wait=soon", "colour=red"])
    func badParameters(query: String) throws {
        let harness = try TestApp(.queries)
        let reply = harness.request(.get, "/v1/changes?" + query)
        #expect(reply.status == 400)
        #expect(reply.parameter == String(query.prefix { $0 != "=" }))
    }

    @Test func longPollReleasedBySubmission() throws {
        let harness = try TestApp(.queries)
        _ = try harness.store(T6Doc.make("KG", reference: "W-0", site: "S-0"))
        let box = T6Box<TestReply>()
        let done = DispatchSemaphore(value: 0)
        let start = Date()
        DispatchQueue.global().async {
            box.set(harness.request(.get, "/v1/changes?since=1&wait=5"))
            done.signal()
        }
        // Parked once the feed holds its callback (a loaded machine may take a moment to get there).
        let parkDeadline = Date().addingTimeInterval(3)
        while harness.app.feed.waiterCount == 0 && Date() < parkDeadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(box.get() == nil, "the poll answered before anything changed")
        #expect(harness.app.feed.waiterCount == 1)
        let parked = Date()
        let id = try harness.store(T6Doc.make("KG", reference: "W-1", site: "S-1"))
        #expect(done.wait(timeout: .now() + 3) == .success)
        let elapsed = Date().timeIntervalSince(parked)
        #expect(elapsed < 2, "released \(elapsed) s after the submission started")
        #expect(Date().timeIntervalSince(start) < 5, "answered before its own wait ran out")
        let reply = try #require(box.get())
        #expect(reply.status == 200)
        let changes = reply.object["changes"] as? [[String: Any]] ?? []
        #expect(changes.map { ($0["id"] as? NSNumber)?.int64Value } == [id])
        #expect(reply.object["last_seq"] as? Int == 2)
    }

    @Test func longPollTimesOutEmpty() throws {
        let harness = try TestApp(.queries)
        _ = try harness.store(T6Doc.make("KG", reference: "W-0", site: "S-0"))
        let start = Date()
        let reply = harness.request(.get, "/v1/changes?since=1&wait=1")
        let elapsed = Date().timeIntervalSince(start)
        #expect(reply.status == 200)
        #expect(seqs(reply).isEmpty)
        #expect(reply.object["last_seq"] as? Int == 1)
        #expect(elapsed >= 0.9 && elapsed < 3)
    }

    /// Reads SSE events until `count` ids are seen or the socket times out.
    func events(_ client: LoopbackClient, count: Int) -> [Int] {
        var text = ""
        var ids: [Int] = []
        while ids.count < count, let chunk = client.readChunk() {
            text += String(decoding: chunk, as: UTF8.self)
            while let end = text.range(of: "\n\n") {
                let event = text[..<end.lowerBound]
                text = String(text[end.upperBound...])
                for line in event.split(separator: "\n") where line.hasPrefix("id: ") {
                    ids.append(Int(line.dropFirst(4))!)
                }
                if event.contains("data: ") {
                    #expect(event.contains("event: created") && event.contains("\"kind\":\"created\""))
                }
            }
        }
        return ids
    }

    @Test func eventStreamResumedWithLastEventID() throws {
        let harness = try TestApp(.queries)
        for n in 0..<3 { _ = try harness.store(T6Doc.make("UZ", reference: "E-\(n)", site: "S-\(n)")) }
        let server = try harness.serve()
        defer { server.shutdown(deadline: 1) }
        let auth = ("Authorization", "Bearer \(harness.adminKey!)")
        let first = try LoopbackClient(port: server.port, timeout: 5)
        first.send(LoopbackClient.head("GET", "/v1/changes?since=0", headers: [auth, ("Accept", "text/event-stream")]))
        let head = try #require(first.readHead())
        #expect(head.0 == 200)
        #expect(head.1["Content-Type"] == "text/event-stream")
        #expect(events(first, count: 3) == [1, 2, 3])
        _ = try harness.store(T6Doc.make("UZ", reference: "E-3", site: "S-3"))
        #expect(events(first, count: 1) == [4])
        _ = try harness.store(T6Doc.make("UZ", reference: "E-4", site: "S-4"))
        #expect(events(first, count: 1) == [5])

        // Resume from event 4: only 5, then what commits next.
        let second = try LoopbackClient(port: server.port, timeout: 5)
        second.send(
            LoopbackClient.head(
                "GET", "/v1/changes", headers: [auth, ("Accept", "text/event-stream"), ("Last-Event-ID", "4")]))
        #expect(second.readHead()?.0 == 200)
        #expect(events(second, count: 1) == [5])
        _ = try harness.store(T6Doc.make("UZ", reference: "E-5", site: "S-5"))
        #expect(events(second, count: 1) == [6])
    }
}

extension ChangesTests {
    /// Many parked long polls hold no worker: other requests are answered meanwhile, and one
    /// submission releases them all.
    @Test func parkedPollsHoldNoThread() throws {
        let harness = try TestApp(.queries)
        _ = try harness.store(T6Doc.make("KG", reference: "P-0", site: "S-0"))
        let polls = 64
        let released = DispatchSemaphore(value: 0)
        let statuses = T6Box<[Int]>()
        statuses.set([])
        let lock = NSLock()
        for _ in 0..<polls {
            var fields = Headers()
            fields.add("Authorization", "Bearer \(harness.adminKey!)")
            harness.router.respond(to: Request(method: .get, target: "/v1/changes?since=1&wait=10", headers: fields)) {
                response in
                lock.withLock { statuses.set((statuses.get() ?? []) + [Int(response.status.code)]) }
                released.signal()
            }
        }
        let parkDeadline = Date().addingTimeInterval(5)
        while harness.app.feed.waiterCount < polls && Date() < parkDeadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(harness.app.feed.waiterCount == polls)
        let start = Date()
        #expect(harness.request(.get, "/v1/assessments").status == 200)
        #expect(Date().timeIntervalSince(start) < 1)
        _ = try harness.store(T6Doc.make("KG", reference: "P-1", site: "S-1"))
        for _ in 0..<polls { #expect(released.wait(timeout: .now() + 5) == .success) }
        #expect(statuses.get() == Array(repeating: 200, count: polls))
    }
}

extension ChangesTests {
    /// A `since` the feed never gave (a restored or replaced database) is 410, not an endless wait.
    @Test func sinceBeyondTheFeedIsGone() throws {
        let harness = try TestApp(.queries)
        _ = try harness.store(T6Doc.make("KG", reference: "F-0", site: "S-0"))
        #expect(harness.request(.get, "/v1/changes?since=1").status == 200)
        #expect(harness.request(.get, "/v1/changes?since=2&wait=5").status == 410)
        #expect(harness.request(.get, "/v1/changes?since=0").status == 200)
    }
}
