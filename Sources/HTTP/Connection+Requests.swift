@preconcurrency import Dispatch
import Foundation

/// From parsed events to a dispatched request, and from a response back to the wire.
extension Connection {
    static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Parses buffered input until a request is dispatched or more bytes are needed.
    func processInput() {
        while phase == .waiting || phase == .readingBody {
            let event: ParseEvent?
            do {
                event = try parser.next()
            } catch {
                let status = Status(code: error.statusCode)
                refuse(
                    Problem(
                        status: status, detail: Connection.detail(for: error), messageKey: "http.\(error.code)"))
                return
            }
            guard let event else {
                awaitMoreInput()
                return
            }
            switch event {
            case .head(let head):
                begin(head)
            case .body(let bytes):
                exchange!.body.append(contentsOf: bytes)
                // A chunked body has no declared length: it is cut where it passes the limit.
                if exchange!.body.count > exchange!.bodyLimit { refuseTooLarge() }
            case .end:
                dispatch()
            }
        }
    }

    /// Sets the deadline for the wait: idle, a head in progress, or the body's next bytes.
    private func awaitMoreInput() {
        let configuration = server.configuration
        if phase == .readingBody {
            deadline = Connection.now() + Connection.nanos(configuration.bodyTimeout)
        } else if !isHeadStarted && parser.bufferedByteCount > 0 {
            // The header timeout runs from the head's first byte and is never extended.
            isHeadStarted = true
            deadline = Connection.now() + Connection.nanos(configuration.headerTimeout)
        }
    }

    private func begin(_ head: RequestHead) {
        let now = Connection.now()
        let configuration = server.configuration
        let clientID = head.headers["X-Request-Id"]
        let requestID = clientID.flatMap { Request.isSaneRequestID($0) ? $0 : nil } ?? loop.makeRequestID()
        exchange = Exchange(
            head: head, bodyLimit: 0, requestID: requestID, startNanos: now, time: Date().timeIntervalSince1970)
        isHeadStarted = false
        phase = .readingBody
        guard head.method.isKnown else {
            refuse(
                Problem(
                    status: .notImplemented, detail: "The method is not implemented.",
                    messageKey: "http.not_implemented"))
            return
        }
        // Only a request with a body needs its route's limit (most are GETs without one).
        let limit =
            head.framing == .none ? 0 : server.responder.bodyLimit(for: head) ?? configuration.maxBodyBytes
        exchange!.bodyLimit = limit
        if case .length(let length) = head.framing, length > limit {
            refuseTooLarge()
            return
        }
        if head.framing != .none {
            // RFC 9110 section 10.1.1: send 100 only once the head is accepted, and only if
            // the body has not started arriving anyway.
            if head.expectsContinue && parser.bufferedByteCount == 0 {
                output.append(contentsOf: Connection.continueLine)
                flush()
            }
            deadline = now + Connection.nanos(configuration.bodyTimeout)
        }
    }

    private func refuseTooLarge() {
        let limit = exchange?.bodyLimit ?? 0
        refuse(
            Problem(
                status: .contentTooLarge, detail: "The body is larger than \(limit) bytes.",
                messageKey: "http.content_too_large", messageArguments: ["limit": String(limit)]))
    }

    /// Answers a request that cannot be served with a problem, then closes the connection.
    func refuse(_ problem: Problem) {
        if exchange == nil {
            let head = RequestHead(
                method: HTTPMethod(rawValue: "-"), target: "-", version: .http11, headers: Headers(),
                framing: .none, keepAlive: false, expectsContinue: false)
            exchange = Exchange(
                head: head, bodyLimit: 0, requestID: loop.makeRequestID(), startNanos: Connection.now(),
                time: Date().timeIntervalSince1970)
        }
        closeAfterResponse = true
        suspendReading()
        phase = .handling
        deliver(.problem(problem))
    }

