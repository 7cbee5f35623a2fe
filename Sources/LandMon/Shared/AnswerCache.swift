import Locking

/// Computed answers kept by their entity tag, for answers that cost far more to compute than to
/// keep (SDG 15.3.1 of a country: half a second of CPU for 70 KB). The tag already holds
/// everything the bytes depend on (the change sequence, the normalized query, the language), so a
/// hit is the same answer the computation would give, and a commit makes the old tags
/// unreachable. Bounded by bytes: the oldest entries go first.
final class AnswerCache: Sendable {
    /// The bytes of an answer and whether they are CSV.
    struct Entry: Sendable {
        let bytes: [UInt8]
        let isCSV: Bool
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Tags in insertion order, for eviction.
        var order: [String] = []
        var bytes = 0
        var hits = 0
    }

    private let state = Locked(State())
    /// The most bytes kept.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The answer kept under `tag`.
    func answer(for tag: String) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[tag] else { return nil }
            state.hits += 1
            return entry
        }
    }

    /// Keeps `entry` under `tag` unless it alone is larger than the capacity; evicts the oldest.
    func keep(_ entry: Entry, for tag: String) {
        guard entry.bytes.count <= capacity else { return }
        state.withLock { state in
            guard state.entries[tag] == nil else { return }
            while state.bytes + entry.bytes.count > capacity, !state.order.isEmpty {
                let oldest = state.order.removeFirst()
                state.bytes -= state.entries.removeValue(forKey: oldest)?.bytes.count ?? 0
            }
            state.entries[tag] = entry
            state.order.append(tag)
            state.bytes += entry.bytes.count
        }
    }

    /// Drops every answer (tests that change the database behind the server's back).
    func forget() {
        state.withLock { state in
            state.entries = [:]
            state.order = []
            state.bytes = 0
        }
    }

    /// Answers served from the cache so far (tests, metrics).
    var hits: Int { state.withLock { $0.hits } }
}
