import Assessments
import HTTP

extension Application {
    /// `GET /v1/assessments/{id}/history`: every revision, oldest first, with who, when and why.
    func history(_ request: Request) -> Response {
        guarded(request, access: .read) { request, _ in
            let id = try assessmentID(request)
            guard let entries = try database.read({ try AssessmentReads.history(id: id, in: $0) }) else {
                throw APIError.notFound(detail: "There is no assessment \(id).")
            }
            var out: [UInt8] = Array(#"{"id":"#.utf8)
            JSONWriter.appendInteger(id, to: &out)
            out.append(contentsOf: Array(#","revisions":["#.utf8))
            for (index, entry) in entries.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: Array(#"{"revision":"#.utf8))
                JSONWriter.appendInteger(entry.revision, to: &out)
                for (key, value) in [
                    ("action", entry.action), ("at", entry.recordedAt), ("by", entry.recordedBy),
                ] {
                    out.append(UInt8(ascii: ","))
                    JSONWriter.appendKey(key, to: &out)
                    JSONWriter.appendString(value, to: &out)
                }
                out.append(UInt8(ascii: ","))
                JSONWriter.appendKey("reason", to: &out)
                if let reason = entry.reason {
                    JSONWriter.appendString(reason, to: &out)
                } else {
                    JSONWriter.appendNull(to: &out)
                }
                out.append(UInt8(ascii: ","))
                JSONWriter.appendKey("document", to: &out)
                if let document = entry.document {
                    out.append(contentsOf: document)
                } else {
                    JSONWriter.appendNull(to: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
            out.append(contentsOf: Array("]}".utf8))
            return .json(out)
        }
    }
}
