/// Transactions and savepoints that roll back when their body throws.
extension Connection {
    /// Runs `body` in `BEGIN IMMEDIATE ... COMMIT`; rolls back and rethrows if anything throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try run("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try run("COMMIT")
            return result
        } catch {
            rollbackIfOpen()
            throw error
        }
    }

    /// Runs `body` inside a savepoint: on a throw, only its own changes are undone.
    ///
    /// Outside a transaction the savepoint is one itself (its release commits).
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        try run("SAVEPOINT landmon_write")
        do {
            let result = try body()
            try run("RELEASE landmon_write")
            return result
        } catch {
            // SQLITE_FULL, IOERR, BUSY or NOMEM may already have rolled the whole transaction
            // back, leaving no savepoint to return to.
            if isInTransaction {
                try? run("ROLLBACK TO landmon_write")
                try? run("RELEASE landmon_write")
            }
            throw error
        }
    }

    /// Rolls back the open transaction, if any; a failing rollback leaves nothing to do.
    func rollbackIfOpen() {
        if isInTransaction { try? run("ROLLBACK") }
    }
}
