import CSQLite
import Foundation

/// SQLite's online backup API.
extension Connection {
    /// Copies this connection's main database into a new file at `destination`, in one step (one
    /// read snapshot, so writers on other connections neither disturb nor restart it).
    ///
    /// Writes `destination.partial` and renames it, so a failed backup never leaves a half file
    /// under the real name.
    public func backup(to destination: String) throws {
        let partial = destination + ".partial"
        unlink(partial)
        do {
            let target = try Connection(path: partial)
            guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else {
                throw SQLiteError(
                    code: sqlite3_extended_errcode(target.handle), message: errorMessage(target.handle))
            }
            let stepCode = sqlite3_backup_step(backup, -1)
            let finishCode = sqlite3_backup_finish(backup)
            guard stepCode == SQLITE_DONE, finishCode == SQLITE_OK else {
                let code = stepCode == SQLITE_DONE ? finishCode : stepCode
                throw SQLiteError(
                    code: code, message: "backup to \(destination) failed: \(errorMessage(target.handle))")
            }
            try target.close()
        } catch {
            unlink(partial)
            throw error
        }
        guard rename(partial, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(partial)
            throw SQLiteError(
                code: SQLITE_CANTOPEN, message: "cannot rename backup into \(destination): \(reason)")
        }
    }
}
