// Store benchmark: durable single-row writes through group commit against one transaction per
// write, and batched inserts against the sqlite3 shell. Compiled by ../store.sh together with
// Sources/SQLite/*.swift as one module, hence no `import SQLite`.
import Dispatch
import Foundation

let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 3 : 3
let batchRows = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 200_000 : 200_000
let repetitions = CommandLine.arguments.count > 3 ? Int(CommandLine.arguments[3]) ?? 3 : 3
let base =
    ProcessInfo.processInfo.environment["STORE_BENCH_DIR"] ?? FileManager.default.currentDirectoryPath
    + "/.build/bench"
let directory = base + "/run-\(getpid())"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }

let schema = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, value REAL NOT NULL)"
let insert = "INSERT INTO t (name, value) VALUES (?, ?)"

/// A database path not used before in this run.
func freshPath(_ name: String) -> String {
    directory + "/\(name)-\(UUID().uuidString).db"
}

/// Runs `work` on `threads` threads until `seconds` pass; returns completed operations per second.
func measure(threads: Int, _ work: @escaping @Sendable (_ thread: Int, _ index: Int) throws -> Void) -> Double
{
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
    counts.initialize(repeating: 0)
    defer { counts.deallocate() }
    nonisolated(unsafe) let shared = counts
    let group = DispatchGroup()
    let start = DispatchTime.now().uptimeNanoseconds
    for thread in 0..<threads {
        group.enter()
        let worker = Thread {
            var index = 0
            while DispatchTime.now().uptimeNanoseconds < deadline {
                do { try work(thread, index) } catch { fatalError("write failed: \(error)") }
                index += 1
            }
            shared[thread] = index  // each thread writes only its own slot
            group.leave()
        }
        worker.stackSize = 1 << 20
        worker.start()
    }
    group.wait()
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return Double(counts.reduce(0, +)) / elapsed
}

/// Grows the WAL and the file by 8 MB and checkpoints, so that measured commits overwrite WAL
/// space already allocated, as in a long-running server: a commit that grows the file costs the
/// file system a metadata journal commit on top of the data flush.
func prewarm(_ connection: Connection) throws {
    try connection.execute(
        """
        CREATE TABLE warm (b BLOB);
        INSERT INTO warm VALUES (zeroblob(8000000));
        DROP TABLE warm;
        PRAGMA wal_checkpoint(PASSIVE);
        """)
}

/// Durable single-row writes through `Database.write` (group commit).
func groupCommit(writers: Int) throws -> (Double, Double) {
    let database = try Database(path: freshPath("bench"))
    defer { database.close() }
    try database.write { try $0.execute(schema) }
    try database.exclusiveWrite(prewarm)
    let commitsBefore = database.commitCount
    let rate = measure(threads: writers) { thread, index in
        try database.write { try $0.run(insert, ["w\(thread)-\(index)", Double(index)]) }
    }
    let commits = Double(database.commitCount - commitsBefore)
    return (rate, rate * seconds / max(commits, 1))
}

/// Durable single-row writes, one `BEGIN IMMEDIATE ... COMMIT` each, on one connection shared
/// under a lock (the same writer connection and fsync policy, without grouping).
func transactionPerWrite(writers: Int) throws -> Double {
    let database = try Database(path: freshPath("bench"))
    try database.write { try $0.execute(schema) }
    database.close()
    let connection = try Connection(path: database.path)
    try connection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
    try prewarm(connection)
    nonisolated(unsafe) let shared = connection
    let lock = NSLock()
    return measure(threads: writers) { thread, index in
        lock.lock()
        defer { lock.unlock() }
        try shared.transaction { try shared.run(insert, ["w\(thread)-\(index)", Double(index)]) }
    }
}

/// `batchRows` inserts in one `Database.write`; rows per second.
func batched() throws -> Double {
    let database = try Database(path: freshPath("bench"))
    defer { database.close() }
    try database.write { try $0.execute(schema) }
    let start = DispatchTime.now().uptimeNanoseconds
    try database.write { db in
        for index in 0..<batchRows { try db.run(insert, ["row-\(index)", Double(index) * 0.5]) }
    }
    return Double(batchRows) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// The sqlite3 shell running `script` on a fresh WAL, synchronous=FULL database; rows per second.
func shell(_ script: String) throws -> Double {
    let path = freshPath("shell")
    let scriptPath = path + ".sql"
    let setup = "PRAGMA journal_mode = WAL;\nPRAGMA synchronous = FULL;\n\(schema);\n"
    try (setup + script).write(toFile: scriptPath, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [path]
    process.standardInput = FileHandle(forReadingAtPath: scriptPath)
    process.standardOutput = FileHandle.nullDevice
    let start = DispatchTime.now().uptimeNanoseconds
    try process.run()
    process.waitUntilExit()
    precondition(process.terminationStatus == 0, "sqlite3 failed")
    return Double(batchRows) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

func format(_ rate: Double) -> String {
    let whole = Int(rate.rounded())
    var digits = String(whole)
    var grouped = ""
    while digits.count > 3 {
        grouped = "," + digits.suffix(3) + grouped
        digits.removeLast(3)
    }
    return digits + grouped
}

print(
    "Durable single-row writes (WAL, synchronous=FULL, WAL pre-grown), median of \(repetitions) alternating "
        + "runs of \(seconds) s; batched: \(format(Double(batchRows))) rows\n")
print("| test | writers | rows/s | ratio |")
print("|---|---|---|---|")
/// The median of `values`.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

// Disk latency on a shared machine drifts, so the two modes alternate and each reports a median.
for writers in [1, 8, 64] {
    var baselines: [Double] = []
    var groups: [Double] = []
    var perCommit: [Double] = []
    for _ in 0..<repetitions {
        baselines.append(try transactionPerWrite(writers: writers))
        let (grouped, writesPerCommit) = try groupCommit(writers: writers)
        groups.append(grouped)
        perCommit.append(writesPerCommit)
    }
    let (baseline, grouped) = (median(baselines), median(groups))
    print("| one transaction per write | \(writers) | \(format(baseline)) | 1x |")
    print(
        "| group commit (\(String(format: "%.1f", median(perCommit))) writes/commit) | \(writers) | \(format(grouped)) | \(String(format: "%.1f", grouped / baseline))x |"
    )
}
var inserts = "BEGIN;\n"
for index in 0..<batchRows {
    inserts += "INSERT INTO t (name, value) VALUES ('row-\(index)', \(Double(index) * 0.5));\n"
}
inserts += "COMMIT;\n"
let shellRate = try shell(inserts)
let ceiling = try shell(
    """
    INSERT INTO t (name, value) WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < \(batchRows - 1))
    SELECT 'row-' || i, i * 0.5 FROM n;
    """)
let ours = try batched()
print(
    "| sqlite3 shell, \(format(Double(batchRows))) INSERT statements in one transaction | 1 | \(format(shellRate)) | 1x |"
)
print(
    "| Database.write, \(format(Double(batchRows))) cached-statement inserts in one write | 1 | \(format(ours)) | \(String(format: "%.2f", ours / shellRate))x |"
)
print(
    "| sqlite3 shell, one INSERT ... SELECT (engine ceiling) | 1 | \(format(ceiling)) | \(String(format: "%.2f", ceiling / shellRate))x |"
)
