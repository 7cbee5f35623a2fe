import Foundation
import PostgreSQL

/// Commits made by other servers on the same database, heard through `LISTEN`.
extension PostgreSQLStore {
    /// Starts one listener thread on its own connection (`LISTEN landmon_changes`); each commit
    /// notified by another store (its payload: origin, newest seq, change in active assessments)
    /// calls `handler`. A lost connection is opened again; the change feed catches up from the
    /// newest seq (the active count of /health may then be off by the other servers' commits
    /// made meanwhile until the next start).
    public func onExternalCommit(_ handler: @escaping @Sendable (_ seq: Int64, _ activeDelta: Int64) -> Void) {
        let stopped = DispatchSemaphore(value: 0)
        let started = listenerStopped.withLock { current -> Bool in
            guard current == nil else { return false }
            current = stopped
            return true
        }
        guard started else { return }
        let thread = Thread { [self] in
            listen(handler)
            stopped.signal()
        }
        thread.name = "landmon.postgresql.listener"
        thread.start()
    }

    private func listen(_ handler: @escaping @Sendable (Int64, Int64) -> Void) {
        var connection: PGConnection?
        var isFirst = true
        while !isClosed.load(ordering: .acquiring) {
            do {
                if connection == nil {
                    let opened = try PGConnection(url: pool.url)
                    try opened.execute("LISTEN \(PostgreSQLStore.changesChannel)")
                    connection = opened
                    if !isFirst {
                        // Notifications sent while no connection listened are lost: catch up.
                        handler(try lastChangeSeq(), 0)
                    }
                    isFirst = false
                }
                for notice in try connection!.notifications(timeout: 0.25)
                where notice.channel == PostgreSQLStore.changesChannel {
                    let parts = notice.payload.split(separator: " ")
                    guard parts.count == 3, parts[0] != origin, let seq = Int64(parts[1]),
                        let delta = Int64(parts[2])
                    else { continue }
                    handler(seq, delta)
                }
            } catch {
                connection?.close()
                connection = nil
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        connection?.close()
    }
}
