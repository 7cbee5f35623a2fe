extension Derived {
    /// The USDA soil texture class (12 classes) of a sand/silt/clay split, or nil when the
    /// fractions are negative or sum to nothing. Fractions are rescaled to sum to 100 first
    /// (the schema accepts sums of 90 to 101). Boundaries follow the USDA Soil Survey Manual.
    public static func textureClass(sand: Double, silt: Double, clay: Double) -> String? {
        let sum = sand + silt + clay
        guard sand >= 0, silt >= 0, clay >= 0, sum > 0, sum.isFinite else { return nil }
        let sand = sand * 100 / sum
        let silt = silt * 100 / sum
        let clay = clay * 100 / sum
        if silt + 1.5 * clay < 15 { return "sand" }
        if silt + 2 * clay < 30 { return "loamy sand" }
        if clay >= 40 {
            if silt >= 40 { return "silty clay" }
            if sand > 45 { return "sandy clay" }
            return "clay"
        }
        if clay >= 35 && sand > 45 { return "sandy clay" }
        if clay >= 27 {
            if sand > 45 { return "sandy clay loam" }
            if sand > 20 { return "clay loam" }
            return "silty clay loam"
        }
        if clay >= 20 && silt < 28 && sand > 45 { return "sandy clay loam" }
        if silt >= 80 && clay < 12 { return "silt" }
        if silt >= 50 { return "silt loam" }
        if clay >= 7 && silt >= 28 && sand <= 52 { return "loam" }
        return "sandy loam"
    }
}
