import Foundation
import Testing
import PanelStats
@testable import PanelStatsVIVE2021

@Suite("VIVE 2021 replication output files")
struct ReplicationOutputTests {
    let replication: VIVE2021Replication
    let output: VIVE2021ReplicationOutput

    init() throws {
        replication = try ReplicationFixtures.frozen.get()
        output = try VIVE2021ReplicationOutput(replication)
    }

    static let publishedLayouts = [
        "table_5_7_correlations.csv", "table_5_8_fixed_effects.csv", "table_5_8_model_stats.csv", "table_5_9_descriptives.csv",
        "figure_5_7_by_growth_quartile.csv", "figure_5_8_by_framework_group.csv", "figure_5_9_by_municipality_size.csv",
        "figure_5_10_histogram.csv",
    ]

    @Test("every published table is written under its file name with the published header and row keys")
    func csvFilesFollowThePublishedLayout() throws {
        for name in Self.publishedLayouts {
            let published = try String(contentsOf: ReplicationFixtures.publishedDirectory.appendingPathComponent(name), encoding: .utf8)
            let replicated = try #require(output.contents(of: name), "\(name) missing")
            let publishedLines = published.split(separator: "\n"), replicatedLines = replicated.split(separator: "\n")
            #expect(replicatedLines.first == publishedLines.first, "\(name) header")
            #expect(replicatedLines.count == publishedLines.count, "\(name) rows")
            // The identifying leading fields (period/dependent/term, year/group, statistic, bin) are the same row by row.
            let keyColumns = name.hasPrefix("table_5_8") ? 3 : name.hasPrefix("table_5_7") ? 5 : 2
            for (a, b) in zip(publishedLines.dropFirst(), replicatedLines.dropFirst()) {
                #expect(a.split(separator: ",").prefix(keyColumns) == b.split(separator: ",").prefix(keyColumns), "\(name): \(a) vs \(b)")
            }
        }
    }

