import Foundation

/// RFC 3339 UTC timestamps with millisecond precision, as stored and served.
enum Timestamp {
    /// `2026-11-25T09:14:03.123Z`: fixed width, so text order is time order.
    static func format(_ date: Date) -> String {
        var time = timespec(tv_sec: Int(date.timeIntervalSince1970), tv_nsec: 0)
        let millis = Int((date.timeIntervalSince1970 - Double(time.tv_sec)) * 1000)
        var parts = tm()
        gmtime_r(&time.tv_sec, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), max(0, min(999, millis)))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)` or a plain date (midnight UTC); nil when malformed.
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }
}
