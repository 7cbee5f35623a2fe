import Dispatch

@testable import SQLite

extension Database {
    /// Occupies the writer until the returned gate is signalled, so that writes submitted
    /// meanwhile queue up and commit as one group; `group` is left when the holding write ends.
    func holdWriter(in group: DispatchGroup) -> DispatchSemaphore {
        let gate = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        group.enter()
        asyncWrite(
            { _ in
                holding.signal()
                gate.wait()
            }, completion: { _ in group.leave() })
        holding.wait()
        return gate
    }
}
