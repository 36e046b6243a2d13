/// Design constants of the synthetic panel. None of these is a published number (those are in
/// ``VIVE2021Published``). The year means and residual scales were fixed offline by
/// `scripts/vive2021/design_macro.py` (a least-squares fit of the year means and residual scales to
/// Table 5.8's year dummies, constants, standard errors and adjusted R², under the national trends
/// of Table 5.4). The between-jobcentre loadings were fitted by `scripts/vive2021/tune_between.py`
/// against Table 5.7's correlations and Table 5.8's max VIF. Between-jobcentre levels do not enter
/// the fixed-effects estimates, so these loadings move the pooled correlations without touching
/// Table 5.8's slopes.
struct VIVE2021CalibrationDesign: Sendable, Codable, Equatable {
    /// Residual standard deviation of the total-spending FE model per period (2014-2019, 2014-2016,
    /// 2017-2019), DKK per ftu. With the published SEs it fixes the within variation of each regressor:
    /// V_kk = σ² / SE_k² (the designed within-jobcentre Gram matrices are diagonal).
    var totalResidualSD: [Double]

    /// Unweighted year means (2014-2019) designed for ftu % of 17-64, ln population,
    /// economic-pressure index and disability pension % of 17-64 (the shares follow Table 5.4).
    var ftuPercentYearMeans: [Double]
    var lnPopulationYearSteps: [Double]
    var economicPressureYearMeans: [Double]
    var disabilityPensionYearMeans: [Double]

    /// Prior for the unweighted year means of HK6 spending per ftu (DKK), 2014-2019. The calibration
    /// keeps their average and refits the year-to-year steps to Table 5.8's year dummies
    /// (``SpendingCalibrator``); HK5 = total − HK6.
    var hk6YearMeans: [Double]

    /// Between-jobcentre design of one variable: target correlations of its jobcentre level with the
    /// HK6 and HK5 jobcentre levels, a loading on the ftu-% factor (which drives collinearity, hence
    /// the max VIF), and its spread (percentage points, index points, or log-sd for the two
    /// multiplicative shares).
    struct Between: Sendable, Codable, Equatable {
        var withHK6: Double
        var withHK5: Double
        var ftuFactor: Double
        /// Loading on a second common factor of the group shares (orthogonal to the ftu factor).
        var compositionFactor: Double
        var spread: Double
    }

    /// Between-jobcentre design of the HK6 level: its correlations with the total level, ln
    /// population and the ftu-% level, and its sd relative to the total level's sd.
    struct HK6Level: Sendable, Codable, Equatable {
        var withTotal: Double
        var withLnPopulation: Double
        var withFtuPercent: Double
        var spread: Double
        /// Shape of the idiosyncratic part: exp(skewness · N(0, 1)), standardized (0 = normal).
        var skewness: Double
    }

    var unemploymentBenefitShare: Between
    var cashEducationBenefitShare: Between
    var vocationalRehabilitationShare: Between
    var flexjobShare: Between
    var resourceCourseShare: Between
    var economicPressure: Between
    var disabilityPension: Between

    /// Spread of the latent jobcentre level of total spending per ftu 2017-2019 around the group
    /// effects, before it is mapped onto Table 5.9's quantiles (DKK).
    var crossSectionNoiseSD: Double
    /// Correlation of that latent spread with the jobcentre's ftu-% level (spending per ftu is lower
    /// where more of the 17-64-year-olds are unemployed, beyond what the framework groups carry).
    var crossSectionFtuPercentLoading: Double
    /// The HK6 jobcentre level.
    var hk6Level: HK6Level
    /// Share of the group × year pattern of total spending (Figures 5.7-5.9) that falls on HK6.
    var hk6ShareOfYearPattern: Double

    /// The design of the committed `datasets/vive2021/panel.csv`.
    static let standard = VIVE2021CalibrationDesign(
        totalResidualSD: [2873.059353209795, 2317.300213387182, 2265.5361287903515],
        ftuPercentYearMeans: [9.822148, 9.943094, 9.543794, 9.03145, 8.984993, 8.958174],
        lnPopulationYearSteps: [0.0, 0.003762, 0.007569, 0.01362, 0.015573, 0.017557],
        economicPressureYearMeans: [99.759259, 100.368691, 99.654437, 100.000354, 100.385619, 99.68059],
        disabilityPensionYearMeans: [6.48526, 6.272023, 5.985468, 5.822909, 5.785433, 5.838097],
        hk6YearMeans: [12202.786109, 11417.656792, 13789.969377, 14920.977766, 15206.709099, 15347.918867],
        unemploymentBenefitShare: Between(withHK6: -0.083, withHK5: 0.118, ftuFactor: -0.62, compositionFactor: 0.765, spread: 4.453),
        cashEducationBenefitShare: Between(withHK6: -0.463, withHK5: -0.079, ftuFactor: 0.476, compositionFactor: -0.381, spread: 7.966),
        vocationalRehabilitationShare: Between(withHK6: 0.255, withHK5: 0.211, ftuFactor: 0.09, compositionFactor: 0.091, spread: 0.2),
        flexjobShare: Between(withHK6: 0.185, withHK5: -0.051, ftuFactor: 0.113, compositionFactor: 0.108, spread: 0.418),
        resourceCourseShare: Between(withHK6: 0.034, withHK5: 0.083, ftuFactor: 0.081, compositionFactor: 0.085, spread: 0.323),
        economicPressure: Between(withHK6: -0.158, withHK5: -0.111, ftuFactor: 0.396, compositionFactor: 0.111, spread: 15.152),
        disabilityPension: Between(withHK6: 0.158, withHK5: -0.288, ftuFactor: 0.015, compositionFactor: -0.283, spread: 0.416),
        crossSectionNoiseSD: 4000.0,
        crossSectionFtuPercentLoading: -0.5,
        hk6Level: HK6Level(withTotal: 0.452, withLnPopulation: -0.545, withFtuPercent: -0.372, spread: 0.82, skewness: 0.5),
        hk6ShareOfYearPattern: 0.3
    )
}
