import Testing

@testable import HTTP

/// Feeds `text` to a parser (optionally split at `splits`) and collects its events.
func parse(_ chunks: [[UInt8]], limits: ParserLimits = ParserLimits()) -> (
    heads: [RequestHead], bodies: [[UInt8]], ends: Int, error: ParseError?
) {
    var parser = RequestParser(limits: limits)
    var heads: [RequestHead] = []
    var bodies: [[UInt8]] = []
    var ends = 0
    for chunk in chunks {
        parser.append(chunk)
        do {
            while let event = try parser.next() {
                switch event {
                case .head(let head):
                    heads.append(head)
                    bodies.append([])
                case .body(let bytes): bodies[bodies.count - 1].append(contentsOf: bytes)
                case .end: ends += 1
                }
            }
        } catch {
            return (heads, bodies, ends, error)
        }
    }
    return (heads, bodies, ends, nil)
}

func parse(_ text: String, limits: ParserLimits = ParserLimits()) -> (
    heads: [RequestHead], bodies: [[UInt8]], ends: Int, error: ParseError?
) {
    parse([Array(text.utf8)], limits: limits)
}

@Suite struct RequestParserTests {
    static let chunkedPost =
        "POST /v1/items?x=1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nX-A:  b c \r\n\r\n"
        + "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer-One: x\r\n\r\n"
        + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n"

    @Test func parsesSimpleGet() {
        let r = parse("GET /health HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n")
        #expect(r.error == nil)
        #expect(r.heads.count == 1 && r.ends == 1)
        let head = r.heads[0]
        #expect(head.method == .get && head.target == "/health" && head.version == .http11)
        #expect(head.headers["host"] == "localhost" && head.headers["ACCEPT"] == "*/*")
        #expect(head.keepAlive && head.framing == .none)
    }

    @Test func splitAtEveryByteBoundaryGivesTheSameResult() {
        let bytes = Array(Self.chunkedPost.utf8)
        let whole = parse([bytes])
        #expect(whole.error == nil && whole.heads.count == 2 && whole.ends == 2)
        #expect(whole.bodies[0] == Array("Wikipedia".utf8))
        for i in 0...bytes.count {
            let r = parse([Array(bytes[..<i]), Array(bytes[i...])])
            #expect(r.error == nil, "split at \(i)")
            #expect(r.heads.map(\.target) == ["/v1/items?x=1", "/next"], "split at \(i)")
            #expect(r.bodies.first == Array("Wikipedia".utf8), "split at \(i)")
            #expect(r.ends == 2, "split at \(i)")
            #expect(r.heads.first?.headers["x-a"] == "b c")
        }
        let byteByByte = parse(bytes.map { [$0] })
        #expect(byteByByte.error == nil && byteByByte.ends == 2 && byteByByte.bodies[0] == Array("Wikipedia".utf8))
    }

    @Test func contentLengthBodyAndPipelining() {
        let r = parse("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(r.error == nil && r.heads.map(\.target) == ["/a", "/b"] && r.ends == 2)
        #expect(r.bodies[0] == Array("hello".utf8) && r.heads[0].framing == .length(5))
    }

    @Test func ignoresEmptyLinesBeforeRequestLine() {
        let r = parse("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(r.error == nil && r.heads.count == 1)
    }

    @Test func http10KeepAliveSemantics() {
        #expect(parse("GET / HTTP/1.0\r\n\r\n").heads[0].keepAlive == false)
        #expect(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").heads[0].keepAlive == true)
        #expect(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").heads[0].keepAlive == false)
    }

    @Test func expectContinueIsReported() {
        let r = parse("PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
        #expect(r.heads.first?.expectsContinue == true)
    }

    @Test(
        arguments: [
            (
                "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                ParseError.contentLengthWithTransferEncoding
            ),
            ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", .badContentLength),
            ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 4\r\n\r\n", .badContentLength),
            ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", .badContentLength),
            ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n", .badContentLength),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", .badTransferEncoding),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", .badTransferEncoding),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", .unsupportedTransferCoding),
            ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", .badTransferEncoding),
            ("GET / HTTP/1.1\r\nHost: h\r\nX-Folded: a\r\n b\r\n\r\n", .obsoleteLineFolding),
            ("GET / HTTP/1.1\r\nHost : h\r\n\r\n", .badHeaderField),
            ("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", .badHeaderField),
            ("GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", .bareCarriageReturn),
            ("GET / HTTP/1.1\r\nHost: h\r\n\r\n", nil),
            ("GET / HTTP/1.1\r\n\r\n", .badHost),
            ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .badHost),
            ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", .unsupportedVersion),
            ("GET / HTTP/1.1 \r\nHost: h\r\n\r\n", .badRequestLine),
            ("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", .badRequestLine),
            ("GET nopath HTTP/1.1\r\nHost: h\r\n\r\n", .badRequestLine),
            ("GET * HTTP/1.1\r\nHost: h\r\n\r\n", .badRequestLine),
            ("\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}", .badRequestLine),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", .badChunk),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", .badChunk),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n", .badChunk),
        ] as [(String, ParseError?)])
    func refusals(text: String, expected: ParseError?) {
        #expect(parse(text).error == expected)
    }

    @Test func refusalStatuses() {
        #expect(ParseError.requestLineTooLong.statusCode == 414)
        #expect(ParseError.headerTooLarge.statusCode == 431)
        #expect(ParseError.unsupportedVersion.statusCode == 505)
        #expect(ParseError.unsupportedTransferCoding.statusCode == 501)
        #expect(ParseError.badHost.statusCode == 400)
    }

    @Test func limits() {
        let longLine = "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: h\r\n\r\n"
        #expect(parse(longLine).error == .requestLineTooLong)
        // Refused before the line ends: the limit holds while bytes trickle in.
        #expect(parse("GET /" + String(repeating: "a", count: 9000)).error == .requestLineTooLong)
        let manyFields = "GET / HTTP/1.1\r\nHost: h\r\n" + (0..<101).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        #expect(parse(manyFields).error == .headerTooLarge)
        let bigField = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + String(repeating: "b", count: 33000) + "\r\n\r\n"
        #expect(parse(bigField).error == .headerTooLarge)
        let bigTrailer =
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: "
            + String(repeating: "t", count: 33000)
        #expect(parse(bigTrailer).error == .headerTooLarge)
    }

    @Test func identicalContentLengthsAreOne() {
        let r = parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2, 2\r\n\r\nok")
        #expect(r.error == nil && r.bodies.first == Array("ok".utf8))
    }

    @Test func bareLFLineEndingsAreAccepted() {
        let r = parse("GET / HTTP/1.1\nHost: h\n\n")
        #expect(r.error == nil && r.heads.count == 1)
    }
}
