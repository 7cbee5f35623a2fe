import Foundation

/// Diagnostic lines on standard error (the access log is on standard output).
enum Log {
    static func error(_ message: String) { write("error", message) }
    static func info(_ message: String) { write("info", message) }

    private static func write(_ level: String, _ message: String) {
        FileHandle.standardError.write(Data("landmon \(level): \(message)\n".utf8))
    }
}
