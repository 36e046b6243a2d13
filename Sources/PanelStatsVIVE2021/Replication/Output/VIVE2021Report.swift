import Foundation
import PanelStats

/// `report.md` / `report.html`: every table of the replication set beside the published numbers with
/// the difference, under a banner naming the data, with the options that settle what the report leaves
/// open and the checks of the claims made about unprinted figures.
struct VIVE2021Report {
    let replication: VIVE2021Replication
    let comparison: VIVE2021Comparison
    let files: VIVE2021TableFiles
    let printer: Printer

    init(_ replication: VIVE2021Replication, comparison: VIVE2021Comparison) {
        self.replication = replication
        self.comparison = comparison
        files = VIVE2021TableFiles(replication)
        printer = Printer(format: replication.options.numberFormat)
    }

    /// The banner that heads the report and the terminal summary.
    static func banner(_ replication: VIVE2021Replication) -> String {
        switch replication.origin {
        case .bundledSynthetic:
            return "**Data: the bundled synthetic panel** (`\(replication.source)`). The jobcentre series are synthetic, "
                + "calibrated to the published aggregates: VIVE never published jobcentre-level data, so this panel was built "
                + "to reproduce the numbers the report prints (see `datasets/vive2021/README.md`). Agreement below shows "
                + "the calibration and the method, not a finding about any real jobcentre."
        case .user:
            return "**Data: your panel** (`\(replication.source)`, \(replication.jobcentreCount) jobcentres, 2014-2019). "
                + "The published numbers are VIVE's, computed on the real jobcentre data; differences below are "
                + "differences between your data and theirs as much as between methods."
        }
    }

    func document() throws(VIVE2021ReplicationError) -> ReportDocument {
        var doc = ReportDocument(title: "VIVE 2021, chapter 5: published and replicated")
        doc.banner(Self.banner(replication))
        var facts = [
            "Panel: `\(replication.source)`, \(replication.jobcentreCount) jobcentres × 2014-2019 = \(replication.derived.count) observations.",
            "Framework groups and size bands: \(replication.groupingsSource).",
            "Made by `panelstats replicate vive2021`; the method is described in `datasets/vive2021/published/README.md` §3.",
        ]
        if replication.rowsOutsideYears > 0 {
            facts.append("\(replication.rowsOutsideYears) rows of years outside 2014-2019 were left out.")
        }
        doc.bullets(facts)
        doc.paragraph("Numbers are printed in the report's format (\(replication.options.numberFormat == .danish ? "Danish: 1.234,5" : "1,234.5")); "
            + "the CSV files beside this report hold full precision. Differences are replicated − published, "
            + "and `comparison.csv` lists every one of them.")
        optionsSection(&doc)
        summarySection(&doc)
        try correlationSection(&doc)
        try fixedEffectsSection(&doc)
        try trendSections(&doc)
        try crossSectionSection(&doc)
        try pooledSection(&doc)
        try standardErrorEvidence(&doc)
        return doc
    }

    // MARK: Options

