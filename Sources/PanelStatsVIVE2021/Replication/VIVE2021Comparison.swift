import PanelStats

/// Every number the report prints for the replicated tables and figures, set beside the replicated
/// value: Table 5.7 (r), Table 5.8 (coefficients, standard errors, observations, jobcentres, Adj. R², max
/// VIF), Figures 5.7–5.9 (group means per year), Table 5.9, Figure 5.10 (counts), and the two values
/// the text quotes (r = 0.88, the 50,800 maximum without the outlier). Published numbers are as printed
/// (rounded); the difference is `replicated − published`.
public struct VIVE2021Comparison: Sendable {
    /// One published number and its replication.
    public struct Entry: Sendable, Codable, Equatable {
        /// The published file (without `.csv`) or `text` for a value from the running text.
        public let table: String
        /// What the number is, e.g. `2014-2019 total ln_population coefficient`.
        public let item: String
        public let published: Double
        public let replicated: Double
        /// For a coefficient: its published standard error, to judge the difference by.
        public let publishedStandardError: Double?

        public var difference: Double { replicated - published }
        /// `difference / |published|`, NaN when the published value is 0.
        public var relativeDifference: Double { published == 0 ? .nan : difference / abs(published) }
    }

    public let entries: [Entry]

    /// The entries of one table.
    public func entries(of table: String) -> [Entry] { entries.filter { $0.table == table } }

    /// Sets the replication beside the embedded published tables.
    public init(_ replication: VIVE2021Replication) throws(VIVE2021ReplicationError) {
        var entries: [Entry] = []
        func add(_ table: String, _ item: String, _ published: Double, _ replicated: Double, se: Double? = nil) {
            entries.append(Entry(table: table, item: item, published: published, replicated: replicated, publishedStandardError: se))
        }

        // Table 5.7.
        for record in try VIVE2021PublishedTables.records("table_5_7_correlations.csv") {
            let variable = record.text("variable"), column = record.text("column")
            guard let entry = replication.correlations.entries.first(where: { $0.variable == variable && $0.column == column }) else {
                throw .publishedTables("table_5_7_correlations.csv:\(record.line): no replicated r(\(variable), \(column))")
            }
            add("table_5_7_correlations", "r(\(variable), \(column))", try record.number("r"), entry.r)
        }

        // Table 5.8.
        for record in try VIVE2021PublishedTables.records("table_5_8_fixed_effects.csv") {
            guard let published = record.optionalNumber("coefficient") else { continue }   // reference years
            let (period, dependent, term) = (record.text("period"), record.text("dependent"), record.text("term"))
            guard let p = VIVE2021Period(rawValue: period), let d = VIVE2021Dependent(rawValue: dependent),
                  let c = replication.fixedEffects.model(p, d)?.coefficient(term) else {
                throw .publishedTables("table_5_8_fixed_effects.csv:\(record.line): no replicated \(period) \(dependent) \(term)")
            }
            let se = try record.number("std_error")
            add("table_5_8_fixed_effects", "\(period) \(dependent) \(term) coefficient", published, c.estimate, se: se)
            add("table_5_8_fixed_effects", "\(period) \(dependent) \(term) std_error", se, c.standardError)
        }
        for record in try VIVE2021PublishedTables.records("table_5_8_model_stats.csv") {
            let (period, dependent) = (record.text("period"), record.text("dependent"))
            guard let p = VIVE2021Period(rawValue: period), let d = VIVE2021Dependent(rawValue: dependent),
                  let model = replication.fixedEffects.model(p, d) else {
                throw .publishedTables("table_5_8_model_stats.csv:\(record.line): no replicated \(period) \(dependent)")
            }
            let prefix = "\(period) \(dependent)"
            add("table_5_8_model_stats", "\(prefix) observations", try record.number("observations"), Double(model.fit.nobs))
            add("table_5_8_model_stats", "\(prefix) jobcentres", try record.number("jobcentres"),
                Double(model.fit.fixedEffects.first?.levels ?? 0))
            add("table_5_8_model_stats", "\(prefix) adj_r2", try record.number("adj_r2"), model.fit.adjR2)
            add("table_5_8_model_stats", "\(prefix) max_vif", try record.number("max_vif"), model.maxVIF)
        }

        // Figures 5.7–5.9.
        for figure in replication.trends {
            let file = figure.figure.rawValue
            for record in try VIVE2021PublishedTables.records(file + ".csv") {
                let key = record.text("group")
                let year = Int(try record.number("year"))
                guard let group = figure.groups.first(where: { $0.key == key }), let t = figure.years.firstIndex(of: year) else {
                    throw .publishedTables("\(file).csv:\(record.line): no replicated \(key) \(year)")
                }
                add(file, "\(key) \(year)", try record.number("dkk_per_fulltime_unemployed"), group.means[t])
            }
        }

        // Table 5.9 and Figure 5.10.
        let summary = replication.crossSection.summary
        let statistics = ["min": summary.minimum, "q1": summary.lowerQuartile, "median": summary.median,
                          "q3": summary.upperQuartile, "max": summary.maximum]
        for record in try VIVE2021PublishedTables.records("table_5_9_descriptives.csv") {
            let key = record.text("statistic")
            guard let value = statistics[key] else {
                throw .publishedTables("table_5_9_descriptives.csv:\(record.line): unknown statistic \(key)")
            }
            add("table_5_9_descriptives", key, try record.number("dkk_per_fulltime_unemployed"), value)
        }
        let bins = replication.crossSection.histogram.bins
        for record in try VIVE2021PublishedTables.records("figure_5_10_histogram.csv") {
            let lower = record.optionalNumber("lower_dkk"), upper = record.optionalNumber("upper_dkk")
            // Only bins with the published edges are comparable (the edges are an option).
            guard let bin = bins.first(where: { $0.lower == lower && $0.upper == upper }) else { continue }
            add("figure_5_10_histogram", "bin \(record.text("bin")) \(record.text("bin_label_da"))",
                try record.number("n_jobcentres"), Double(bin.count))
        }

        // Values quoted in the text.
        add("text", "r(framework_score_2016, ftu_pct_pop_17_64), L3651-3654",
            try VIVE2021PublishedTables.textValue("r_ftu_share_vs_framework_2016"), replication.correlations.frameworkCorrelation)
        add("text", "maximum without the outlier (2017-2019), L4027-4028",
            try VIVE2021PublishedTables.textValue("tab_5_9_text_max_excl_outlier"), replication.crossSection.secondLargest)
        self.entries = entries
    }
}