    @Test("every CSV table also has a Markdown and a LaTeX file, and every figure an SVG")
    func everyTableHasMarkdownAndLaTeX() {
        let names = Set(output.files.map(\.name))
        for name in names where name.hasSuffix(".csv") && name != "comparison.csv" {
            let stem = String(name.dropLast(4))
            #expect(names.contains(stem + ".md") && names.contains(stem + ".tex"), "\(stem)")
            if stem.hasPrefix("figure_") { #expect(names.contains(stem + ".svg"), "\(stem).svg") }
        }
        #expect(names.isSuperset(of: ["report.md", "report.html", "comparison.csv", "MANIFEST.txt",
                                      "figure_5_11_by_framework_group_2017_2019.svg", "figure_5_12_by_municipality_size_2017_2019.svg",
                                      "footnote_34_pooled_ols.csv"]))
    }

    @Test("every SVG is well-formed XML with an <svg> root and names the synthetic data in its title")
    func svgFilesParseAsXML() {
        let svgs = output.files.filter { $0.name.hasSuffix(".svg") }
        #expect(svgs.count == 6)
        for svg in svgs {
            let parsed = parseXML(svg.contents)
            #expect(parsed.ok, "\(svg.name): \(parsed.error ?? "")")
            #expect(parsed.elements.first == "svg", "\(svg.name)")
            #expect(svg.contents.contains("syntetiske jobcenterdata"), "\(svg.name)")
        }
    }

    @Test("report.html is well-formed XML (XHTML-compatible), so every text was escaped")
    func reportHTMLParses() throws {
        let html = try #require(output.contents(of: "report.html"))
        let parsed = parseXML(html)
        #expect(parsed.ok, "\(parsed.error ?? "")")
        #expect(parsed.elements.filter { $0 == "img" }.count == 6)
    }

    @Test("the comparison holds every published number of the replicated tables: 377 in all")
    func comparisonCoversEveryPublishedNumber() {
        let counts = Dictionary(grouping: output.comparison.entries, by: \.table).mapValues(\.count)
        #expect(counts["table_5_7_correlations"] == 36)
        #expect(counts["table_5_8_fixed_effects"] == 2 * 3 * (14 + 11 + 11))   // coefficients and SEs, constants included
        #expect(counts["table_5_8_model_stats"] == 9 * 4)
        #expect(counts["figure_5_7_by_growth_quartile"] == 24)
        #expect(counts["figure_5_8_by_framework_group"] == 24)
        #expect(counts["figure_5_9_by_municipality_size"] == 30)
        #expect(counts["table_5_9_descriptives"] == 5)
        #expect(counts["figure_5_10_histogram"] == 4)
        #expect(counts["text"] == 2)
        #expect(output.comparison.entries.count == 377)
        let csv = output.contents(of: "comparison.csv") ?? ""
        #expect(csv.split(separator: "\n").count == 378)
    }

    @Test("report.md sets every table beside the published one: all sections and all nine Table 5.8 models")
    func reportHasEverySection() throws {
        let report = try #require(output.contents(of: "report.md"))
        for heading in ["## Table 5.7", "## Table 5.8", "## Figure 5.7", "## Figure 5.8", "## Figure 5.9", "## Table 5.9",
                        "## Figure 5.10", "## Figure 5.11", "## Figure 5.12", "## Footnote 34", "## Choices the report leaves open",
                        "## Summary of differences", "## Which standard errors"] {
            #expect(report.contains(heading), "\(heading)")
        }
        for period in VIVE2021Period.allCases {
            for dependent in VIVE2021Dependent.allCases {
                #expect(report.contains("**\(period.label), \(dependent.header)**"))
            }
        }
        // The published ln population coefficient of 2014-2019 HK6, as printed after the README's correction.
        #expect(report.contains("| Kommunestørrelse (ln) | -33.091 |"))
        // The options and their defaults are printed.
        #expect(report.contains("| Standard errors (Table 5.8, footnote 34) | conventional |"))
        #expect(report.contains("| Max VIF | pooled-years |"))
    }

    @Test("the banner says the bundled data are synthetic, calibrated to the published aggregates")
    func bannerNamesSyntheticData() throws {
        let report = try #require(output.contents(of: "report.md"))
        #expect(report.contains("> **Data: the bundled synthetic panel**"))
        #expect(report.contains("The jobcentre series are synthetic, calibrated to the published aggregates"))
        #expect(output.contents(of: "MANIFEST.txt")?.contains("SYNTHETIC") == true)
        #expect(output.contents(of: "table_5_8_fixed_effects.md")?.contains("synthetic") == true)
    }

    @Test("a user's panel gets the user banner and no synthetic label")
    func bannerForUserData() throws {
        let input = try VIVE2021PanelInput.read(path: ReplicationFixtures.panelCopy.path)
        let user = try VIVE2021Replication(input: input, origin: .user)
        let files = try VIVE2021ReplicationOutput(user)
        let report = try #require(files.contents(of: "report.md"))
        #expect(report.contains("> **Data: your panel**"))
        #expect(!report.contains("synthetic"))
        #expect(files.files.filter { $0.name.hasSuffix(".svg") }.allSatisfy { !$0.contents.contains("syntetiske") })
    }

    @Test("the embedded published tables are byte for byte the files in datasets/vive2021/published")
    func embeddedPublishedTablesMatchFiles() throws {
        for (name, text) in VIVE2021PublishedTables.embedded {
            let file = try String(contentsOf: ReplicationFixtures.publishedDirectory.appendingPathComponent(name), encoding: .utf8)
            #expect(file == text, "\(name) differs: rerun scripts/vive2021/embed_published_tables.py")
        }
    }
}