    private func optionsSection(_ doc: inout ReportDocument) {
        let o = replication.options
        doc.heading(2, "Choices the report leaves open")
        doc.paragraph("Each is an option of `panelstats replicate vive2021`; the value used here is in the second column.")
        let quartiles: String
        switch o.quartileRule {
        case .balanced: quartiles = "balanced ranks (23/24/24/23 for 94)"
        case .pandas: quartiles = "pandas qcut, type-7 cutpoints"
        case .xtile: quartiles = "Stata xtile, type-2 cutpoints"
        }
        let sizes = replication.trend(.growthQuartile)?.groups.map { String($0.size) }.joined(separator: "/") ?? ""
        doc.table(PlainTable(
            header: ["Choice", "Used here", "Option (alternatives)", "Default and why"],
            rows: [
                ["Standard errors (Table 5.8, footnote 34)", o.standardErrors.rawValue, "--se (conventional, cluster, robust)",
                 "conventional: the published SEs of total, HK6 and HK5 stand in one common ratio per period for all 14 terms (section below), which holds for conventional SEs and not for clustered or robust ones"],
                ["Max VIF", o.vif.rawValue, "--vif (pooled-years, pooled, within)",
                 "pooled-years: pooled OLS design of the eight regressors plus year dummies (Stata estat vif after regress), max over the eight; the definition the bundled panel was calibrated to. The within VIF is far above every published value"],
                ["Quantiles of Table 5.9", "type \(o.quantileDefinition.rawValue) (\(o.quantileDefinition.numpyMethod))",
                 "--quantiles (1-9 or a numpy method name)", "type 2: Stata summarize, detail / tabstat, as the report's other conventions are Stata's"],
                ["Bins of Figure 5.10", (o.binClosure == .left ? "left-closed [a, b)" : "right-closed (a, b]") + ", edges "
                    + o.histogramEdges.map { printer.fixed($0, 0) }.joined(separator: ", "),
                 "--bins (left, right), --edges", "left-closed: \"under 32.000\" is strictly below 32,000"],
                ["Growth quartiles (Figure 5.7)", quartiles + ", sizes " + sizes, "--quartiles (balanced, pandas, xtile)",
                 "balanced: the only split that reproduces Figure 5.7's overall means (published README §5c); quartile 1 = largest fall"],
                ["Adj. R²", "xtreg e(r2_a)", "—", "1 − (1 − R² within)(N − 1)/(N − K − G); the negative published values rule out an R² including the fixed effects"],
                ["Constant", "ȳ − x̄'b", "—", "Stata xtreg, fe (the average fixed effect)"],
                ["Group means (Figures 5.7-5.9, 5.11, 5.12)", "unweighted over jobcentres", "—",
                 "the published group means average to the same national mean across figures only when unweighted (published README §5c)"],
                ["Size bands", "Bilagstabel 1.2 as printed", "--jobcentres FILE", "the footnote 7 rule for shared jobcentres cannot be checked"],
            ],
            alignment: [.left, .left, .left, .left]))
    }

    // MARK: Summary

    private func summarySection(_ doc: inout ReportDocument) {
        doc.heading(2, "Summary of differences")
        let tables: [(String, String)] = [
            ("table_5_7_correlations", "Table 5.7 correlations"),
            ("table_5_8_fixed_effects", "Table 5.8 coefficients and SEs"),
            ("table_5_8_model_stats", "Table 5.8 model statistics"),
            ("figure_5_7_by_growth_quartile", "Figure 5.7 means"),
            ("figure_5_8_by_framework_group", "Figure 5.8 means"),
            ("figure_5_9_by_municipality_size", "Figure 5.9 means"),
            ("table_5_9_descriptives", "Table 5.9"),
            ("figure_5_10_histogram", "Figure 5.10 counts"),
            ("text", "Values quoted in the text"),
        ]
        // Relative differences are shown for levels only (a relative difference of a correlation or a coefficient near 0 means nothing).
        let levels: Set<String> = ["figure_5_7_by_growth_quartile", "figure_5_8_by_framework_group", "figure_5_9_by_municipality_size",
                                   "table_5_9_descriptives"]
        var rows: [[String]] = []
        for (key, label) in tables {
            let entries = comparison.entries(of: key)
            guard let worst = entries.max(by: { abs($0.difference) < abs($1.difference) }) else { continue }
            var note = ""
            let coefficients = entries.filter { $0.publishedStandardError != nil }
            if let worstSE = coefficients.max(by: { abs($0.difference / ($0.publishedStandardError ?? 1)) < abs($1.difference / ($1.publishedStandardError ?? 1)) }),
               let se = worstSE.publishedStandardError {
                note = "coefficients: largest |difference| = \(printer.fixed(abs(worstSE.difference / se), 2)) published SE (\(worstSE.item))"
            }
            let largest = worst.difference == 0 ? "0 (all equal)" : printer.significant(abs(worst.difference), 3) + " (" + worst.item + ")"
            var relative = "–"
            if levels.contains(key), let r = entries.map({ abs($0.relativeDifference) }).filter(\.isFinite).max() {
                relative = printer.fixed(100 * r, 3) + " %"
            }
            rows.append([label, printer.count(entries.count), largest, relative, note])
        }
        doc.table(PlainTable(header: ["Table", "Numbers compared", "Largest |difference|", "Largest |relative difference|", "Note"],
                             rows: rows, alignment: [.left, .right, .left, .right, .left]))
    }

    // MARK: Table 5.7

