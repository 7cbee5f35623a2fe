extension ValidationRun {
    /// The site: id, position inside the country (its outline, else its box), optional accuracy and altitude.
    mutating func site(_ value: JSONValue, country: String?) -> Site? {
        guard let members = object(value, "/site", "site") else { return nil }
        var id: String?
        var lat: Double?
        var lon: Double?
        var accuracy: Double?
        var altitude: Double?
        var seen = (id: false, lat: false, lon: false)
        for member in members {
            switch member.key {
            case "id":
                seen.id = true
                id = identifier(member.value, "/site/id", "site.id")
            case "lat":
                seen.lat = true
                lat = number(member.value, "/site/lat", "site.lat", in: -90...90)
            case "lon":
                seen.lon = true
                lon = number(member.value, "/site/lon", "site.lon", in: -180...180)
            case "accuracy_m":
                if let metres = number(member.value, "/site/accuracy_m", "site.accuracy_m") {
                    if metres > 0 {
                        accuracy = metres
                    } else {
                        report(
                            "/site/accuracy_m", .outOfRange, "validation.not_positive",
                            ["field": "site.accuracy_m", "value": formatNumber(metres)])
                    }
                }
            case "altitude_m":
                altitude = number(member.value, "/site/altitude_m", "site.altitude_m", in: -150...8000)
            default:
                unknownField(member.key, in: "/site")
            }
        }
        if !seen.id { report("/site/id", .required, "validation.required", ["field": "site.id"]) }
        if !seen.lat { report("/site/lat", .required, "validation.required", ["field": "site.lat"]) }
        if !seen.lon { report("/site/lon", .required, "validation.required", ["field": "site.lon"]) }
        // The position is checked even when the id is missing or wrong: every problem at once.
        guard let lat, let lon else { return nil }
        if lat == 0 && lon == 0 {
            report("/site", .outOfRange, "validation.null_island")
            return nil
        }
        if let country, !isInside(country: country, lat: lat, lon: lon) {
            report(
                "/site", .outsideCountry, "validation.outside_country",
                ["lat": formatNumber(lat), "lon": formatNumber(lon), "country": country])
            return nil
        }
        guard let id else { return nil }
        return Site(id: id, lat: lat, lon: lon, accuracyM: accuracy, altitudeM: altitude)
    }

    /// Inside the country's outline or within `Geography.toleranceKM` of it; the box when the
    /// catalog has no outline.
    func isInside(country: String, lat: Double, lon: Double) -> Bool {
        if let outline = catalog.geography.countries[country] {
            return outline.contains(lat: lat, lon: lon, toleranceKM: Geography.toleranceKM)
        }
        return catalog.countryBoxes[country]?.contains(lat: lat, lon: lon) ?? true
    }

    /// Checks the site against its region once both are known: a legacy code of a split region
    /// is resolved from the position when exactly one of its successors holds the site (else
    /// the first successor, flagged `region_ambiguous`); a site outside its region's outline
    /// (beyond the tolerance) is flagged `site_outside_region`. Returns the region to store.
    mutating func placeSite(_ site: Site, region: String, legacy: String?) -> String {
        let geography = catalog.geography
        var region = region
        if let legacy, let successors = catalog.legacySplits[legacy] {
            let holding = successors.filter {
                geography.regions[$0]?.contains(lat: site.lat, lon: site.lon) ?? false
            }
            if holding.count == 1 {
                region = holding[0]
            } else {
                flags.insert("region_ambiguous")
                return region
            }
        }
        if let outline = geography.regions[region],
            !outline.contains(lat: site.lat, lon: site.lon, toleranceKM: Geography.toleranceKM)
        {
            flags.insert("site_outside_region")
        }
        return region
    }
}
