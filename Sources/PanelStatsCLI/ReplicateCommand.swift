import ArgumentParser
import Foundation
import PanelStats
import PanelStatsVIVE2021

/// `panelstats replicate`: re-runs a published analysis.
struct Replicate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replicate",
        abstract: "Re-run a published analysis and set every table beside the published numbers.",
        subcommands: [ReplicateVIVE2021.self]
    )
}

/// `panelstats replicate vive2021 [--data PANEL.csv] [--out DIR]`: VIVE 2021 chapter 5, section 5.3 —
/// Tables 5.7-5.9, Figures 5.7-5.12 and footnote 34 — into DIR, all files or none. Progress goes to
/// stderr, a short summary to stdout.
struct ReplicateVIVE2021: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vive2021",
        abstract: "Replicate VIVE 2021, chapter 5 (jobcentre spending per full-time unemployed): Tables 5.7-5.9, Figures 5.7-5.12, footnote 34.",
        discussion: """
            Without --data it runs on the bundled panel datasets/vive2021/panel.csv, whose jobcentre series are \
            SYNTHETIC (calibrated to the published aggregates; VIVE never published jobcentre data). With --data \
            it runs on your panel: a CSV with the columns jobcentre, year, population, population_17_64, the six \
            ftu_* columns, hk5_dkk, hk6_dkk, disability_pension_ftu, economic_pressure_index, framework_score_2016 \
            (see datasets/vive2021/README.md). DIR receives every table as CSV (the published layout), Markdown \
            and LaTeX, every figure as SVG, comparison.csv, report.md and report.html. The files are written to \
            a temporary directory and moved into place at the end; on any error nothing is left behind.
            """
    )

    @Option(help: "The raw panel CSV (default: the bundled synthetic datasets/vive2021/panel.csv).")
    var data: String?

    @Option(help: "Jobcentre groupings CSV (jobcentre, framework_group, size_band); default: Bilag 1.")
    var jobcentres: String?

    @Option(help: "Output directory (created; an earlier output there is replaced).")
    var out: String = "out/vive2021"

    @Option(help: "Table 5.8 standard errors: conventional (xtreg default), cluster (by jobcentre) or robust.")
    var se: String = VIVE2021ReplicationOptions.StandardErrors.conventional.rawValue

    @Option(help: "Max VIF: pooled-years (pooled OLS with year dummies), pooled (without) or within.")
    var vif: String = VIVE2021ReplicationOptions.VIFDefinition.pooledWithYearDummies.rawValue

    @Option(help: "Table 5.9 quantile definition: Hyndman-Fan type 1-9 or a numpy method name; 2 is Stata summarize.")
    var quantiles: String = "2"

    @Option(help: "Figure 5.10 bins: left ([a, b)) or right ((a, b]) closed.")
    var bins: String = "left"

    @Option(help: "Figure 5.10 inner bin edges, comma-separated.")
    var edges: String = "32000,37000,42000"

    @Option(help: "Figure 5.7 growth quartiles: balanced (23/24/24/23), pandas or xtile.")
    var quartiles: String = VIVE2021ReplicationOptions.QuartileRule.balanced.rawValue

    @Option(help: "Number format of the printed tables, figures and report: danish or english.")
    var numberFormat: String = "danish"

    func run() throws {
        let start = Date()
        let options: VIVE2021ReplicationOptions
        do {
            options = try parsedOptions()
        } catch {
            throw failure(error.description)
        }
        var step = 0
        func progress(_ message: String) {
            step += 1
            printError("[\(step)] \(message)")
        }
        let replication: VIVE2021Replication
        let output: VIVE2021ReplicationOutput
        do {
            (replication, output) = try execute(options: options, progress: progress)
        } catch {
            throw failure(error.description + "; nothing was written")
        }
        print(summary(replication, output: output, seconds: Date().timeIntervalSince(start)))
    }

    /// Reads the panel, runs the analysis, builds and writes the files.
    func execute(options: VIVE2021ReplicationOptions, progress: (String) -> Void)
        throws(VIVE2021ReplicationError) -> (VIVE2021Replication, VIVE2021ReplicationOutput)
    {
        let located = VIVE2021BundledPanel.locate()
        let input: VIVE2021PanelInput
        let origin: VIVE2021Replication.DataOrigin
        if let data {
            progress("reading \(data)")
            input = try VIVE2021PanelInput.read(path: data)
            origin = VIVE2021BundledPanel.isBundled(path: data, located: located) ? .bundledSynthetic : .user
        } else {
            progress(located.map { "reading the bundled synthetic panel \($0)" }
                ?? "rebuilding the bundled synthetic panel with the seeded generator")
            let loaded = try VIVE2021BundledPanel.load(located: located)
            if let note = loaded.note { printError("NOTE: \(note)") }
            input = loaded.input
            origin = .bundledSynthetic
        }
        if input.rowsOutsideYears > 0 {
            printError("NOTE: \(input.rowsOutsideYears) rows of years outside 2014-2019 left out")
        }
        var groupings = VIVE2021JobcentreGroups.bilag1
        if let jobcentres { groupings = try VIVE2021JobcentreGroups.read(path: jobcentres) }
        let replication = try VIVE2021Replication(input: input, origin: origin, groupings: groupings, options: options, progress: progress)
        let output = try VIVE2021ReplicationOutput(replication, progress: progress)
        progress("moving \(output.files.count) files into \(out)")
        try output.write(to: out)
        return (replication, output)
    }

    func parsedOptions() throws(VIVE2021ReplicationError) -> VIVE2021ReplicationOptions {
        func choice<T: RawRepresentable & CaseIterable>(_ value: String, _ flag: String, _: T.Type) throws(VIVE2021ReplicationError) -> T
            where T.RawValue == String
        {
            guard let parsed = T(rawValue: value.lowercased()) else {
                throw .invalidOption("--\(flag) '\(value)': expected " + T.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return parsed
        }
        guard let quantileDefinition = QuantileDefinition(name: quantiles) else {
            throw .invalidOption("--quantiles '\(quantiles)': expected a Hyndman-Fan type 1-9 or a numpy method name (linear, weibull, ...)")
        }
        var edgeValues: [Double] = []
        for part in edges.split(separator: ",") {
            guard let x = Double(part.trimmingCharacters(in: .whitespaces)), x.isFinite else {
                throw .invalidOption("--edges '\(edges)': '\(part)' is not a number")
            }
            edgeValues.append(x)
        }
        guard !edgeValues.isEmpty, zip(edgeValues, edgeValues.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidOption("--edges '\(edges)': give one or more increasing numbers")
        }
        let format: NumberFormat
        switch numberFormat.lowercased() {
        case "danish": format = .danish
        case "english": format = .english
        default: throw .invalidOption("--number-format '\(numberFormat)': expected danish or english")
        }
        return VIVE2021ReplicationOptions(
            standardErrors: try choice(se, "se", VIVE2021ReplicationOptions.StandardErrors.self),
            vif: try choice(vif, "vif", VIVE2021ReplicationOptions.VIFDefinition.self),
            quantileDefinition: quantileDefinition,
            binClosure: try choice(bins, "bins", BinClosure.self),
            histogramEdges: edgeValues,
            quartileRule: try choice(quartiles, "quartiles", VIVE2021ReplicationOptions.QuartileRule.self),
            numberFormat: format)
    }

    /// The few lines printed on stdout.
    func summary(_ replication: VIVE2021Replication, output: VIVE2021ReplicationOutput, seconds: Double) -> String {
        var lines: [String] = []
        lines.append(replication.origin == .bundledSynthetic
            ? "Data: bundled SYNTHETIC panel (\(replication.source)): jobcentre series synthetic, calibrated to the published aggregates."
            : "Data: \(replication.source) (your panel, \(replication.jobcentreCount) jobcentres).")
        let coefficients = output.comparison.entries(of: "table_5_8_fixed_effects").filter { $0.publishedStandardError != nil }
        let worst = coefficients.map { abs($0.difference / ($0.publishedStandardError ?? 1)) }.max() ?? .nan
        let r = output.comparison.entries(of: "table_5_7_correlations").map { abs($0.difference) }.max() ?? .nan
        let means = ["figure_5_7_by_growth_quartile", "figure_5_8_by_framework_group", "figure_5_9_by_municipality_size"]
            .flatMap { output.comparison.entries(of: $0) }.map { abs($0.relativeDifference) }.max() ?? .nan
        let counts = replication.crossSection.histogram.bins.map { String($0.count) }.joined(separator: "/")
        let comparable = output.comparison.entries(of: "figure_5_10_histogram").count == replication.crossSection.histogram.bins.count
        let bins = counts + (comparable ? "" : " with your --edges")
        if let ln = replication.fixedEffects.model(.full, .total)?.coefficient("ln_population") {
            lines.append(String(format: "Table 5.8 (2014-2019, total): ln population %.0f (SE %.0f); published -59607 (15212).", ln.estimate, ln.standardError))
        }
        lines.append(String(format: "Table 5.8: %d coefficients, largest difference %.2f published SEs. Table 5.7: largest |r difference| %.3f.",
                            coefficients.count, worst, r))
        lines.append(String(format: "Figures 5.7-5.9: largest relative difference %.2f %%. Figure 5.10 counts %@ (published 16/38/22/18).",
                            100 * means, bins))
        lines.append("Wrote \(output.files.count) files to \(out) (report: \(out)/report.md, \(out)/report.html) in "
            + String(format: "%.2f s.", seconds))
        return lines.joined(separator: "\n")
    }
}