    private func correlationSection(_ doc: inout ReportDocument) throws(VIVE2021ReplicationError) {
        doc.heading(2, "Table 5.7: correlations")
        doc.paragraph("Pearson's r on the pooled panel (N = \(printer.count(replication.correlations.nobs))), * p < 0.05. "
            + "Published values are printed with two decimals.")
        var rows: [[String]] = []
        for record in try VIVE2021PublishedTables.records("table_5_7_correlations.csv") {
            let (variable, column) = (record.text("variable"), record.text("column"))
            guard let e = replication.correlations.entries.first(where: { $0.variable == variable && $0.column == column }) else { continue }
            let published = try record.number("r")
            rows.append([record.text("variable_number") + ". " + record.text("variable_label_da"), column,
                         printer.fixed(published, 2), printer.fixed(e.r, 3), printer.signed(e.r - published, 3),
                         record.text("significant_5pct") == "true" ? "*" : "", e.significant ? "*" : ""])
        }
        doc.table(PlainTable(header: ["Variable", "Column", "Published r", "Replicated r", "Difference", "Published *", "Replicated *"],
                             rows: rows, alignment: [.left, .left, .right, .right, .right, .left, .left]))
    }

    // MARK: Table 5.8

    private func fixedEffectsSection(_ doc: inout ReportDocument) throws(VIVE2021ReplicationError) {
        doc.heading(2, "Table 5.8: fixed-effects models")
        let (table, _) = try files.fixedEffects()
        doc.paragraph("The replicated table in the report's layout (also `table_5_8_fixed_effects.md` / `.tex`):")
        doc.blocks.append(.rendered(markdown: table.markdown, html: try regressionTableHTML()))
        doc.paragraph("Published beside replicated, per model. \"Difference / SE\" is the difference in published standard errors; "
            + "stars *** p<0.01, ** p<0.05, * p<0.1.")
        let records = try VIVE2021PublishedTables.records("table_5_8_fixed_effects.csv")
        let stars = SignificanceStars.conventional
        for model in replication.fixedEffects.models {
            var rows: [[String]] = []
            for record in records where record.text("period") == model.period.rawValue && record.text("dependent") == model.dependent.rawValue {
                let term = record.text("term")
                let label = VIVE2021TableFiles.termLabel(term)
                guard let published = record.optionalNumber("coefficient") else {
                    rows.append([label, "(ref.)", "(ref.)", "", "", "", "", "", "", ""])
                    continue
                }
                guard let c = model.coefficient(term) else { continue }
                let se = try record.number("std_error")
                rows.append([label, printer.fixed(published, 0), printer.fixed(c.estimate, 0), printer.signed(c.estimate - published, 0),
                             printer.signed((c.estimate - published) / se, 2), printer.fixed(se, 0), printer.fixed(c.standardError, 0),
                             printer.fixed(c.standardError / se, 3), record.text("stars"), stars.symbol(forPValue: c.pValue)])
            }
            doc.table(PlainTable(
                caption: "\(model.period.label), \(model.dependent.header)",
                header: ["Term", "Published", "Replicated", "Difference", "Difference / SE", "Published SE", "Replicated SE", "SE ratio", "Published stars", "Replicated stars"],
                rows: rows, alignment: [.left, .right, .right, .right, .right, .right, .right, .right, .left, .left]))
        }
        var rows: [[String]] = []
        for record in try VIVE2021PublishedTables.records("table_5_8_model_stats.csv") {
            guard let p = VIVE2021Period(rawValue: record.text("period")), let d = VIVE2021Dependent(rawValue: record.text("dependent")),
                  let model = replication.fixedEffects.model(p, d) else { continue }
            let adj = try record.number("adj_r2"), vif = try record.number("max_vif")
            rows.append([p.label, d.header, record.text("observations"), printer.count(model.fit.nobs), record.text("jobcentres"),
                         printer.count(model.fit.fixedEffects.first?.levels ?? 0), printer.significant(adj, 3),
                         printer.fixed(model.fit.adjR2, 4), printer.signed(model.fit.adjR2 - adj, 4), printer.fixed(vif, 3),
                         printer.fixed(model.maxVIF, 3), printer.signed(model.maxVIF - vif, 3)])
        }
        doc.table(PlainTable(
            caption: "Model statistics",
            header: ["Period", "Dependent", "N published", "N replicated", "Jobcentres published", "Jobcentres replicated",
                     "Adj. R² published", "Adj. R² replicated", "Difference", "Max VIF published", "Max VIF replicated", "Difference"],
            rows: rows, alignment: [.left, .left] + Array(repeating: .right, count: 10)))
    }

