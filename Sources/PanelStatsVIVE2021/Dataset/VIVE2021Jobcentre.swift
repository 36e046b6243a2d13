/// Population band of Bilagstabel 1.2 (VIVE 2021, §2.1). Edges as printed in §2.1:
/// "< 30.000", "30.001-50.000", "50.001-80.000", "80.001-120.000", "> 120.000" inhabitants.
public enum VIVE2021SizeBand: Int, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case under30k, from30kTo50k, from50kTo80k, from80kTo120k, over120k

    /// The key used in the published CSVs (`pop_lt_30k`, ...).
    public var key: String {
        switch self {
        case .under30k: "pop_lt_30k"
        case .from30kTo50k: "pop_30k_50k"
        case .from50kTo80k: "pop_50k_80k"
        case .from80kTo120k: "pop_80k_120k"
        case .over120k: "pop_gt_120k"
        }
    }

    /// Inclusive population range of the band (lower bound 0 and upper bound `Int.max` when open).
    public var populationRange: ClosedRange<Int> {
        switch self {
        case .under30k: 0...29_999
        case .from30kTo50k: 30_000...50_000
        case .from50kTo80k: 50_001...80_000
        case .from80kTo120k: 80_001...120_000
        case .over120k: 120_001...Int.max
        }
    }

    public var description: String { key }
}

/// One of the 94 jobcentres of the VIVE 2021 analysis: name, framework-conditions group
/// (Bilagstabel 1.1, 1 = the 10 best ... 4 = the 10 most difficult), population band
/// (Bilagstabel 1.2) and member municipalities (four jobcentres serve two municipalities).
public struct VIVE2021Jobcentre: Sendable, Codable, Equatable {
    /// Jobcentre name as in Bilag 1, e.g. `Esbjerg/Fanø`.
    public let name: String
    /// Framework group 1-4 (Rotger & Andrade 2018), 1 = best conditions.
    public let frameworkGroup: Int
    /// Population band.
    public let sizeBand: VIVE2021SizeBand
    /// Member municipalities.
    public let municipalities: [String]
    /// An approximate 2017 population of the member municipalities together. Not printed in the
    /// report: a rounded approximation used only to make the synthetic populations plausible.
    public let approximatePopulation2017: Int
}

/// The six target groups of Table 5.2, in the report's order.
public enum VIVE2021TargetGroup: Int, Sendable, Codable, CaseIterable {
    case unemploymentBenefit, cashEducationBenefit, vocationalRehabilitation
    case flexjobUnemploymentBenefit, sicknessBenefit, resourceCourse

    /// The raw panel column holding this group's ftu.
    public var ftuColumn: String {
        switch self {
        case .unemploymentBenefit: "ftu_unemployment_benefit"
        case .cashEducationBenefit: "ftu_cash_education_benefit"
        case .vocationalRehabilitation: "ftu_vocational_rehabilitation"
        case .flexjobUnemploymentBenefit: "ftu_flexjob_unemployment_benefit"
        case .sicknessBenefit: "ftu_sickness_benefit"
        case .resourceCourse: "ftu_resource_course"
        }
    }

    /// The derived share variable's name (as in Table 5.7/5.8 CSVs).
    public var shareName: String {
        switch self {
        case .unemploymentBenefit: "share_unemployment_benefit"
        case .cashEducationBenefit: "share_cash_education_benefit"
        case .vocationalRehabilitation: "share_vocational_rehabilitation"
        case .flexjobUnemploymentBenefit: "share_flexjob_unemployment_benefit"
        case .sicknessBenefit: "share_sickness_benefit"
        case .resourceCourse: "share_resource_course"
        }
    }
}

/// The eight substantive regressors of Table 5.8, in the table's order. The shares of
/// ledighedsydelse and sygedagpenge are the omitted reference (they and the four below sum to 100).
public enum VIVE2021Regressor: Int, Sendable, Codable, CaseIterable {
    case shareUnemploymentBenefit, shareCashEducationBenefit, shareVocationalRehabilitation, shareResourceCourse
    case ftuPercentOfPopulation17to64, lnPopulation, economicPressureIndex, disabilityPensionPercentOfPopulation17to64

    /// Variable name as in the published CSVs (`table_5_8_fixed_effects.csv` `term`).
    public var name: String {
        switch self {
        case .shareUnemploymentBenefit: "share_unemployment_benefit"
        case .shareCashEducationBenefit: "share_cash_education_benefit"
        case .shareVocationalRehabilitation: "share_vocational_rehabilitation"
        case .shareResourceCourse: "share_resource_course"
        case .ftuPercentOfPopulation17to64: "ftu_pct_pop_17_64"
        case .lnPopulation: "ln_population"
        case .economicPressureIndex: "economic_pressure_index"
        case .disabilityPensionPercentOfPopulation17to64: "disability_pension_pct_pop_17_64"
        }
    }
}
