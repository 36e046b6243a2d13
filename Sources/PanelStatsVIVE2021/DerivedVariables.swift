import Foundation

/// The analysis variables of VIVE 2021 chapter 5, derived from the raw panel columns
/// (Table 5.7/5.8 wording). For jobcentre i in year t, with F = the six groups' ftu summed:
/// - `totalPerFTU = (hk5_dkk + hk6_dkk) / F`, `hk6PerFTU = hk6_dkk / F`, `hk5PerFTU = hk5_dkk / F`
///   (DKK per full-time unemployed, 2019 prices);
/// - `shares[g] = 100 · ftu_g / F` (percent of the six groups; they sum to 100);
/// - `ftuPercentOfPopulation17to64 = 100 · F / population_17_64`;
/// - `lnPopulation = ln(population)`;
/// - `disabilityPensionPercentOfPopulation17to64 = 100 · disability_pension_ftu / population_17_64`;
/// - `economicPressureIndex` and `frameworkScore2016` are passed through.
/// Observations keep the panel's row order.
public struct VIVE2021DerivedVariables: Sendable, Equatable {
    public let jobcentres: [String]
    public let years: [Int]
    public let totalPerFTU: [Double]
    public let hk6PerFTU: [Double]
    public let hk5PerFTU: [Double]
    /// Six-group ftu total F per observation.
    public let ftuTotal: [Double]
    /// Shares in percent, indexed by ``VIVE2021TargetGroup`` raw value, then observation.
    public let shares: [[Double]]
    public let ftuPercentOfPopulation17to64: [Double]
    public let lnPopulation: [Double]
    public let economicPressureIndex: [Double]
    public let disabilityPensionPercentOfPopulation17to64: [Double]
    public let frameworkScore2016: [Double]

    /// Derives every analysis variable.
    /// - Throws: ``VIVE2021DatasetError/invalidValue(jobcentre:year:column:message:)`` naming the
    ///   jobcentre, year and column when a denominator is zero or negative (no ftu in the six groups,
    ///   no 17-64-year-olds) or the population is not positive (ln undefined), or a value is negative.
    public init(panel: VIVE2021Panel) throws(VIVE2021DatasetError) {
        var jobcentres: [String] = [], years: [Int] = []
        var total: [Double] = [], hk6: [Double] = [], hk5: [Double] = [], ftuTotal: [Double] = []
        var shares = Array(repeating: [Double](), count: VIVE2021TargetGroup.allCases.count)
        var ftuPct: [Double] = [], lnPop: [Double] = [], pressure: [Double] = [], dpPct: [Double] = []
        var framework: [Double] = []
        for row in panel.rows {
            func invalid(_ column: String, _ message: String) -> VIVE2021DatasetError {
                .invalidValue(jobcentre: row.jobcentre, year: row.year, column: column, message: message)
            }
            guard row.ftu.count == VIVE2021TargetGroup.allCases.count else {
                throw invalid("ftu_*", "expected 6 target-group ftu values, found \(row.ftu.count)")
            }
            for group in VIVE2021TargetGroup.allCases where row.ftu[group.rawValue] < 0 {
                throw invalid(group.ftuColumn, "negative full-time unemployed (\(row.ftu[group.rawValue]))")
            }
            let f = row.ftu.reduce(0, +)
            guard f > 0 else {
                throw invalid("ftu_*", "the six target groups have 0 full-time unemployed: spending per ftu and shares are undefined")
            }
            guard row.population17to64 > 0 else {
                throw invalid("population_17_64", "must be positive (it divides ftu and disability pension), found \(row.population17to64)")
            }
            guard row.population > 0 else {
                throw invalid("population", "must be positive for ln(population), found \(row.population)")
            }
            jobcentres.append(row.jobcentre)
            years.append(row.year)
            total.append((row.hk5DKK + row.hk6DKK) / f)
            hk6.append(row.hk6DKK / f)
            hk5.append(row.hk5DKK / f)
            ftuTotal.append(f)
            for g in 0..<shares.count { shares[g].append(100 * row.ftu[g] / f) }
            ftuPct.append(100 * f / row.population17to64)
            lnPop.append(log(row.population))
            pressure.append(row.economicPressureIndex)
            dpPct.append(100 * row.disabilityPensionFTU / row.population17to64)
            framework.append(row.frameworkScore2016)
        }
        self.jobcentres = jobcentres
        self.years = years
        self.totalPerFTU = total
        self.hk6PerFTU = hk6
        self.hk5PerFTU = hk5
        self.ftuTotal = ftuTotal
        self.shares = shares
        self.ftuPercentOfPopulation17to64 = ftuPct
        self.lnPopulation = lnPop
        self.economicPressureIndex = pressure
        self.disabilityPensionPercentOfPopulation17to64 = dpPct
        self.frameworkScore2016 = framework
    }

    /// Number of observations.
    public var count: Int { years.count }

    /// The values of one Table 5.8 regressor.
    public func values(of regressor: VIVE2021Regressor) -> [Double] {
        switch regressor {
        case .shareUnemploymentBenefit: shares[VIVE2021TargetGroup.unemploymentBenefit.rawValue]
        case .shareCashEducationBenefit: shares[VIVE2021TargetGroup.cashEducationBenefit.rawValue]
        case .shareVocationalRehabilitation: shares[VIVE2021TargetGroup.vocationalRehabilitation.rawValue]
        case .shareResourceCourse: shares[VIVE2021TargetGroup.resourceCourse.rawValue]
        case .ftuPercentOfPopulation17to64: ftuPercentOfPopulation17to64
        case .lnPopulation: lnPopulation
        case .economicPressureIndex: economicPressureIndex
        case .disabilityPensionPercentOfPopulation17to64: disabilityPensionPercentOfPopulation17to64
        }
    }

    /// The three dependent variables of Table 5.8 in the order total, HK6, HK5.
    public var dependents: [[Double]] { [totalPerFTU, hk6PerFTU, hk5PerFTU] }
}
