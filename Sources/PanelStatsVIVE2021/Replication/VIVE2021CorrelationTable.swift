import PanelStats

/// Table 5.7: Pearson correlations of the 13 analysis variables with the three dependent variables on
/// the pooled panel (every jobcentre-year, N = 564 for the report), with `*` for p < 0.05 (two-sided t
/// test on N − 2 df, as `scipy.stats.pearsonr` and Stata `pwcorr, sig`). Only the three dependent
/// columns are shown, and for the first three variables only the lower triangle, as printed.
public struct VIVE2021CorrelationTable: Sendable, Codable, Equatable {
    /// One printed cell.
    public struct Entry: Sendable, Codable, Equatable {
        public let variableNumber: Int
        public let variable: String
        public let variableLabel: String
        public let columnNumber: Int
        public let column: String
        public let r: Double
        public let pValue: Double
        /// p < 0.05; false on the diagonal (printed without a star).
        public let significant: Bool
    }

    /// The 13 variables in the table's order: name and Danish label.
    public static let variables: [(name: String, label: String)] = [
        ("total_per_ftu", "Udgift i alt pr. fuldtidsledig"),
        ("hk6_per_ftu", "Udgift pr. fuldtidsledig HK6"),
        ("hk5_per_ftu", "Udgift pr. fuldtidsledig HK5"),
        ("share_unemployment_benefit", "Andel dagpengemodtagere"),
        ("share_cash_education_benefit", "Andel kontant- og uddannelseshjælpsmodtagere"),
        ("share_flexjob_unemployment_benefit", "Andel ledighedsydelsesmodtagere"),
        ("share_sickness_benefit", "Andel sygedagpengemodtagere (inkl. jobafklaring)"),
        ("share_vocational_rehabilitation", "Andel revalidender/for-revalidender"),
        ("share_resource_course", "Andel modtagere af ressourceforløb"),
        ("ftu_pct_pop_17_64", "Andel fuldtidsledige i alt i seks målgrupper i procent af antal 17-64-årige"),
        ("ln_population", "Kommunestørrelse (antal indbyggere, logaritmisk)"),
        ("economic_pressure_index", "Økonomisk pres (indeks)"),
        ("disability_pension_pct_pop_17_64", "Andel fuldtidsledige på førtidspension i procent af antal 17-64-årige"),
    ]

    /// The significance level of the stars.
    public static let level = 0.05

    /// The printed cells in the table's order (variable, then column).
    public let entries: [Entry]
    /// Observations behind every coefficient (listwise).
    public let nobs: Int
    /// r(framework score 2016, ftu % of 17–64) over the pooled panel, which the text quotes as 0.88 (L3654).
    public let frameworkCorrelation: Double

    /// Computes the table from the derived variables.
    public init(_ derived: VIVE2021DerivedVariables) throws(VIVE2021ReplicationError) {
        let columns = Self.columns(derived)
        let matrix: CorrelationMatrix
        do {
            matrix = try CorrelationMatrix(columns: columns, names: Self.variables.map(\.name))
        } catch {
            throw .analysis(step: "Table 5.7 (correlations)", message: error.description)
        }
        var entries: [Entry] = []
        for (i, variable) in Self.variables.enumerated() {
            for j in 0..<min(i + 1, 3) {
                let p = matrix.pValue[i][j]
                entries.append(Entry(
                    variableNumber: i + 1, variable: variable.name, variableLabel: variable.label, columnNumber: j + 1,
                    column: Self.variables[j].name, r: matrix.r[i][j], pValue: p, significant: i != j && p < Self.level))
            }
        }
        self.entries = entries
        nobs = matrix.nobs
        do {
            let framework = try CorrelationMatrix(
                columns: [derived.frameworkScore2016, derived.ftuPercentOfPopulation17to64],
                names: ["framework_score_2016", "ftu_pct_pop_17_64"])
            frameworkCorrelation = framework.r[0][1]
        } catch {
            throw .analysis(step: "r(framework score 2016, ftu % of 17-64)", message: error.description)
        }
    }

    /// The 13 columns in the table's order.
    static func columns(_ d: VIVE2021DerivedVariables) -> [[Double]] {
        let share = { (g: VIVE2021TargetGroup) in d.shares[g.rawValue] }
        return [
            d.totalPerFTU, d.hk6PerFTU, d.hk5PerFTU,
            share(.unemploymentBenefit), share(.cashEducationBenefit), share(.flexjobUnemploymentBenefit),
            share(.sicknessBenefit), share(.vocationalRehabilitation), share(.resourceCourse),
            d.ftuPercentOfPopulation17to64, d.lnPopulation, d.economicPressureIndex,
            d.disabilityPensionPercentOfPopulation17to64,
        ]
    }
}
