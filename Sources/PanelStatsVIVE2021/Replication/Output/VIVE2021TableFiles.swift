import PanelStats

/// Number writing shared by the replication's files: full precision in CSV (the shortest decimal that
/// reads back to the same Double), the chosen format (Danish by default) in Markdown, LaTeX, SVG and HTML.
struct Printer: Sendable {
    let format: NumberFormat

    /// CSV: shortest round-trip decimal, integers without ".0", empty for NaN.
    static func csv(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    static func csvLine(_ fields: [String]) -> String {
        fields.map(TextEscaping.csvField).joined(separator: ",")
    }

    func fixed(_ x: Double, _ decimals: Int) -> String { x.isFinite ? format.string(x, decimals: decimals) : "–" }
    func count(_ n: Int) -> String { format.string(n) }
    func significant(_ x: Double, _ digits: Int) -> String { x.isFinite ? format.string(x, significantDigits: digits) : "–" }
    /// A signed difference: "+12", "-3,4"; plain "0" for zero.
    func signed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return "–" }
        let text = format.string(x, decimals: decimals)
        return x > 0 && text.contains(where: { $0 != "0" && $0 != "," && $0 != "." }) ? "+" + text : text
    }
    /// A percentage with one decimal and sign: "+0,3 %".
    func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "–" }
        return signed(100 * fraction, 1) + " %"
    }
}

/// The contents of one table's files: the CSV in the published layout, Markdown and LaTeX.
struct TableFiles: Sendable {
    let name: String
    let csv: String
    let markdown: String
    let latex: String
}

/// Builds the table files of a replication (the CSV layouts of `datasets/vive2021/published/`).
struct VIVE2021TableFiles {
    let replication: VIVE2021Replication
    let printer: Printer
    /// A line naming the data, for the foot of every Markdown and LaTeX table.
    let dataNote: String

    init(_ replication: VIVE2021Replication) {
        self.replication = replication
        printer = Printer(format: replication.options.numberFormat)
        dataNote = replication.origin == .bundledSynthetic
            ? "Data: the bundled synthetic panel (jobcentre series synthetic, calibrated to the published aggregates)."
            : "Data: \(replication.source) (supplied by the user)."
    }

    // MARK: Table 5.7

    func correlations() -> TableFiles {
        let table = replication.correlations
        var csv = [Printer.csvLine(["variable_number", "variable", "variable_label_da", "column_number", "column", "r", "significant_5pct"])]
        for e in table.entries {
            csv.append(Printer.csvLine([String(e.variableNumber), e.variable, e.variableLabel, String(e.columnNumber), e.column,
                                        Printer.csv(e.r), e.significant ? "true" : "false"]))
        }
        var rows: [[String]] = []
        for (i, variable) in VIVE2021CorrelationTable.variables.enumerated() {
            var row = ["\(i + 1). " + variable.label]
            for j in 0..<3 {
                if let e = table.entries.first(where: { $0.variableNumber == i + 1 && $0.columnNumber == j + 1 }) {
                    row.append(printer.fixed(e.r, 2) + (e.significant ? "*" : ""))
                } else {
                    row.append("")
                }
            }
            rows.append(row)
        }
        let plain = PlainTable(
            caption: "Tabel 5.7 Bivariate korrelationer (Pearson's r), 94 jobcentre 2014-2019 (replikeret)",
            header: ["", "(1)", "(2)", "(3)"], rows: rows,
            notes: ["N = \(printer.count(table.nobs)). * p<0,05 (two-sided t test, N-2 df).", dataNote])
        return TableFiles(name: "table_5_7_correlations", csv: csv.joined(separator: "\n") + "\n",
                          markdown: plain.markdown(), latex: plain.latex())
    }

    // MARK: Table 5.8

    /// The printed label of a Table 5.8 term.
    static func termLabel(_ term: String) -> String {
        if let regressor = VIVE2021Regressor.allCases.first(where: { $0.name == term }) { return regressor.labelDanish }
        if term.hasPrefix("year_") { return String(term.dropFirst(5)) }
        if term == "constant" { return "Konstant" }
        return term
    }

