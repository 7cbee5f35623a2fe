import Assessments
import Store

/// The change feed as JSON and as Server-Sent Events.
public enum FeedJSON {
    /// `{"seq":..,"id":..,"kind":..,"at":..}`.
    public static func append(_ change: Change, to out: inout [UInt8]) {
        out.append(contentsOf: Array(#"{"seq":"#.utf8))
        JSONWriter.appendInteger(change.seq, to: &out)
        out.append(contentsOf: Array(#","id":"#.utf8))
        JSONWriter.appendInteger(change.id, to: &out)
        out.append(contentsOf: Array(#","kind":"#.utf8))
        JSONWriter.appendString(change.kind, to: &out)
        out.append(contentsOf: Array(#","at":"#.utf8))
        JSONWriter.appendString(change.at, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// `{"changes":[...],"last_seq":N}`.
    public static func page(_ changes: [Change], lastSeq: Int64) -> [UInt8] {
        var out: [UInt8] = Array(#"{"changes":["#.utf8)
        for (index, change) in changes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append(change, to: &out)
        }
        out.append(contentsOf: Array(#"],"last_seq":"#.utf8))
        JSONWriter.appendInteger(lastSeq, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Server-Sent Events: `id: seq` / `event: kind` / `data: {json}` per change.
    public static func events(_ changes: [Change]) -> [UInt8] {
        var out: [UInt8] = []
        for change in changes {
            out.append(contentsOf: Array("id: \(change.seq)\nevent: \(change.kind)\ndata: ".utf8))
            append(change, to: &out)
            out.append(contentsOf: [0x0a, 0x0a])
        }
        return out
    }
}
