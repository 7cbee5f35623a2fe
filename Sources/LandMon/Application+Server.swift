@preconcurrency import Dispatch
import Foundation
import HTTP
import Messages

extension Application {
    /// The HTTP server's settings from ours; the access log also feeds the metrics, and the
    /// server's own problems (404, 405, 413, malformed requests) are told in the request's language.
    public func serverConfiguration() -> ServerConfiguration {
        var server = ServerConfiguration()
        server.host = configuration.host
        server.port = configuration.port
        server.maxConnections = configuration.maxConnections
        server.headerTimeout = configuration.headerTimeoutSeconds
        server.bodyTimeout = configuration.bodyTimeoutSeconds
        server.idleTimeout = configuration.idleTimeoutSeconds
        server.writeTimeout = configuration.writeTimeoutSeconds
        server.corsOrigins = configuration.corsOrigins
        server.serverName = "landmon/\(Application.version)"
        if configuration.workerThreads > 0 { server.workerConcurrency = configuration.workerThreads }
        server.maxBodyBytes = configuration.maxBodyBytes
        let messages = self.messages
        server.localizeProblem = { response, head in
            let query = head.target.firstIndex(of: "?").flatMap {
                QueryItems(parsing: head.target[head.target.index(after: $0)...])["lang"]
            }
            let language = Language.negotiate(query: query, acceptLanguage: head.headers["Accept-Language"])
            Problems.localize(&response, language: language, messages: messages)
        }
        let metrics = self.metrics
        let writeLog = configuration.accessLog
        server.accessLog = { record in
            metrics.record(
                method: record.method, route: record.route ?? "unmatched", status: record.status,
                duration: record.duration)
            if writeLog { AccessRecord.writeJSONLine(record) }
        }
        return server
    }

    /// Hourly housekeeping: expired Idempotency-Key answers and change-feed entries past retention.
    func startMaintenance() -> any DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "landmon.maintenance"))
        timer.schedule(deadline: .now() + 60, repeating: 3600)
        timer.setEventHandler { [self] in
            let now = Date()
            do {
                try store.purge(
                    idempotencyBefore: Timestamp.format(
                        now.addingTimeInterval(-configuration.idempotencyRetentionHours * 3600)),
                    changesBefore: Timestamp.format(now.addingTimeInterval(-configuration.changesRetentionDays * 86400))
                )
            } catch {
                Log.error("maintenance failed: \(error)")
            }
        }
        timer.resume()
        return timer
    }
}
