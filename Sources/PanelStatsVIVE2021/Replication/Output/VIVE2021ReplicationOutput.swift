import PanelStats

/// The files `panelstats replicate vive2021` writes, built in memory from a ``VIVE2021Replication``:
/// every table as `*.csv` in the layout of `datasets/vive2021/published/` (same file names) plus
/// `*.md` and `*.tex`; every figure as `*.svg` (with its data as CSV, Markdown and LaTeX);
/// `comparison.csv` (every published number beside its replication); `report.md` and `report.html`;
/// and `MANIFEST.txt`, naming the data and options and listing the files.
///
/// Nothing is written here: ``OutputDirectory`` writes the files, all or none.
public struct VIVE2021ReplicationOutput: Sendable {
    /// File name → contents (UTF-8 text), in writing order.
    public let files: [(name: String, contents: String)]
    /// The comparison the report is built on.
    public let comparison: VIVE2021Comparison

    /// The first line of `MANIFEST.txt`, by which a previous output directory is recognised (and may be replaced).
    public static let manifestHeader = "panelstats replicate vive2021 output"
    public static let manifestName = "MANIFEST.txt"

    /// Builds every file.
    /// - Parameter progress: called with a one-line description before each step.
    public init(_ replication: VIVE2021Replication, progress: (String) -> Void = { _ in }) throws(VIVE2021ReplicationError) {
        progress("comparing with the published tables")
        comparison = try VIVE2021Comparison(replication)
        progress("writing tables (CSV, Markdown, LaTeX)")
        let tables = VIVE2021TableFiles(replication)
        var files: [(name: String, contents: String)] = []
        func add(_ t: TableFiles) {
            files.append((t.name + ".csv", t.csv))
            files.append((t.name + ".md", t.markdown))
            files.append((t.name + ".tex", t.latex))
        }
        add(tables.correlations())
        let fe = try tables.fixedEffects()
        add(fe.table)
        add(fe.stats)
        add(tables.descriptives())
        for trend in replication.trends { add(try tables.trend(trend)) }
        add(tables.histogram())
        add(tables.crossSectionMeans(framework: true))
        add(tables.crossSectionMeans(framework: false))
        let pooled = try tables.pooled()
        add(pooled.table)
        add(pooled.stats)

        progress("drawing figures (SVG)")
        let charts = VIVE2021Charts(replication: replication)
        for trend in replication.trends { files.append((trend.figure.rawValue + ".svg", try charts.trend(trend))) }
        files.append(("figure_5_10_histogram.svg", try charts.histogram()))
        files.append(("figure_5_11_by_framework_group_2017_2019.svg", try charts.crossSectionMeans(framework: true)))
        files.append(("figure_5_12_by_municipality_size_2017_2019.svg", try charts.crossSectionMeans(framework: false)))

        var csv = [Printer.csvLine(["table", "item", "published", "replicated", "difference", "relative_difference", "published_std_error"])]
        for e in comparison.entries {
            csv.append(Printer.csvLine([e.table, e.item, Printer.csv(e.published), Printer.csv(e.replicated), Printer.csv(e.difference),
                                        Printer.csv(e.relativeDifference), e.publishedStandardError.map(Printer.csv) ?? ""]))
        }
        files.append(("comparison.csv", csv.joined(separator: "\n") + "\n"))

        progress("writing report.md and report.html")
        let document = try VIVE2021Report(replication, comparison: comparison).document()
        files.append(("report.md", document.markdown()))
        files.append(("report.html", document.html()))

        let o = replication.options
        var manifest = [
            Self.manifestHeader,
            "",
            replication.origin == .bundledSynthetic
                ? "DATA: the bundled synthetic panel \(replication.source). The jobcentre series are SYNTHETIC, calibrated to the published aggregates; every file here was computed from them."
                : "DATA: \(replication.source), supplied by the user (\(replication.jobcentreCount) jobcentres).",
            "groupings: \(replication.groupingsSource)",
            "options: --se \(o.standardErrors.rawValue) --vif \(o.vif.rawValue) --quantiles \(o.quantileDefinition.rawValue) "
                + "--bins \(o.binClosure.rawValue) --edges \(o.histogramEdges.map(Printer.csv).joined(separator: ",")) "
                + "--quartiles \(o.quartileRule.rawValue)",
            "",
            "files:",
        ]
        manifest += files.map { "  " + $0.name }
        files.append((Self.manifestName, manifest.joined(separator: "\n") + "\n"))
        self.files = files
    }

    /// The contents of a file, if it is part of the output.
    public func contents(of name: String) -> String? { files.first { $0.name == name }?.contents }
}