    /// Long rows in the layout of `table_5_8_fixed_effects.csv` for fits keyed by (period, dependent).
    func longRows(_ models: [(period: VIVE2021Period, dependent: VIVE2021Dependent, coefficient: (String) -> Coefficient?)]) -> [String] {
        let stars = SignificanceStars.conventional
        var lines = [Printer.csvLine(["period", "dependent", "term", "term_label_da", "coefficient", "std_error", "stars",
                                      "printed_coefficient", "printed_std_error", "note"])]
        for model in models {
            for term in VIVE2021FixedEffectsTable.terms(model.period) {
                let label = Self.termLabel(term)
                if term == "year_\(model.period.referenceYear)" {
                    lines.append(Printer.csvLine([model.period.rawValue, model.dependent.rawValue, term, label, "", "", "",
                                                  "(ref.)", "", "reference year"]))
                    continue
                }
                guard let c = model.coefficient(term) else { continue }
                let star = stars.symbol(forPValue: c.pValue)
                lines.append(Printer.csvLine([
                    model.period.rawValue, model.dependent.rawValue, term, label, Printer.csv(c.estimate),
                    Printer.csv(c.standardError), star, printer.fixed(c.estimate, 0) + star,
                    "(" + printer.fixed(c.standardError, 0) + ")", "",
                ]))
            }
        }
        return lines
    }

    /// The Reporting layer's regression table of a set of fits, in the report's layout.
    func regressionTable(
        title: String, models: [(header: String, model: RegressionTableModel)], groups: [RegressionTableColumnGroup],
        referenceYears: Bool, statistics: [RegressionTableStatistic], notes: [String]
    ) -> RegressionTable {
        var rows = VIVE2021Regressor.allCases.map { RegressionTableRow(term: $0.name, label: $0.labelDanish) }
        rows += (2014...2019).map { RegressionTableRow(term: "year_\($0)", label: String($0)) }
        rows.append(RegressionTableRow(term: RegressionTableModel.interceptTerm, label: "Konstant"))
        var options = RegressionTableOptions(stars: .conventional, numberFormat: printer.format, coefficientDecimals: 0,
                                             standardErrorDecimals: 0, showsStarLegend: true)
        options.standardErrorPlacement = .below
        return RegressionTable(title: title, models: models.map(\.model), columnGroups: groups, rows: rows,
                               statistics: statistics, notes: notes, options: options)
    }