    private func regressionTableHTML() throws(VIVE2021ReplicationError) -> String {
        // The same table as the Markdown, rendered by the Reporting layer's HTML writer.
        let fe = replication.fixedEffects
        var columns: [(header: String, model: RegressionTableModel)] = []
        for m in fe.models {
            var model = RegressionTableModel(m.fit, header: m.dependent.header, omittedLabel: nil)
            model.setReference("year_\(m.period.referenceYear)")
            model.statistics[RegressionTableStatistic.maxVIFKey] = m.maxVIF
            columns.append((m.dependent.header, model))
        }
        let table = files.regressionTable(
            title: "Tabel 5.8 (replikeret)", models: columns,
            groups: VIVE2021Period.allCases.map { RegressionTableColumnGroup(label: $0.label, span: 3) }, referenceYears: true,
            statistics: [.observations(label: "Observationer"), .groups(label: "Antal jobcentre"),
                         RegressionTableStatistic(key: RegressionTableStatistic.adjustedRSquaredKey, label: "Adj. R2", decimals: 3, significantDigits: 3),
                         .maxVIF(label: "Max VIF", decimals: 3)],
            notes: [files.dataNote])
        do {
            return try table.rendered(as: .html)
        } catch {
            throw .analysis(step: "Table 5.8 HTML", message: error.description)
        }
    }

    // MARK: Figures 5.7-5.9

    private func trendSections(_ doc: inout ReportDocument) throws(VIVE2021ReplicationError) {
        let titles: [VIVE2021GroupTrends.Figure: String] = [
            .growthQuartile: "Figure 5.7: spending per ftu by quartile of ftu growth 2014-2019",
            .frameworkGroup: "Figure 5.8: spending per ftu by framework group",
            .sizeBand: "Figure 5.9: spending per ftu by municipality size",
        ]
        for figure in replication.trends {
            doc.heading(2, titles[figure.figure] ?? figure.figure.rawValue)
            if figure.figure == .growthQuartile, let bounds = figure.quartileBoundaries {
                doc.paragraph("Quartile 1 = the largest fall in six-group ftu 2014→2019. Sizes "
                    + figure.groups.map { String($0.size) }.joined(separator: "/") + "; upper boundaries of quartiles 1-3: "
                    + bounds.map { printer.fixed($0, 1) + " %" }.joined(separator: ", ") + ".")
            }
            doc.image(figure.figure.rawValue + ".svg", alt: "Figure \(figure.figure.number), replicated")
            let records = try VIVE2021PublishedTables.records(figure.figure.rawValue + ".csv")
            var rows: [[String]] = []
            for group in figure.groups {
                var published: [String] = [], replicated: [String] = [], difference: [String] = []
                for (t, year) in figure.years.enumerated() {
                    let value = records.first { $0.text("group") == group.key && $0.optionalNumber("year") == Double(year) }?
                        .optionalNumber("dkk_per_fulltime_unemployed")
                    published.append(value.map { printer.fixed($0, 0) } ?? "–")
                    replicated.append(printer.fixed(group.means[t], 0))
                    difference.append(value.map { printer.signed(group.means[t] - $0, 0) } ?? "–")
                }
                rows.append(["\(group.label) (\(group.size))", "published"] + published)
                rows.append(["", "replicated"] + replicated)
                rows.append(["", "difference"] + difference)
            }
            doc.table(PlainTable(header: ["Group (jobcentres)", ""] + figure.years.map(String.init), rows: rows,
                                 alignment: [.left, .left] + figure.years.map { _ in .right }))
        }
    }

    // MARK: Table 5.9, Figures 5.10-5.12