    private func dispatch() {
        guard let exchange else { return }
        phase = .handling
        deadline = 0
        let head = exchange.head
        var request = Request(
            method: head.method, target: head.target, version: head.version, headers: head.headers,
            body: exchange.body, requestID: exchange.requestID, remoteAddress: remoteAddress)
        request.workers = server.workers
        self.exchange!.body = []
        self.exchange!.path = request.path
        let loop = self.loop
        server.responder.respond(to: request) { [self] response in
            // Always `async`: a worker that waited (`sync`) for a busy socket queue held its
            // thread while the queue served reads, which at 64 connections cost a third of the
            // throughput and put p99 above 100 ms (Benchmarks/http.sh: 31-37k req/s and
            // p99 127-158 ms with `sync`, 55k req/s and p99 2.7-2.9 ms with `async`).
            loop.queue.async { self.deliver(response) }
        }
    }

    /// Writes the answer to the request being handled.
    func deliver(_ response: Response) {
        dispatchPrecondition(condition: .onQueue(loop.queue))
        guard phase == .handling, var exchange else { return }
        var response = response
        if response.problem?.messageKey != nil, let localize = server.configuration.localizeProblem {
            localize(&response, exchange.head)
        }
        phase = .responding
        let keepAlive = exchange.head.keepAlive && !closeAfterResponse && !loop.isShuttingDown
        exchange.status = response.status.code
        exchange.route = response.route
        exchange.logFields = response.logFields
        let encoded = ResponseEncoder.encode(
            response, for: exchange, keepAlive: keepAlive, date: loop.dateFieldLine(),
            configuration: server.configuration, into: &output)
        closeAfterResponse = !encoded.keepsAlive
        exchange.bytesSent = encoded.bodyBytes
        self.exchange = exchange
        if let stream = encoded.stream {
            isChunkedStream = encoded.isChunked
            isResponseComplete = false
            let writer = BodyWriter(connection: self)
            self.writer = writer
            flush()
            DispatchQueue.global().async { stream(writer) }
        } else {
            isResponseComplete = true
            flush()
        }
    }

    /// Called once the whole answer reached the socket: log, then close or read on.
    func responseFinished() {
        guard let exchange else { return }
        self.exchange = nil
        writer = nil
        isResponseComplete = false
        let now = Connection.now()
        let head = exchange.head
        server.configuration.accessLog(
            AccessRecord(
                time: exchange.time, requestID: exchange.requestID, method: head.method.rawValue,
                path: exchange.path, route: exchange.route,
                status: exchange.status, bytes: exchange.bytesSent,
                duration: Double(now - exchange.startNanos) / 1e9, remoteAddress: remoteAddress,
                logFields: exchange.logFields))
        if closeAfterResponse {
            closeGracefully()
            return
        }
        phase = .waiting
        deadline = now + Connection.nanos(server.configuration.idleTimeout)
        resumeReading()
        // A pipelined request may already be buffered.
        if parser.bufferedByteCount > 0 { processInput() }
    }

    static func detail(for error: ParseError) -> String {
        switch error {
        case .badRequestLine: return "The request line is malformed."
        case .requestLineTooLong: return "The request line is too long."
        case .unsupportedVersion: return "Only HTTP/1.0 and HTTP/1.1 are served."
        case .badHeaderField: return "A header field is malformed."
        case .obsoleteLineFolding: return "Folded header lines are not accepted."
        case .bareCarriageReturn: return "A CR not followed by LF was received."
        case .headerTooLarge: return "The header section is too large."
        case .badHost: return "An HTTP/1.1 request needs exactly one Host field."
        case .contentLengthWithTransferEncoding: return "Content-Length and Transfer-Encoding together are ambiguous."
        case .badContentLength: return "The Content-Length is invalid."
        case .badTransferEncoding: return "The transfer coding list is invalid."
        case .unsupportedTransferCoding: return "Only the chunked transfer coding is supported."
        case .badChunk: return "The chunked body is malformed."
        }
    }
}
