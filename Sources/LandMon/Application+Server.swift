@preconcurrency import Dispatch
import Foundation
import HTTP
import SQLite

extension Application {
    /// The HTTP server's settings from ours; the access log also feeds the metrics.
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
        let (single, batch) = (configuration.maxBodyBytes, configuration.maxBatchBodyBytes)
        server.maxBodyBytes = { head in
            head.method == .post && head.target.split(separator: "?", maxSplits: 1).first == "/v1/assessments/batch"
                ? batch : single
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

    /// Hourly housekeeping: expired Idempotency-Key records and change-feed entries past retention.
    func startMaintenance() -> any DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "landmon.maintenance"))
        timer.schedule(deadline: .now() + 60, repeating: 3600)
        timer.setEventHandler { [self] in
            let now = Date()
            let idempotencyCutoff = Timestamp.format(
                now.addingTimeInterval(-configuration.idempotencyRetentionHours * 3600))
            let changesCutoff = Timestamp.format(now.addingTimeInterval(-configuration.changesRetentionDays * 86400))
            do {
                try database.write { db in
                    try db.run("DELETE FROM idempotency_records WHERE created_at < ?", [idempotencyCutoff])
                    try db.run(
                        "DELETE FROM changes WHERE at < ? AND seq < (SELECT max(seq) FROM changes)", [changesCutoff])
                }
            } catch {
                Log.error("maintenance failed: \(error)")
            }
        }
        timer.resume()
        return timer
    }
}
