import Foundation
import HTTP
import Locking
import Testing

@testable import LandMon

/// Submissions over a real loopback socket: framing, limits and disconnects only sockets show.
@Suite struct LiveSubmitTests {
    @Test func submissionEndToEnd() throws {
        let live = try LiveTestApp()
        let key = try live.t.key("kz", .submitter, "KZ")
        let client = try live.client()
        let created = try #require(
            client.request(
                "POST", "/v1/assessments", key: key, body: T5Documents.kz("KZ-W-1"),
                headers: [("X-Request-Id", "agency-req-1")]))
        #expect(created.status == 201)
        #expect(created.headers["X-Request-Id"] == "agency-req-1")
        #expect(created.headers["X-Content-Type-Options"] == "nosniff")
        let location = try #require(created.headers["Location"])
        let etag = try #require(created.headers["ETag"])
        #expect(created.object["reference"] as? String == "KZ-W-1")

        // Same connection (keep-alive): the stored representation, then a conditional GET.
        let fetched = try #require(client.request("GET", location, key: key))
        #expect(fetched.status == 200)
        #expect(fetched.body == created.body)
        let unchanged = try #require(client.request("GET", location, key: key, headers: [("If-None-Match", etag)]))
        #expect(unchanged.status == 304)
        let again = try #require(client.request("POST", "/v1/assessments", key: key, body: T5Documents.kz("KZ-W-1")))
        #expect(again.status == 200)

        // Problems are problem+json with the request id; 401 challenges.
        let refused = try #require(
            client.request(
                "POST", "/v1/assessments", body: T5Documents.kz("KZ-W-2"), headers: [("X-Request-Id", "r-401")]))
        #expect(refused.status == 401)
        #expect(refused.isProblem)
        #expect(refused.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
        #expect(refused.object["request_id"] as? String == "r-401")
        let invalid = try #require(client.request("POST", "/v1/assessments", key: key, body: T5Documents.brokenKZ))
        #expect(invalid.status == 422)
        #expect(invalid.isProblem)
        #expect(invalid.errorPaths.count >= 7)
        #expect(try live.t.count("assessments") == 1)
    }

    @Test func concurrentClientsAreEachAnsweredOnceCommitted() throws {
        let live = try LiveTestApp()
        let key = try live.t.key("kz", .submitter, "KZ")
        let port = live.port
        let results = Locked<[Int: Int]>([:])
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            guard let client = try? LoopbackClient(port: port, timeout: 5) else { return }
            for index in 0..<5 {
                let reply = client.request(
                    "POST", "/v1/assessments", key: key, body: T5Documents.kz("KZ-W-\(worker)-\(index)"))
                if reply?.status == 201, let id = reply?.object["id"] as? Int {
                    results.withLock { $0[id] = worker }
                }
            }
        }
        #expect(results.withLock { $0.count } == 40)
        #expect(try live.t.count("assessments") == 40)
        #expect(try live.t.count("changes") == 40)
    }

    @Test func clientThatDisconnectsHalfwayStoresNothing() throws {
        let live = try LiveTestApp()
        let key = try live.t.key("kz", .submitter, "KZ")
        let body = Array(T5Documents.kz("KZ-W-3").utf8)
        do {
            let client = try live.client()
            client.send(LoopbackClient.head("POST", "/v1/assessments", key: key, bodyLength: body.count))
            client.send(Array(body[..<(body.count / 2)]))
            Thread.sleep(forTimeInterval: 0.05)
            client.abort()
        }
        do {
            let client = try live.client()
            var head = LoopbackClient.head("POST", "/v1/assessments/batch", key: key)
            head.removeLast(2)
            client.send(head + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            let half = Array(("[" + T5Documents.kz("KZ-W-4")).utf8.prefix(700))
            client.send(String(half.count, radix: 16) + "\r\n")
            client.send(half)
            client.send("\r\n")
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try live.t.count("assessments") == 0)
        #expect(try live.t.count("changes") == 0)
        // The server is still serving, and the whole document goes in.
        let reply = try live.client().request("POST", "/v1/assessments", key: key, body: T5Documents.kz("KZ-W-3"))
        #expect(reply?.status == 201)
        #expect(try live.t.count("assessments") == 1)
    }

    @Test func bodyOverTheLimitIs413FromContentLengthAlone() throws {
        let live = try LiveTestApp {
            $0.maxBodyBytes = 1000
            $0.maxBatchBodyBytes = 5000
        }
        let key = try live.t.key("kz", .submitter, "KZ")
        let document = T5Documents.kz("KZ-W-5")
        #expect(document.utf8.count > 1000 && document.utf8.count < 2500)

        // Only the head is sent: the answer comes before any body byte.
        let client = try live.client()
        client.send(LoopbackClient.head("POST", "/v1/assessments", key: key, bodyLength: document.utf8.count))
        let single = try #require(client.readReply())
        #expect(single.status == 413)
        #expect(single.isProblem)

        let batchClient = try live.client()
        batchClient.send(LoopbackClient.head("POST", "/v1/assessments/batch", key: key, bodyLength: 10_000))
        #expect(batchClient.readReply()?.status == 413)
        #expect(try live.t.count("assessments") == 0)

        // A chunked body is cut off once it passes the limit.
        let chunked = try live.client()
        var head = LoopbackClient.head("POST", "/v1/assessments", key: key)
        head.removeLast(2)
        chunked.send(head + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunked.send(String(document.utf8.count, radix: 16) + "\r\n" + document + "\r\n0\r\n\r\n")
        #expect(chunked.readReply()?.status == 413)

        // The batch endpoint has its own, larger limit.
        let batch = try #require(
            try live.client().request("POST", "/v1/assessments/batch", key: key, body: "[" + document + "]"))
        #expect(batch.status == 201)
        #expect(try live.t.count("assessments") == 1)
    }
}
