import Foundation

/// How a `Database` opens and runs its connections.
public struct DatabaseConfiguration: Sendable, Hashable {
    /// SQLite's `synchronous` setting for the writer: what survives a crash or power loss.
    public enum Synchronous: String, Sendable, Hashable {
        /// fsync the WAL on every commit: a committed write survives power loss (the default).
        case full = "FULL"
        /// fsync only at checkpoints: survives a process crash, may lose the last commits on power loss.
        case normal = "NORMAL"
        /// No fsync at all (tests and bulk loads only).
        case off = "OFF"
    }

    /// Read-only connections in the reader pool.
    public var readers = 4
    /// The writer's durability setting.
    public var synchronous: Synchronous = .full
    /// How long a connection waits for a lock before reporting `SQLITE_BUSY`, in seconds.
    public var busyTimeout: TimeInterval = 5
    /// Page cache of the writer, in KiB: random index inserts into a large file touch many pages,
    /// and SQLite's default (2 MiB) sends most of them back to the operating system.
    public var writerCacheKiB = 32 * 1024
    /// Page cache of each reader, in KiB.
    public var readerCacheKiB = 8 * 1024
    /// The default time budget of a `read`, in seconds; past it the query is interrupted.
    public var queryTimeout: TimeInterval = 2

    /// The defaults: 4 readers, `synchronous=FULL`, 5 s busy timeout, 2 s read budget,
    /// 32 MiB of writer cache and 8 MiB per reader.
    public init() {}
}