    func fixedEffects() throws(VIVE2021ReplicationError) -> (table: TableFiles, stats: TableFiles) {
        let fe = replication.fixedEffects
        let csv = longRows(fe.models.map { m in (m.period, m.dependent, { m.coefficient($0) }) })
        var columns: [(header: String, model: RegressionTableModel)] = []
        for m in fe.models {
            var model = RegressionTableModel(m.fit, header: m.dependent.header, omittedLabel: nil)
            model.setReference("year_\(m.period.referenceYear)")
            model.statistics[RegressionTableStatistic.maxVIFKey] = m.maxVIF
            columns.append((m.dependent.header, model))
        }
        let seText: String
        switch replication.options.standardErrors {
        case .conventional: seText = "Standardfejl i parentes (konventionelle, xtreg, fe)."
        case .cluster: seText = "Standardfejl i parentes (klyngerobuste efter jobcenter, xtreg, fe vce(robust))."
        case .robust: seText = "Standardfejl i parentes (heteroskedasticitetsrobuste, HC1)."
        }
        let table = regressionTable(
            title: "Tabel 5.8 Fixed effects-regressioner af udgift pr. fuldtidsledig (replikeret)", models: columns,
            groups: VIVE2021Period.allCases.map { RegressionTableColumnGroup(label: $0.label, span: 3) },
            referenceYears: true,
            statistics: [
                .observations(label: "Observationer"), .groups(label: "Antal jobcentre"),
                RegressionTableStatistic(key: RegressionTableStatistic.adjustedRSquaredKey, label: "Adj. R2", decimals: 3, significantDigits: 3),
                .maxVIF(label: "Max VIF (\(replication.options.vif.rawValue))", decimals: 3),
            ],
            notes: ["Modeller med fixed effects (FE) på jobcenterniveau. Ustandardiserede regressionskoefficienter. " + seText, dataNote])
        let markdown: String, latex: String
        do {
            markdown = try table.rendered(as: .markdown)
            latex = try table.rendered(as: .latex)
        } catch {
            throw .analysis(step: "Table 5.8 rendering", message: error.description)
        }
        var stats = [Printer.csvLine(["period", "dependent", "observations", "jobcentres", "adj_r2", "max_vif"])]
        var rows: [[String]] = []
        for m in fe.models {
            let groups = m.fit.fixedEffects.first?.levels ?? 0
            stats.append(Printer.csvLine([m.period.rawValue, m.dependent.rawValue, String(m.fit.nobs), String(groups),
                                          Printer.csv(m.fit.adjR2), Printer.csv(m.maxVIF)]))
            rows.append([m.period.label, m.dependent.header, printer.count(m.fit.nobs), printer.count(groups),
                         printer.significant(m.fit.adjR2, 3), printer.fixed(m.maxVIF, 3), m.maxVIFVariable])
        }
        let plain = PlainTable(
            caption: "Tabel 5.8, modelstatistik (replikeret)",
            header: ["Periode", "Afhængig", "Observationer", "Antal jobcentre", "Adj. R2", "Max VIF", "Max VIF-variabel"],
            rows: rows, alignment: [.left, .left, .right, .right, .right, .right, .left],
            notes: ["Adj. R2 = xtreg e(r2_a) = 1 - (1 - R2 within)(N - 1)/(N - K - G). Max VIF: \(replication.options.vif.rawValue).", dataNote])
        return (TableFiles(name: "table_5_8_fixed_effects", csv: csv.joined(separator: "\n") + "\n", markdown: markdown, latex: latex),
                TableFiles(name: "table_5_8_model_stats", csv: stats.joined(separator: "\n") + "\n",
                           markdown: plain.markdown(), latex: plain.latex()))
    }

    // MARK: Footnote 34

    func pooled() throws(VIVE2021ReplicationError) -> (table: TableFiles, stats: TableFiles) {
        let period = VIVE2021PooledRegression.period
        let models = replication.pooled.models
        let csv = longRows(models.map { m in
            (period, m.dependent, { m.fit.coefficient($0 == "constant" ? "(Intercept)" : $0) })
        })
        var columns: [(header: String, model: RegressionTableModel)] = []
        for m in models {
            var model = RegressionTableModel(m.fit, header: m.dependent.header, omittedLabel: nil)
            model.setReference("year_\(period.referenceYear)")
            columns.append((m.dependent.header, model))
        }
        let table = regressionTable(
            title: "Fodnote 34: pooled OLS uden jobcenter-fixed effects, 2014-2019 (replikeret)", models: columns,
            groups: [RegressionTableColumnGroup(label: period.label, span: 3)], referenceYears: true,
            statistics: [.observations(label: "Observationer"), .rSquared(label: "R2"), .adjustedRSquared(label: "Adj. R2")],
            notes: ["Pooled OLS med konstant, de otte regressorer fra tabel 5.8 og årsdummier (specifikationen er ikke oplyst i rapporten).", dataNote])
        let markdown: String, latex: String
        do {
            markdown = try table.rendered(as: .markdown)
            latex = try table.rendered(as: .latex)
        } catch {
            throw .analysis(step: "footnote 34 rendering", message: error.description)
        }
        var stats = [Printer.csvLine(["period", "dependent", "observations", "r2", "adj_r2"])]
        var rows: [[String]] = []
        for m in models {
            stats.append(Printer.csvLine([period.rawValue, m.dependent.rawValue, String(m.fit.nobs), Printer.csv(m.fit.r2), Printer.csv(m.fit.adjR2)]))
            rows.append([m.dependent.header, printer.count(m.fit.nobs), printer.fixed(m.fit.r2, 3), printer.fixed(m.fit.adjR2, 3)])
        }
        let plain = PlainTable(caption: "Fodnote 34, modelstatistik (replikeret)", header: ["Afhængig", "Observationer", "R2", "Adj. R2"],
                               rows: rows, notes: [dataNote])
        return (TableFiles(name: "footnote_34_pooled_ols", csv: csv.joined(separator: "\n") + "\n", markdown: markdown, latex: latex),
                TableFiles(name: "footnote_34_model_stats", csv: stats.joined(separator: "\n") + "\n",
                           markdown: plain.markdown(), latex: plain.latex()))
    }