    private func crossSectionSection(_ doc: inout ReportDocument) throws(VIVE2021ReplicationError) {
        let cs = replication.crossSection
        doc.heading(2, "Table 5.9: the 2017-2019 level across jobcentres")
        doc.paragraph("Each jobcentre's level is the mean of its spending per ftu in 2017, 2018 and 2019.")
        var rows: [[String]] = []
        let values: [String: Double] = ["min": cs.summary.minimum, "q1": cs.summary.lowerQuartile, "median": cs.summary.median,
                                        "q3": cs.summary.upperQuartile, "max": cs.summary.maximum]
        for record in try VIVE2021PublishedTables.records("table_5_9_descriptives.csv") {
            guard let value = values[record.text("statistic")] else { continue }
            let published = try record.number("dkk_per_fulltime_unemployed")
            rows.append([record.text("statistic_label_da"), printer.fixed(published, 0), printer.fixed(value, 0),
                         printer.signed(value - published, 0), printer.percent((value - published) / published)])
        }
        for entry in comparison.entries(of: "text") {
            rows.append([entry.item, printer.significant(entry.published, 4), printer.significant(entry.replicated, 4),
                         printer.signed(entry.difference, entry.published < 10 ? 3 : 0), printer.percent(entry.relativeDifference)])
        }
        doc.table(PlainTable(header: ["Statistic", "Published", "Replicated", "Difference", "Difference %"], rows: rows))

        doc.heading(2, "Figure 5.10: histogram of the 2017-2019 level")
        doc.image("figure_5_10_histogram.svg", alt: "Figure 5.10, replicated")
        rows = []
        let published = try VIVE2021PublishedTables.records("figure_5_10_histogram.csv")
        for bin in cs.histogram.bins {
            let match = published.first { $0.optionalNumber("lower_dkk") == bin.lower && $0.optionalNumber("upper_dkk") == bin.upper }
            let count = match?.optionalNumber("n_jobcentres")
            rows.append([files.binLabel(bin), bin.interval(closure: cs.histogram.closure), count.map { printer.fixed($0, 0) } ?? "–",
                         printer.count(bin.count), count.map { printer.signed(Double(bin.count) - $0, 0) } ?? "–"])
        }
        doc.table(PlainTable(header: ["Bin", "Interval", "Published", "Replicated", "Difference"], rows: rows,
                             alignment: [.left, .left, .right, .right, .right]))

        for framework in [true, false] {
            let groups = framework ? cs.byFrameworkGroup : cs.bySizeBand
            doc.heading(2, framework ? "Figure 5.11: 2017-2019 level by framework group" : "Figure 5.12: 2017-2019 level by municipality size")
            doc.paragraph("The report prints no numbers for this figure, only what it shows; the claims are checked below.")
            doc.image(framework ? "figure_5_11_by_framework_group_2017_2019.svg" : "figure_5_12_by_municipality_size_2017_2019.svg",
                      alt: framework ? "Figure 5.11, replicated" : "Figure 5.12, replicated")
            doc.table(PlainTable(header: ["Group", "Jobcentres", "Replicated mean"],
                                 rows: groups.map { [$0.label, printer.count($0.size), printer.fixed($0.mean, 0)] }))
            let m = groups.map(\.mean)
            var claims: [String] = []
            guard m.allSatisfy(\.isFinite) else {
                doc.bullets(["The report's claims about this figure cannot be checked: a group has no jobcentres in these data."])
                continue
            }
            if framework, m.count == 4 {
                claims.append(claim("\"Jo vanskeligere rammevilkårene er, jo mindre er den gennemsnitlige udgift\" (L4075-4076): decreasing from group 1 to 4",
                                    m[0] > m[1] && m[1] > m[2] && m[2] > m[3]))
                claims.append(claim("highest for the 10 best, lowest for the 10 most difficult (L4076-4078)",
                                    m.firstIndex(of: m.max() ?? .nan) == 0 && m.firstIndex(of: m.min() ?? .nan) == 3))
            } else if m.count == 5 {
                claims.append(claim("lowest above 120,000 inhabitants, highest under 30,000 (L4092-4094)",
                                    m.firstIndex(of: m.min() ?? .nan) == 4 && m.firstIndex(of: m.max() ?? .nan) == 0))
                claims.append(claim("80,000-120,000 below both 30,000-50,000 and 50,000-80,000 (L4096-4099)", m[3] < m[1] && m[3] < m[2]))
            }
            doc.bullets(claims)
        }
    }

    private func claim(_ text: String, _ holds: Bool) -> String {
        text + ": **" + (holds ? "holds" : "does not hold") + "** in these data."
    }

    // MARK: Footnote 34

