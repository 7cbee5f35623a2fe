import Testing

@testable import HTTP

@Suite struct ValueTests {
    @Test func requestSplitsAndDecodesPathAndQuery() {
        let request = Request(method: .get, target: "/v1/a%20b?country=KZ&q=a+b%26c&flag&country=UZ")
        #expect(request.path == "/v1/a b")
        #expect(request.query["country"] == "KZ")
        #expect(request.query.values(for: "country") == ["KZ", "UZ"])
        #expect(request.query["q"] == "a b&c")
        #expect(request.query["flag"] == "")
        #expect(request.query.names == ["country", "q", "flag"])
        #expect(Request(method: .get, target: "http://example.org/x?y=1").path == "/x")
    }

    @Test func headersAreCaseInsensitiveAndOrdered() {
        var headers = Headers()
        headers.add("Set-Cookie", "a")
        headers.add("set-cookie", "b")
        headers.set("Content-Type", "text/plain")
        #expect(headers["SET-COOKIE"] == "a")
        #expect(headers.values(for: "Set-Cookie") == ["a", "b"])
        headers.remove("set-cookie")
        #expect(!headers.contains("Set-Cookie") && headers.count == 1)
        #expect(!Headers.equalNames("a-b", "a_b") && !Headers.equalNames("[", "{"))
    }

    @Test func requestIDSanity() {
        #expect(Request.isSaneRequestID("abc-123"))
        #expect(!Request.isSaneRequestID(""))
        #expect(!Request.isSaneRequestID("has space"))
        #expect(!Request.isSaneRequestID(String(repeating: "x", count: 129)))
    }

    @Test func problemRendersRFC9457() {
        let problem = Problem(
            status: .unprocessableContent, type: "https://x/validation", detail: "bad \"value\"",
            errors: [.init(path: "/a/0", code: "out_of_range", message: "too big")],
            extra: [(name: "offset", json: Array("17".utf8))])
        let text = String(decoding: problem.encoded(requestID: "r1"), as: UTF8.self)
        #expect(
            text
                == #"{"type":"https://x/validation","title":"Unprocessable Content","status":422,"detail":"bad \"value\"","request_id":"r1","errors":[{"path":"/a/0","code":"out_of_range","message":"too big"}],"offset":17}"#
        )
    }

    @Test func accessLogLineIsJSON() throws {
        let record = AccessRecord(
            time: 0.5, requestID: "id", method: "GET", path: "/p\"", route: "/p", status: 200, bytes: 3,
            duration: 0.001234, remoteAddress: "127.0.0.1", logFields: ["key": "k1"])
        let line = String(decoding: record.jsonLine(), as: UTF8.self)
        #expect(
            line
                == #"{"time":"1970-01-01T00:00:00.500Z","request_id":"id","method":"GET","path":"/p\"","route":"/p","status":200,"bytes":3,"duration_ms":1.234,"remote":"127.0.0.1","key":"k1"}"#
                + "\n")
    }
}
