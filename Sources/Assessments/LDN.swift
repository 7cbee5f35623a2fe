/// The SOC sub-indicator of one comparison (UNCCD GPG v2): `change = (S1 - S0) / S0 x 100`;
/// `<= -10` degraded, `>= +10` improved, else stable, both thresholds inclusive. A baseline stock
/// of zero (or less) has no relative change: nil.
public func socChangeClass(from s0: Double, to s1: Double) -> (change: Double, value: LDNClass)? {
    guard s0 > 0, s0.isFinite, s1.isFinite else { return nil }
    let change = (s1 - s0) / s0 * 100
    // Compare with a tolerance so that exactly 10 % (e.g. 40 -> 36) is not lost to rounding.
    if change <= -10 + 1e-9 { return (change, .degraded) }
    if change >= 10 - 1e-9 { return (change, .improved) }
    return (change, .stable)
}

/// The productivity sub-indicator from a land productivity dynamics class: 1-2 declining
/// (degraded), 3-4 stable or stressed (stable), 5 increasing (improved).
public func productivityClass(lpd: Int) -> LDNClass? {
    switch lpd {
    case 1, 2: .degraded
    case 3, 4: .stable
    case 5: .improved
    default: nil
    }
}

/// One out, all out (GPG v2): any degraded sub-indicator makes the period degraded, even when
/// another is missing; else any missing one leaves it undecided (nil); else any improved makes
/// it improved; else stable.
public func oneOutAllOut(_ values: [LDNClass?]) -> LDNClass? {
    if values.contains(.degraded) { return .degraded }
    if values.contains(where: { $0 == nil }) { return nil }
    return values.contains(.improved) ? .improved : .stable
}

/// The 95 % (by default) Wilson score interval of a binomial proportion; `(0, 1)` when `total` is 0.
public func wilsonInterval(successes: Int, total: Int, z: Double = 1.959964) -> (lower: Double, upper: Double) {
    guard total > 0 else { return (0, 1) }
    let n = Double(total)
    let p = Double(successes) / n
    let z2 = z * z
    let denominator = 1 + z2 / n
    let centre = (p + z2 / (2 * n)) / denominator
    let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
    return (max(0, centre - half), min(1, centre + half))
}
