/// Regular expressions of the schema, shared with the OpenAPI document's query parameters. They
/// use `[0-9]`, never `\d` (which matches other scripts' digits in some regex dialects).
public enum SchemaPatterns {
    /// Month and day of a valid date outside February 29.
    static let monthDay =
        "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
        + "|02-(?:0[1-9]|1[0-9]|2[0-8]))"

    /// A calendar date `YYYY-MM-DD` of the Gregorian calendar, years 0000 to 9999 (leap years included).
    public static let calendarDate =
        "^(?:[0-9]{4}-" + monthDay + "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
        + "-02-29)$"

    /// `sampled_on`: a calendar date from 1900-01-01 (the upper bound, today plus one day, moves
    /// and is the validator's).
    public static let sampledOn =
        "^(?:(?:19|2[0-9])[0-9]{2}-" + monthDay
        + "|(?:(?:19|2[0-9])(?:0[48]|[2468][048]|[13579][26])|2[048]00)-02-29)$"

    /// `reference` and `site.id`: 1 to 64 of `A-Z a-z 0-9 . _ : / -`.
    public static let identifier = "^[A-Za-z0-9._:/-]{1,64}$"
}

extension SchemaBuilder {
    /// Rules that depend on the document's country: its regions (Kazakhstan's legacy codes
    /// included) and the box that holds its sites (Russia's crosses the antimeridian).
    func countryRules() -> [JSONValue] {
        catalog.countries.map { country in
            var regions = catalog.regionList.filter { $0.country == country.code }.map(\.code)
            regions += catalog.legacyCodes.filter { catalog.regions[$0.value]?.country == country.code }.keys.sorted()
            var then: [String: JSONValue] = ["region": enumeration(regions)]
            if let box = catalog.countryBoxes[country.code] {
                let lon =
                    box.minLon <= box.maxLon
                    ? object(["minimum": number(box.minLon), "maximum": number(box.maxLon)])
                    : object([
                        "anyOf": JSONValue(
                            .array([object(["minimum": number(box.minLon)]), object(["maximum": number(box.maxLon)])]))
                    ])
                then["site"] = object([
                    "properties": object([
                        "lat": object(["minimum": number(box.minLat), "maximum": number(box.maxLat)]), "lon": lon,
                    ])
                ])
            }
            return object([
                "if": object([
                    "properties": object(["country": object(["const": string(country.code)])]),
                    "required": strings(["country"]),
                ]),
                "then": object(["properties": object(then)]),
            ])
        }
    }
}
