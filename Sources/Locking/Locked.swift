#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value guarded by a `pthread_mutex_t`: `withLock` is the only way in.
///
/// Why not `Synchronization.Mutex`: on Linux it hands a contended lock over with
/// `FUTEX_LOCK_PI` inside the kernel, which ThreadSanitizer cannot see, so every contended
/// section was reported as a data race and `swift test --sanitize=thread` was never clean. A
/// pthread mutex is intercepted by ThreadSanitizer and costs the same uncontended.
public final class Locked<Value>: @unchecked Sendable {
    // @unchecked: `value` is read and written only between pthread_mutex_lock and _unlock.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// Guards `value`.
    public init(_ value: Value) {
        self.value = value
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    @inline(__always)
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