@Suite("VIVE 2021 replication: all-or-nothing output directory")
struct OutputDirectoryTests {
    @Test("files are written into a new directory and an earlier output is replaced")
    func writesAndReplaces() throws {
        let path = ReplicationFixtures.temporaryDirectory() + "/nested/out"
        let writer = OutputDirectory(path: path, manifestName: "MANIFEST.txt", manifestHeader: "test output")
        try writer.write([("a.csv", "1\n"), ("MANIFEST.txt", "test output\n")])
        #expect(try String(contentsOfFile: path + "/a.csv", encoding: .utf8) == "1\n")
        try writer.write([("b.csv", "2\n"), ("MANIFEST.txt", "test output\n")])
        #expect(!FileManager.default.fileExists(atPath: path + "/a.csv"))
        #expect(try String(contentsOfFile: path + "/b.csv", encoding: .utf8) == "2\n")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        #expect(siblings == ["out"], "no temporary or old directory is left: \(siblings)")
    }

    @Test("a directory that is not an earlier output is refused and left untouched")
    func refusesForeignDirectory() throws {
        let path = ReplicationFixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try "keep me".write(toFile: path + "/thesis.tex", atomically: true, encoding: .utf8)
        let writer = OutputDirectory(path: path, manifestName: "MANIFEST.txt", manifestHeader: "test output")
        #expect(throws: VIVE2021ReplicationError.self) { try writer.write([("a.csv", "1\n")]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["thesis.tex"])
    }

    @Test("a failure while writing leaves neither the target nor a temporary directory")
    func failureLeavesNothing() throws {
        let parent = ReplicationFixtures.temporaryDirectory()
        let writer = OutputDirectory(path: parent + "/out", manifestName: "MANIFEST.txt", manifestHeader: "test output")
        #expect(throws: VIVE2021ReplicationError.self) { try writer.write([("a.csv", "1\n"), ("../escape.csv", "2\n")]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).isEmpty)
    }
}

@Suite("VIVE 2021 replication: options and partial panels")
struct ReplicationVariantsTests {
    @Test("other bin edges and closedness: the histogram is not compared, the rest is; the report still builds")
    func customHistogramEdges() throws {
        let options = VIVE2021ReplicationOptions(binClosure: .right, histogramEdges: [30_000, 35_000, 40_000, 45_000])
        let replication = try ReplicationFixtures.replicate(ReplicationFixtures.panelCopy.path, options: options)
        #expect(replication.crossSection.histogram.bins.count == 5)
        #expect(replication.crossSection.histogram.bins.map(\.count).reduce(0, +) == 94)
        let output = try VIVE2021ReplicationOutput(replication)
        #expect(output.comparison.entries(of: "figure_5_10_histogram").isEmpty)
        #expect(output.contents(of: "figure_5_10_histogram.csv")?.contains("5,over 45.000 kr.,45000,,") == true)
        #expect(output.contents(of: "report.md")?.contains("right-closed (a, b\\]") == true)   // Markdown-escaped
    }

    @Test("pandas quartiles give 24/23/23/24 and are reported as the option used")
    func pandasQuartiles() throws {
        let replication = try ReplicationFixtures.replicate(
            ReplicationFixtures.panelCopy.path, options: VIVE2021ReplicationOptions(quartileRule: .pandas))
        #expect(replication.trend(.growthQuartile)?.groups.map(\.size) == [24, 23, 23, 24])
    }

    @Test("a panel of ten jobcentres (one size band empty) gives well-formed files and says the claims cannot be checked")
    func partialPanel() throws {
        let path = try ReplicationFixtures.temporaryCSV(try ReplicationFixtures.smallPanelLines())
        let replication = try VIVE2021Replication(input: try VIVE2021PanelInput.read(path: path), origin: .user)
        #expect(replication.crossSection.bySizeBand.contains { $0.size == 0 && $0.mean.isNaN })
        let output = try VIVE2021ReplicationOutput(replication)
        for file in output.files where file.name.hasSuffix(".svg") || file.name == "report.html" {
            let parsed = parseXML(file.contents)
            #expect(parsed.ok, "\(file.name): \(parsed.error ?? "")")
            #expect(!file.contents.contains("NaN"), "\(file.name)")
        }
        let report = try #require(output.contents(of: "report.md"))
        #expect(report.contains("cannot be checked: a group has no jobcentres"))
        #expect(!report.contains("NaN"))
    }
}
