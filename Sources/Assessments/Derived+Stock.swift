extension Derived {
    /// Top of the stock's depth interval, cm.
    static let stockTop = 0.0
    /// Bottom of the stock's depth interval, cm.
    static let stockBottom = 30.0
    /// Van Bemmelen factor: organic matter to organic carbon.
    static let somToSOC = 1.724

    /// SOC stock of 0-30 cm in t C/ha (SCHEMA.md "Derived values"), with its flags.
    ///
    /// Per layer clipped to 0..30 cm: `soc x bd_fe x thickness x (1 - cf_vol/100) x 0.1`, or with
    /// `bd_ws`: `soc x bd_ws x (1 - cf_grav/100) x thickness x 0.1`. Layers are expected in depth
    /// order without overlap (the validator guarantees both). A layer without `soc` or `som`
    /// does not count as covering its depth.
    public static func socStock(layers: [Layer]) -> (stock: Double?, flags: [String]) {
        var flags: Set<String> = []
        var covered = stockTop
        var total = 0.0
        var missingBulkDensity = false
        for layer in layers {
            let top = max(layer.top, stockTop)
            let bottom = min(layer.bottom, stockBottom)
            guard bottom > top else { continue }
            var soc = layer.value(of: "soc")
            if soc == nil, let som = layer.value(of: "som") {
                soc = som / somToSOC
                flags.insert("soc_from_som")
            }
            guard let soc else { continue }
            if top > covered { break }
            let fineEarthDensity: Double
            if let bd = layer.value(of: "bd_fe") {
                let stones = layer.value(of: "cf_vol")
                if stones == nil { flags.insert("coarse_fragments_assumed_zero") }
                fineEarthDensity = bd * (1 - (stones ?? 0) / 100)
            } else if let bd = layer.value(of: "bd_ws") {
                let stones = layer.value(of: "cf_grav")
                if stones == nil { flags.insert("coarse_fragments_assumed_zero") }
                fineEarthDensity = bd * (1 - (stones ?? 0) / 100)
            } else {
                missingBulkDensity = true
                fineEarthDensity = 0
            }
            total += soc * fineEarthDensity * (bottom - top) * 0.1
            covered = max(covered, bottom)
        }
        if covered < stockBottom {
            flags.insert("incomplete_depth")
            return (nil, flags.sorted())
        }
        if missingBulkDensity {
            flags.insert("no_bulk_density")
            return (nil, flags.sorted())
        }
        return ((total * 1000).rounded() / 1000, flags.sorted())
    }
}