    private func pooledSection(_ doc: inout ReportDocument) throws(VIVE2021ReplicationError) {
        doc.heading(2, "Footnote 34: pooled regression without fixed effects")
        doc.paragraph("The report prints no numbers for it. Assumed specification: pooled OLS 2014-2019 with a constant, the eight "
            + "Table 5.8 regressors and year dummies (ref. 2014), \(replication.options.standardErrors.rawValue) standard errors. "
            + "Full table: `footnote_34_pooled_ols.md`.")
        var rows: [[String]] = []
        for m in replication.pooled.models {
            guard let c = m.fit.coefficient("ln_population") else { continue }
            rows.append([m.dependent.header, printer.fixed(c.estimate, 0), printer.fixed(c.standardError, 0),
                         printer.significant(c.pValue, 2), printer.fixed(m.fit.r2, 3)])
        }
        doc.table(PlainTable(caption: "Kommunestørrelse (ln), pooled OLS", header: ["Dependent", "Coefficient", "SE", "p", "R²"], rows: rows))
        if let hk6 = replication.pooled.model(.hk6)?.fit.coefficient("ln_population") {
            doc.bullets([claim("\"en negativ sammenhæng mellem kommunestørrelse (ln) og udgifterne til jobcenterdrift pr. fuldtidsledig\": "
                               + "the HK6 coefficient is negative (p = \(printer.significant(hk6.pValue, 2)))", hk6.estimate < 0)])
        }
    }

    // MARK: SE evidence

    /// Checks on the published Table 5.8 which standard errors it reports: conventional SEs of models
    /// with the same regressors are proportional (σ̂_d √[(X̃ᵀX̃)⁻¹]_jj), so the ratio SE_total/SE_HK6 must
    /// be one number for every term; with printed integers, a common ratio exists iff the intervals
    /// [(a − ½)/(b + ½), (a + ½)/(b − ½)] of all terms intersect.
    private func standardErrorEvidence(_ doc: inout ReportDocument) throws(VIVE2021ReplicationError) {
        doc.heading(2, "Which standard errors did the report use?")
        doc.paragraph("Within a period the three models share the regressors, so conventional standard errors of total, HK6 and HK5 "
            + "are proportional term by term (σ̂ · √[(X̃'X̃)⁻¹]ⱼⱼ); clustered or robust ones, whose middle depends on each "
            + "model's residuals, are not. The published SEs are integers, so a common ratio exists if the rounding intervals "
            + "[(a − ½)/(b + ½), (a + ½)/(b − ½)] of all 14 terms intersect:")
        let records = try VIVE2021PublishedTables.records("table_5_8_fixed_effects.csv")
        var rows: [[String]] = []
        var allConsistent = true
        for period in VIVE2021Period.allCases {
            for dependent in [VIVE2021Dependent.total, .hk5] {
                var low = -Double.infinity, high = Double.infinity, terms = 0
                for record in records where record.text("period") == period.rawValue && record.text("dependent") == dependent.rawValue {
                    guard let a = record.optionalNumber("std_error"),
                          let b = records.first(where: { $0.text("period") == period.rawValue && $0.text("dependent") == "hk6" && $0.text("term") == record.text("term") })?
                            .optionalNumber("std_error") else { continue }
                    low = max(low, (a - 0.5) / (b + 0.5))
                    high = min(high, (a + 0.5) / (b - 0.5))
                    terms += 1
                }
                let replicatedRatios = VIVE2021FixedEffectsTable.terms(period).compactMap { term -> Double? in
                    guard let a = replication.fixedEffects.model(period, dependent)?.coefficient(term)?.standardError,
                          let b = replication.fixedEffects.model(period, .hk6)?.coefficient(term)?.standardError else { return nil }
                    return a / b
                }
                allConsistent = allConsistent && low <= high
                let spread = (replicatedRatios.max() ?? .nan) - (replicatedRatios.min() ?? .nan)
                rows.append([period.label, "\(dependent.header) / HK6", String(terms), printer.fixed(low, 5) + " – " + printer.fixed(high, 5),
                             low <= high ? "yes" : "no",
                             printer.fixed(replicatedRatios.min() ?? .nan, 4) + " – " + printer.fixed(replicatedRatios.max() ?? .nan, 4),
                             spread.isFinite ? String(format: "%.0e", spread) : "–"])
            }
        }
        doc.table(PlainTable(header: ["Period", "Ratio", "Terms", "Common ratio allowed by rounding", "Consistent", "Replicated ratios", "Replicated spread"],
                             rows: rows, alignment: [.left, .left, .right, .right, .left, .right, .right]))
        doc.paragraph(allConsistent
            ? "All six are consistent with one ratio, as conventional standard errors require; this is why `--se conventional` is the default."
            : "Not all are consistent with one ratio.")
    }
}
