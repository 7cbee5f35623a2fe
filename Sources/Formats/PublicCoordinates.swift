import Assessments
import Store

/// Site coordinates as reads without a key see them: rounded to a number of decimal places
/// (`public_coordinate_decimals`), since the exact places of national monitoring sites may be
/// sensitive. Keyed reads get the stored representation as is.
public enum PublicCoordinates {
    /// `value` rounded to `decimals` places.
    public static func round(_ value: Double, decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    /// A stored representation with `site.lat` and `site.lon` rounded; the rest as stored.
    public static func document(_ bytes: [UInt8], decimals: Int) -> [UInt8] {
        guard let document = try? JSONParser().parse(bytes), let members = document.objectMembers else { return bytes }
        let rounded = members.map { member -> JSONMember in
            guard member.key == "site", let site = member.value.objectMembers else { return member }
            let coordinates = site.map { field -> JSONMember in
                guard field.key == "lat" || field.key == "lon", let number = field.value.numberValue else {
                    return field
                }
                let value = round(number.value, decimals: decimals)
                return JSONMember(
                    key: field.key,
                    value: JSONValue(.number(JSONNumber(value: value, isIntegerLiteral: value == value.rounded()))))
            }
            return JSONMember(key: member.key, value: JSONValue(.object(coordinates)))
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        JSONWriter.appendValue(JSONValue(.object(rounded)), to: &out)
        return out
    }

    /// A listed assessment with its coordinates rounded, in its columns and its document.
    public static func listed(_ item: ListedAssessment, decimals: Int) -> ListedAssessment {
        ListedAssessment(
            id: item.id, sampledOn: item.sampledOn, lat: round(item.lat, decimals: decimals),
            lon: round(item.lon, decimals: decimals), document: document(item.document, decimals: decimals))
    }
}
