/// A site's SDG 15.3.1 status after the GPG v2 status matrix, in the expanded classes of
/// Trends.Earth's status layer, plus the cases the sites add: a reporting change with an unknown
/// baseline, too little data, and water.
public enum LDNStatus: String, Sendable, Equatable, CaseIterable {
    /// Degraded in the baseline and in the reporting period.
    case persistentDegradation = "persistent_degradation"
    /// Degraded in the reporting period, not in the baseline.
    case recentDegradation = "recent_degradation"
    /// Degraded in the baseline, stable in the reporting period: still degraded.
    case baselineDegradation = "baseline_degradation"
    /// Degraded in the reporting period; the baseline could not be decided.
    case degradationBaselineUnknown = "degradation_baseline_unknown"
    /// Stable in both.
    case stable
    /// Improved in the baseline, stable in the reporting period.
    case baselineImprovement = "baseline_improvement"
    /// Improved in the reporting period, not in the baseline.
    case recentImprovement = "recent_improvement"
    /// Improved in the baseline and in the reporting period.
    case persistentImprovement = "persistent_improvement"
    /// Improved in the reporting period; the baseline could not be decided.
    case improvementBaselineUnknown = "improvement_baseline_unknown"
    /// Not enough data to decide: counted apart, left out of the shares.
    case incomplete
    /// Water at the last reporting visit: SDG 15.3.1 is over land.
    case excluded

    /// The status matrix (GPG v2): reporting degraded -> degraded; reporting improved -> improved;
    /// reporting stable -> the baseline's class.
    public init(baseline: LDNClass?, reporting: LDNClass?) {
        switch (reporting, baseline) {
        case (.degraded, .degraded): self = .persistentDegradation
        case (.degraded, .some): self = .recentDegradation
        case (.degraded, nil): self = .degradationBaselineUnknown
        case (.improved, .improved): self = .persistentImprovement
        case (.improved, .some): self = .recentImprovement
        case (.improved, nil): self = .improvementBaselineUnknown
        case (.stable, .degraded): self = .baselineDegradation
        case (.stable, .stable): self = .stable
        case (.stable, .improved): self = .baselineImprovement
        case (.stable, nil), (nil, _): self = .incomplete
        }
    }

    /// Degraded, stable or improved; nil for `incomplete` and `excluded`.
    public var overall: LDNClass? {
        switch self {
        case .persistentDegradation, .recentDegradation, .baselineDegradation, .degradationBaselineUnknown: .degraded
        case .stable: .stable
        case .baselineImprovement, .recentImprovement, .persistentImprovement, .improvementBaselineUnknown: .improved
        case .incomplete, .excluded: nil
        }
    }
}
