import PanelStats

/// The comparative analysis of VIVE 2021, chapter 5 (section 5.3), run end to end on a raw panel:
/// derive the analysis variables, then Table 5.7, Table 5.8, Figures 5.7–5.9, Table 5.9 with Figures
/// 5.10–5.12, and footnote 34's pooled regression. ``VIVE2021ReplicationOutput`` turns the result into
/// the files of `panelstats replicate vive2021`.
///
///     let input = try VIVE2021PanelInput.read(path: "datasets/vive2021/panel.csv")
///     let replication = try VIVE2021Replication(input: input, origin: .bundledSynthetic)
///     let ln = replication.fixedEffects.model(.full, .total)?.coefficient("ln_population")
public struct VIVE2021Replication: Sendable {
    /// Where the panel comes from: decides the banner of every output.
    public enum DataOrigin: String, Sendable, Codable {
        /// `datasets/vive2021/panel.csv` (or the seeded generator's identical rebuild): synthetic
        /// jobcentre series calibrated to the published aggregates.
        case bundledSynthetic
        /// A panel supplied by the user.
        case user
    }

    /// The fewest jobcentres the analysis runs on (quartiles, nine FE models with up to 13 parameters).
    public static let minimumJobcentres = 8

    /// The panel's name (path) as given.
    public let source: String
    public let origin: DataOrigin
    public let options: VIVE2021ReplicationOptions
    /// Where the framework groups and size bands come from.
    public let groupingsSource: String
    /// Rows of other years than 2014–2019 left out of the panel.
    public let rowsOutsideYears: Int
    /// The analysis variables.
    public let derived: VIVE2021DerivedVariables
    /// Table 5.7.
    public let correlations: VIVE2021CorrelationTable
    /// Table 5.8.
    public let fixedEffects: VIVE2021FixedEffectsTable
    /// Figures 5.7, 5.8, 5.9 in that order.
    public let trends: [VIVE2021GroupTrends]
    /// Table 5.9 and Figures 5.10–5.12.
    public let crossSection: VIVE2021CrossSection
    /// Footnote 34.
    public let pooled: VIVE2021PooledRegression

    /// Number of jobcentres in the panel.
    public var jobcentreCount: Int { Set(derived.jobcentres).count }

    /// Runs the analysis.
    /// - Parameters:
    ///   - groupings: framework groups and size bands (Bilag 1 by default).
    ///   - progress: called with a one-line description before each step.
    /// - Throws: ``VIVE2021ReplicationError`` naming the jobcentre, year and column of a value that makes a
    ///   derived variable undefined (zero ftu, zero 17–64 population, non-positive population), an unknown
    ///   jobcentre, or the step that failed.
    public init(
        input: VIVE2021PanelInput, origin: DataOrigin, groupings: VIVE2021JobcentreGroups = .bilag1,
        options: VIVE2021ReplicationOptions = VIVE2021ReplicationOptions(), progress: (String) -> Void = { _ in }
    ) throws(VIVE2021ReplicationError) {
        source = input.source
        self.origin = origin
        self.options = options
        groupingsSource = groupings.source
        rowsOutsideYears = input.rowsOutsideYears
        try groupings.check(input)
        progress("deriving spending per ftu, shares, % of 17-64, ln population (\(input.panel.rows.count) rows)")
        do {
            derived = try VIVE2021DerivedVariables(panel: input.panel)
        } catch {
            if case .invalidValue(let jobcentre, let year, let column, let message) = error {
                let named = column == "ftu_*"
                    ? "ftu_unemployment_benefit ... ftu_resource_course (the six target groups)" : column
                throw .invalidValue(source: input.source, jobcentre: jobcentre, year: year, column: named, message: message)
            }
            throw .analysis(step: "derived variables", message: error.description)
        }
        progress("Table 5.7: correlations of 13 variables with the 3 dependent variables")
        correlations = try VIVE2021CorrelationTable(derived)
        progress("Table 5.8: 9 fixed-effects models (\(options.standardErrors.rawValue) SEs, max VIF \(options.vif.rawValue))")
        fixedEffects = try VIVE2021FixedEffectsTable(derived, options: options)
        progress("Figures 5.7-5.9: yearly means by growth quartile, framework group, size band")
        trends = try VIVE2021GroupTrends.all(derived, groupings: groupings, options: options)
        progress("Table 5.9, Figures 5.10-5.12: the 2017-2019 cross-section")
        crossSection = try VIVE2021CrossSection(derived, groupings: groupings, options: options)
        progress("footnote 34: pooled OLS without fixed effects")
        pooled = try VIVE2021PooledRegression(derived, options: options)
    }

    /// The figure of a kind.
    public func trend(_ figure: VIVE2021GroupTrends.Figure) -> VIVE2021GroupTrends? {
        trends.first { $0.figure == figure }
    }
}
