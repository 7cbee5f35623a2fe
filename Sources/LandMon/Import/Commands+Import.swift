@preconcurrency import Dispatch
import Foundation
import Locking
import Messages

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension Commands {
    /// `landmon import FILE --key K [--url U] [--dry-run]`: sends a spreadsheet to a running
    /// server's `POST /v1/assessments/import`, so that the same rights and checks apply; prints a
    /// progress line while a large file goes up, then the answer (problems one per line, with their
    /// cells). Exit status 0 when stored (or checked), 1 when refused, 69 when no server answers.
    public static func importFile(path: String, key: String, url: String, dryRun: Bool) throws -> Int32 {
        guard let body = FileManager.default.contents(atPath: path) else {
            throw CommandError.usage(Message("cli.import_no_file", ["path": path]))
        }
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        guard let target = URL(string: base + "/v1/assessments/import" + (dryRun ? "?dry_run=true" : "")),
            target.scheme == "http" || target.scheme == "https"
        else { throw CommandError.usage(Message("cli.import_url", ["url": url])) }
        var request = URLRequest(url: target)
        request.httpMethod = "POST"
        request.timeoutInterval = 600
        let isWorkbook = path.lowercased().hasSuffix(".xlsx")
        request.setValue(
            isWorkbook ? ImportResource.xlsxType : "text/csv", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        request.setValue(language.rawValue, forHTTPHeaderField: "Accept-Language")
        let answer = Locked<(Data?, URLResponse?, (any Error)?)?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = URLSession.shared.uploadTask(with: request, from: body) { data, response, error in
            answer.withLock { $0 = (data, response, error) }
            done.signal()
        }
        task.resume()
        let showsProgress = body.count >= 1 << 20
        while done.wait(timeout: .now() + 0.5) == .timedOut {
            guard showsProgress else { continue }
            let sent = task.countOfBytesSent
            let text = text(
                Message(
                    "cli.import_progress",
                    [
                        "sent": megabytes(sent), "total": megabytes(Int64(body.count)),
                        "percent": String(sent * 100 / Int64(max(body.count, 1))),
                    ]))
            FileHandle.standardError.write(Data(("\r" + text).utf8))
        }
        if showsProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        let (data, response, error) = answer.withLock { $0 } ?? (nil, nil, nil)
        guard let http = response as? HTTPURLResponse, let data else {
            let reason = error.map { "\($0.localizedDescription)" } ?? ""
            FileHandle.standardError.write(
                Data((text(Message("cli.import_unreachable", ["url": url, "reason": reason])) + "\n").utf8))
            return 69
        }
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        if (200..<300).contains(http.statusCode) {
            print(String(decoding: data, as: UTF8.self))
            return 0
        }
        var lines = ["\(http.statusCode) " + ((object?["detail"] as? String) ?? (object?["title"] as? String) ?? "")]
        for error in object?["errors"] as? [[String: Any]] ?? [] {
            lines.append(
                "  " + ((error["message"] as? String) ?? "") + "  [" + ((error["path"] as? String) ?? "") + "]")
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        return 1
    }

    private static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f", Double(bytes) / 1_048_576)
    }
}
