import Synchronization

/// What follows a commit: the change feed wakes its waiters and the active count moves (so
/// /health and /metrics need no count(*)).
final class Commits: Sendable {
    let feed: ChangeFeed
    private let active: Atomic<Int64>

    init(lastSeq: Int64, activeAssessments: Int64) {
        feed = ChangeFeed(lastSeq: lastSeq)
        active = Atomic(activeAssessments)
    }

    /// Active assessments stored.
    var activeAssessments: Int64 { active.load(ordering: .relaxed) }

    /// Records a commit up to `seq` that changed the number of active assessments by `activeDelta`.
    func didCommit(seq: Int64, activeDelta: Int64) {
        if activeDelta != 0 { active.add(activeDelta, ordering: .relaxed) }
        feed.publish(upTo: seq)
    }
}