    // MARK: Table 5.9 and Figures 5.10-5.12

    func descriptives() -> TableFiles {
        let s = replication.crossSection.summary
        let rows: [(String, String, Double)] = [
            ("min", "Minimum", s.minimum), ("q1", "1. kvartil", s.lowerQuartile), ("median", "Median", s.median),
            ("q3", "3. kvartil", s.upperQuartile), ("max", "Maksimum", s.maximum),
        ]
        var csv = [Printer.csvLine(["statistic", "statistic_label_da", "dkk_per_fulltime_unemployed"])]
        for (key, label, value) in rows { csv.append(Printer.csvLine([key, label, Printer.csv(value)])) }
        let plain = PlainTable(
            caption: "Tabel 5.9 Deskriptiv statistik for udgift pr. fuldtidsledig, 2017-2019 (replikeret)",
            header: ["", "Udgift pr. fuldtidsledig"], rows: rows.map { [$0.1, printer.fixed($0.2, 0)] },
            notes: ["Gennemsnit af jobcenterets udgift pr. fuldtidsledig i 2017, 2018 og 2019; \(s.count) jobcentre. "
                    + "Kvartiler: \(replication.options.quantileDefinition).", dataNote])
        return TableFiles(name: "table_5_9_descriptives", csv: csv.joined(separator: "\n") + "\n",
                          markdown: plain.markdown(), latex: plain.latex())
    }

    /// The Danish label of a Figure 5.10 bin, as the published CSV writes it.
    func binLabel(_ bin: HistogramBin) -> String {
        let f = { (x: Double) in printer.format.string(x, decimals: 0) }
        switch (bin.lower, bin.upper) {
        case (nil, let upper?): return "under \(f(upper)) kr."
        case (let lower?, nil): return "over \(f(lower)) kr."
        case (let lower?, let upper?): return "\(f(lower))-\(f(upper)) kr."
        case (nil, nil): return "alle"
        }
    }

    func histogram() -> TableFiles {
        let h = replication.crossSection.histogram
        var csv = [Printer.csvLine(["bin", "bin_label_da", "lower_dkk", "upper_dkk", "n_jobcentres"])]
        for (k, bin) in h.bins.enumerated() {
            csv.append(Printer.csvLine([String(k + 1), binLabel(bin), bin.lower.map(Printer.csv) ?? "", bin.upper.map(Printer.csv) ?? "", String(bin.count)]))
        }
        let plain = PlainTable(
            caption: "Figur 5.10 Fordeling af jobcentre efter udgift pr. fuldtidsledig, 2017-2019 (replikeret)",
            header: ["Udgift pr. fuldtidsledig", "Interval", "Antal jobcentre"],
            rows: h.bins.map { [binLabel($0), $0.interval(closure: h.closure), printer.count($0.count)] },
            alignment: [.left, .left, .right], notes: [dataNote])
        return TableFiles(name: "figure_5_10_histogram", csv: csv.joined(separator: "\n") + "\n",
                          markdown: plain.markdown(), latex: plain.latex())
    }

