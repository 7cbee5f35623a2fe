import Foundation
import Synchronization
import Testing

@testable import HTTP

@Suite struct ServerLiveTests {
    static let get = "GET /health HTTP/1.1\r\nHost: t\r\n\r\n"

    @Test func keepAliveServesSeveralRequestsWithServerFields() throws {
        let live = try LiveServer()
        let client = try RawClient(port: live.port)
        for _ in 0..<3 {
            client.send(Self.get)
            let reply = try #require(client.readReply())
            #expect(reply.status == 200 && reply.text == #"{"status":"ok"}"#)
            #expect(reply.headers["Content-Length"] == "15" && reply.headers["Content-Type"] == "application/json")
            #expect(reply.headers["Date"]?.hasSuffix("GMT") == true && reply.headers["Server"] == "landmon")
            #expect(reply.headers["X-Content-Type-Options"] == "nosniff")
            #expect(reply.headers["X-Request-Id"]?.count == 16 && reply.headers["Connection"] == nil)
        }
        let records = live.records(count: 3)
        #expect(
            records.count == 3 && records[0].route == "health" && records[0].status == 200
                && records[0].path == "/health")
    }

    @Test func nonblockingRouteAnswersOnTheSocketQueue() throws {
        let live = try LiveServer()
        let client = try RawClient(port: live.port)
        client.send("GET /inline HTTP/1.1\r\nHost: t\r\n\r\nGET /inline HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readReply()?.text == #"{"inline":true}"#)
        #expect(client.readReply()?.text == #"{"inline":true}"#)
    }

    @Test func requestIDIsEchoedWhenSane() throws {
        let live = try LiveServer()
        let client = try RawClient(port: live.port)
        client.send("GET /health HTTP/1.1\r\nHost: t\r\nX-Request-Id: abc-42\r\n\r\n")
        #expect(client.readReply()?.headers["X-Request-Id"] == "abc-42")
        client.send(
            "GET /health HTTP/1.1\r\nHost: t\r\nX-Request-Id: " + String(repeating: "x", count: 200) + "\r\n\r\n")
        #expect(client.readReply()?.headers["X-Request-Id"]?.count == 16)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let live = try LiveServer()
        let client = try RawClient(port: live.port)
        let words = ["one", "two", "three", "four"]
        client.send(
            words.enumerated().map { i, w in
                "GET /echo/\(w)?sleep_ms=\(i == 0 ? 50 : 0) HTTP/1.1\r\nHost: t\r\n\r\n"
            }.joined())
        let replies = words.compactMap { _ in client.readReply()?.text }
        #expect(replies == words)
    }

    @Test func http10ClosesUnlessKeepAlive() throws {
        let live = try LiveServer()
        let plain = try RawClient(port: live.port)
        plain.send("GET /health HTTP/1.0\r\n\r\n")
        let reply = try #require(plain.readReply())
        #expect(reply.status == 200 && reply.headers["Connection"] == "close")
        #expect(plain.readsEOF())
        let kept = try RawClient(port: live.port)
        for _ in 0..<2 {
            kept.send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(kept.readReply()?.headers["Connection"] == "keep-alive")
        }
    }

    @Test func headAnswersFieldsWithoutBody() throws {
        let live = try LiveServer()
        let client = try RawClient(port: live.port)
        client.send("HEAD /health HTTP/1.1\r\nHost: t\r\n\r\n" + Self.get)
        let head = try #require(client.readReply(isHead: true))
        #expect(head.status == 200 && head.headers["Content-Length"] == "15" && head.body.isEmpty)
        // The next answer starts right after the head: no body bytes were sent for HEAD.
        #expect(client.readReply()?.text == #"{"status":"ok"}"#)
    }

    @Test func expectContinueOnlyAfterTheHeadIsAccepted() throws {
        let live = try LiveServer()
        let client = try RawClient(port: live.port)
        client.send("PUT /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        #expect(client.readReply()?.status == 100)
        client.send("hello")
        #expect(client.readReply()?.text == "hello")

        let refused = try RawClient(port: live.port)
        refused.send("PUT /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n")
        #expect(refused.readReply()?.status == 413)
        #expect(refused.readsEOF())
    }

    @Test func chunkedRequestBody() throws {
        let live = try LiveServer()
        let client = try RawClient(port: live.port)
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
        client.send("5\r\nhello\r\n")
        client.send("6;name=v\r\n world\r\n0\r\nX-Trailer: ignored\r\n\r\n")
        let reply = try #require(client.readReply())
        #expect(reply.status == 200 && reply.text == "hello world")
        client.send(
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n"
                + String(repeating: "x", count: 1024) + "\r\n0\r\n\r\n")
        #expect(client.readReply()?.status == 413)
        #expect(client.readsEOF())
    }

    @Test(arguments: [
        ("GET /health HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("\u{16}\u{03}\u{01}\u{00}\u{a5}\u{01}\u{00}", 400),
        ("GET /health HTTP/1.1\r\n\r\n", 400),
        ("GET /health HTTP/1.1\r\nHost: t\r\nX:  a\r\n  folded\r\n\r\n", 400),
        ("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: t\r\n\r\n", 414),
        ("GET /health HTTP/1.1\r\nHost: t\r\n" + (0..<101).map { "X-\($0): v\r\n" }.joined() + "\r\n", 431),
        ("GET /health HTTP/3.0\r\nHost: t\r\n\r\n", 505),
        ("FOO /health HTTP/1.1\r\nHost: t\r\n\r\n", 501),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1001\r\n\r\n", 413),
    ])
    func refusalsAnswerAndClose(request: String, status: Int) throws {
        let live = try LiveServer()
        let client = try RawClient(port: live.port)
        client.send(request)
        let reply = try #require(client.readReply())
        #expect(reply.status == status)
        #expect(reply.headers["Connection"] == "close")
        #expect(reply.headers["Content-Type"] == "application/problem+json")
        #expect(reply.text.contains("\"request_id\":"))
        #expect(client.readsEOF())
    }

    @Test func wrongMethodIs405WithAllowAndKeepsTheConnection() throws {
        let live = try LiveServer()
        let client = try RawClient(port: live.port)
        client.send("DELETE /health HTTP/1.1\r\nHost: t\r\n\r\n")
        let reply = try #require(client.readReply())
        #expect(reply.status == 405 && reply.headers["Allow"] == "GET, HEAD, OPTIONS")
        client.send("GET /nowhere HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readReply()?.status == 404)
    }

    @Test func corsPreflightForConfiguredOrigin() throws {
        let live = try LiveServer()
        let client = try RawClient(port: live.port)
        client.send(
            "OPTIONS /health HTTP/1.1\r\nHost: t\r\nOrigin: https://dash.example\r\nAccess-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: authorization\r\n\r\n"
        )
        let reply = try #require(client.readReply())
        #expect(reply.status == 204)
        #expect(reply.headers["Access-Control-Allow-Origin"] == "https://dash.example")
        #expect(reply.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS")
        #expect(reply.headers["Access-Control-Allow-Headers"] == "authorization")
        client.send("GET /health HTTP/1.1\r\nHost: t\r\nOrigin: https://evil.example\r\n\r\n")
        #expect(client.readReply()?.headers["Access-Control-Allow-Origin"] == nil)
    }

    @Test func streamedResponseArrivesWholeAndInOrder() throws {
        let live = try LiveServer()
        let client = try RawClient(port: live.port)
        client.send("GET /stream?pieces=200 HTTP/1.1\r\nHost: t\r\n\r\n")
        let reply = try #require(client.readReply())
        #expect(reply.headers["Transfer-Encoding"] == "chunked")
        #expect(reply.body.count == 2_000_000)
        #expect(reply.body[0] == 0x61 && reply.body[10_000] == 0x62 && reply.body[1_999_999] == UInt8(199 % 26) + 0x61)
        client.send(Self.get)
        #expect(client.readReply()?.status == 200)
    }

    @Test func deferredResponseParksWithoutAThread() throws {
        let live = try LiveServer()
        let clients = try (0..<50).map { _ in try RawClient(port: live.port) }
        for client in clients { client.send("GET /deferred HTTP/1.1\r\nHost: t\r\n\r\n") }
        for client in clients { #expect(client.readReply()?.text == "late") }
    }

    @Test func manyIdleConnectionsDoNotSlowAFastRequest() throws {
        let live = try LiveServer()
        var idle: [RawClient] = []
        for i in 0..<400 {
            let client = try RawClient(port: live.port)
            if i % 2 == 0 { client.send("GET /health HTTP/1.1\r\nHo") }
            idle.append(client)
        }
        let start = Date()
        let client = try RawClient(port: live.port)
        client.send(Self.get)
        #expect(client.readReply()?.status == 200)
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(live.server.openConnections >= 401)
    }

    @Test func thirtyTwoClientsTimesFiftyRequests() async throws {
        let live = try LiveServer()
        let ok = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 32) { i in
            guard let client = try? RawClient(port: live.port) else { return }
            for j in 0..<50 {
                client.send("GET /echo/c\(i)r\(j) HTTP/1.1\r\nHost: t\r\n\r\n")
                if client.readReply()?.text == "c\(i)r\(j)" { ok.add(1, ordering: .relaxed) }
            }
        }
        #expect(ok.load(ordering: .relaxed) == 1600)
        #expect(live.records(count: 1600).count == 1600)
    }

    @Test func slowlorisHeadIsCutWhileOthersAreServed() throws {
        let live = try LiveServer { $0.headerTimeout = 0.4 }
        let slow = try RawClient(port: live.port)
        slow.send("GET /health HTTP/1.1\r\nHost: t\r\n")
        let start = Date()
        var reply: RawClient.Reply?
        for i in 0..<30 {
            slow.send("X-\(i): a\r\n")
            let fast = try RawClient(port: live.port)
            fast.send(Self.get)
            #expect(fast.readReply()?.status == 200)
            usleep(50_000)
            if slow.fill() {
                reply = slow.readReply()
                break
            }
        }
        #expect(reply?.status == 408)
        #expect(Date().timeIntervalSince(start) < 1.5)
    }

    @Test func idleKeepAliveConnectionIsClosed() throws {
        let live = try LiveServer { $0.idleTimeout = 0.3 }
        let client = try RawClient(port: live.port)
        client.send(Self.get)
        #expect(client.readReply()?.status == 200)
        #expect(client.readsEOF())
    }

    @Test func connectionCapAnswers503WithRetryAfter() throws {
        let live = try LiveServer { $0.maxConnections = 2 }
        let a = try RawClient(port: live.port)
        let b = try RawClient(port: live.port)
        a.send(Self.get)
        b.send(Self.get)
        #expect(a.readReply()?.status == 200 && b.readReply()?.status == 200)
        let c = try RawClient(port: live.port)
        let reply = try #require(c.readReply())
        #expect(reply.status == 503 && reply.headers["Retry-After"] == "1")
        #expect(c.readsEOF())
    }

    @Test func shutdownFinishesInFlightRequestsThenCloses() throws {
        let live = try LiveServer()
        let busy = try RawClient(port: live.port)
        let idle = try RawClient(port: live.port)
        idle.send(Self.get)
        #expect(idle.readReply()?.status == 200)
        busy.send("GET /echo/done?sleep_ms=300 HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(50_000)
        let start = Date()
        live.server.shutdown(deadline: 5)
        #expect(Date().timeIntervalSince(start) >= 0.2)
        let reply = try #require(busy.readReply())
        #expect(reply.text == "done" && reply.headers["Connection"] == "close")
        #expect(idle.readsEOF())
        #expect(live.server.openConnections == 0)
        #expect((try? RawClient(port: live.port)) == nil)
    }
}
