/// Design constants of the synthetic panel, fixed offline by `scripts/vive2021/design_macro.py`
/// (a least-squares fit of the year means and residual scales to Table 5.8's year dummies,
/// constants, standard errors and adjusted R², under the national trends of Table 5.4) and by hand
/// (between-jobcentre loadings, tuned so Table 5.7's correlations and the max VIF come out right).
/// None of these is a published number; the published ones are in ``VIVE2021Published``.
enum VIVE2021CalibrationDesign {
    /// Residual standard deviation of the total-spending FE model per period (2014-2019, 2014-2016,
    /// 2017-2019), DKK per ftu. With the published SEs it fixes the within variation of each regressor:
    /// V_kk = σ² / SE_k² (the designed within-jobcentre Gram matrices are diagonal).
    static let totalResidualSD: [Double] = [2873.059353209795, 2317.300213387182, 2265.5361287903515]

    /// Unweighted year means (2014-2019) designed for ftu % of 17-64, ln population,
    /// economic-pressure index and disability pension % of 17-64 (the shares follow Table 5.4).
    static let ftuPercentYearMeans: [Double] = [9.822148, 9.943094, 9.543794, 9.03145, 8.984993, 8.958174]
    static let lnPopulationYearSteps: [Double] = [0.0, 0.003762, 0.007569, 0.013619, 0.015572, 0.017557]
    static let economicPressureYearMeans: [Double] = [99.759259, 100.368691, 99.654437, 100.000354, 100.385619, 99.68059]
    static let disabilityPensionYearMeans: [Double] = [6.48526, 6.272023, 5.985468, 5.822909, 5.785433, 5.838097]

    /// Unweighted year means of HK6 spending per ftu (DKK), 2014-2019; HK5 = total − HK6.
    static let hk6YearMeans: [Double] = [12202.786109, 11417.656792, 13789.969377, 14920.977766, 15206.709099, 15347.918867]

    /// Between-jobcentre design of one variable: target correlations of its jobcentre level with the
    /// HK6 and HK5 jobcentre levels, a loading on the ftu-% factor (which drives collinearity, hence
    /// the max VIF), and its spread (percentage points, index points, or log-sd for the two
    /// multiplicative shares).
    struct Between {
        let withHK6: Double
        let withHK5: Double
        let ftuFactor: Double
        let spread: Double
    }

    static let unemploymentBenefitShare = Between(withHK6: -0.05, withHK5: 0.08, ftuFactor: -0.30, spread: 4.5)
    static let cashEducationBenefitShare = Between(withHK6: -0.52, withHK5: -0.10, ftuFactor: 0.50, spread: 6.5)
    static let vocationalRehabilitationShare = Between(withHK6: -0.09, withHK5: 0.17, ftuFactor: 0.0, spread: 0.35)
    static let flexjobShare = Between(withHK6: 0.18, withHK5: -0.05, ftuFactor: 0.0, spread: 1.2)
    static let resourceCourseShare = Between(withHK6: 0.12, withHK5: 0.04, ftuFactor: 0.0, spread: 0.35)
    static let economicPressure = Between(withHK6: -0.04, withHK5: -0.14, ftuFactor: 0.30, spread: 8.0)
    static let disabilityPension = Between(withHK6: -0.08, withHK5: -0.24, ftuFactor: 0.50, spread: 1.5)

    /// Spread of the latent jobcentre level of total spending per ftu 2017-2019 around the group
    /// effects, before it is mapped onto Table 5.9's quantiles (DKK).
    static let crossSectionNoiseSD: Double = 4000
    /// HK6 jobcentre level: share of the total level, and the idiosyncratic part's sd (relative to
    /// the total level's sd) and its loading on ln population (HK6 per ftu falls with size).
    static let hk6ShareOfTotalLevel: Double = 0.25
    static let hk6IdiosyncraticSD: Double = 0.50
    static let hk6LnPopulationLoading: Double = -0.60
    /// Loading of the HK6 idiosyncratic level on the ftu-% level (HK6 per ftu is lower where many are unemployed).
    static let hk6FtuPercentLoading: Double = -0.35
}
