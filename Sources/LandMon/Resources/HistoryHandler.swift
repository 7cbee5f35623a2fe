import Formats
import HTTP
import Messages

extension Application {
    /// `GET /v1/assessments/{id}/history`: every revision, oldest first, with who, when and why.
    func history(_ request: Request) -> Response {
        guarded(request, access: .read) { request, _ in
            try rejectParameters(request, allowed: [])
            let id = try assessmentID(request)
            guard let entries = try store.history(id: id) else {
                throw APIError.notFound(Message("assessment.not_found", ["id": String(id)]))
            }
            return .json(DocumentJSON.history(id: id, entries: entries))
        }
    }
}