    func crossSectionMeans(framework: Bool) -> TableFiles {
        let cs = replication.crossSection
        let groups = framework ? cs.byFrameworkGroup : cs.bySizeBand
        var csv: [String]
        if framework {
            csv = [Printer.csvLine(["group", "group_label_da", "framework_group", "n_jobcentres", "dkk_per_fulltime_unemployed"])]
            for (g, m) in groups.enumerated() {
                csv.append(Printer.csvLine([m.key, m.label, String(g + 1), String(m.size), Printer.csv(m.mean)]))
            }
        } else {
            csv = [Printer.csvLine(["group", "group_label_da", "population_lower", "population_upper", "n_jobcentres", "dkk_per_fulltime_unemployed"])]
            let edges: [(Double?, Double?)] = [(nil, 30_000), (30_000, 50_000), (50_000, 80_000), (80_000, 120_000), (120_000, nil)]
            for (g, m) in groups.enumerated() {
                csv.append(Printer.csvLine([m.key, m.label, edges[g].0.map(Printer.csv) ?? "", edges[g].1.map(Printer.csv) ?? "",
                                            String(m.size), Printer.csv(m.mean)]))
            }
        }
        let name = framework ? "figure_5_11_by_framework_group_2017_2019" : "figure_5_12_by_municipality_size_2017_2019"
        let caption = framework
            ? "Figur 5.11 Udgift pr. fuldtidsledig 2017-2019 efter rammevilkår (replikeret)"
            : "Figur 5.12 Udgift pr. fuldtidsledig 2017-2019 efter kommunestørrelse (replikeret)"
        let plain = PlainTable(caption: caption, header: [framework ? "Rammevilkår" : "Kommunestørrelse", "Antal jobcentre", "Udgift pr. fuldtidsledig"],
                               rows: groups.map { [$0.label, printer.count($0.size), printer.fixed($0.mean, 0)] },
                               notes: ["Uvægtet gennemsnit over jobcentre af gennemsnittet 2017-2019. Rapporten trykker ingen tal for denne figur.", dataNote])
        return TableFiles(name: name, csv: csv.joined(separator: "\n") + "\n", markdown: plain.markdown(), latex: plain.latex())
    }

    // MARK: Figures 5.7-5.9

    func trend(_ figure: VIVE2021GroupTrends) throws(VIVE2021ReplicationError) -> TableFiles {
        let file = figure.figure.rawValue
        // Metadata columns come from the published file's record for the same group (the layouts match).
        var meta: [String: PublishedRecord] = [:]
        for record in try VIVE2021PublishedTables.records(file + ".csv") where meta[record.text("group")] == nil {
            meta[record.text("group")] = record
        }
        let header: [String]
        switch figure.figure {
        case .growthQuartile: header = ["year", "group", "group_label_da", "quartile", "quartile_meaning", "dkk_per_fulltime_unemployed"]
        case .frameworkGroup: header = ["year", "group", "group_label_da", "framework_group", "n_jobcentres", "rank_range", "dkk_per_fulltime_unemployed"]
        case .sizeBand: header = ["year", "group", "group_label_da", "population_lower", "population_upper", "dkk_per_fulltime_unemployed"]
        }
        var csv = [Printer.csvLine(header)]
        for (g, group) in figure.groups.enumerated() {
            let record = meta[group.key]
            for (t, year) in figure.years.enumerated() {
                var fields = [String(year), group.key, group.label]
                switch figure.figure {
                case .growthQuartile: fields += [String(g + 1), record?.text("quartile_meaning") ?? ""]
                case .frameworkGroup: fields += [String(g + 1), String(group.size), record?.text("rank_range") ?? ""]
                case .sizeBand: fields += [record?.text("population_lower") ?? "", record?.text("population_upper") ?? ""]
                }
                fields.append(Printer.csv(group.means[t]))
                csv.append(Printer.csvLine(fields))
            }
        }
        let plain = PlainTable(
            caption: "Figur \(figure.figure.number) Udgift pr. fuldtidsledig (kr., 2019-priser), uvægtet gennemsnit over jobcentre (replikeret)",
            header: ["Gruppe", "Jobcentre"] + figure.years.map(String.init),
            rows: figure.groups.map { g in [g.label, printer.count(g.size)] + g.means.map { printer.fixed($0, 0) } },
            notes: [dataNote])
        return TableFiles(name: file, csv: csv.joined(separator: "\n") + "\n", markdown: plain.markdown(), latex: plain.latex())
    }
}
