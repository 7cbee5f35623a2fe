import CSQLite
import Dispatch

/// The read time budget: a progress handler interrupts statements past a deadline.
extension Connection {
    /// SQLite virtual-machine steps between deadline checks (a clock read costs ~20 ns).
    private static let progressInterval: Int32 = 1000

    /// Interrupts any statement still running `timeout` seconds from now; nil removes the budget.
    func setTimeBudget(_ timeout: Double?) {
        guard let timeout else {
            clearTimeBudget()
            return
        }
        deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, timeout) * 1e9)
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(
            handle, Connection.progressInterval,
            { context in
                // A nonzero answer makes the running statement fail with SQLITE_INTERRUPT.
                let connection = Unmanaged<Connection>.fromOpaque(context!).takeUnretainedValue()
                return connection.isPastDeadline ? 1 : 0
            }, context)
    }

    /// Removes the budget and its progress handler.
    func clearTimeBudget() {
        deadline = 0
        sqlite3_progress_handler(handle, 0, nil, nil)
    }

    var isPastDeadline: Bool {
        deadline != 0 && DispatchTime.now().uptimeNanoseconds >= deadline
    }

    /// Reports an interruption caused by the budget as the typed `queryTimeout`.
    func translate(_ error: any Error) -> any Error {
        if let error = error as? SQLiteError, error.isInterrupt, isPastDeadline {
            return DatabaseError.queryTimeout
        }
        return error
    }
}
