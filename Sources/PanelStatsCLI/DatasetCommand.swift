import ArgumentParser
import Foundation
import PanelStats
import PanelStatsVIVE2021

/// `panelstats dataset`: rebuilds a bundled dataset.
struct Dataset: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Rebuild a bundled dataset from its seeded generator.",
        subcommands: [DatasetVIVE2021.self]
    )
}

/// `panelstats dataset vive2021 --seed N --out DIR`: writes DIR/panel.csv, the synthetic VIVE 2021
/// panel (94 jobcentres × 2014-2019). With the default seed the file is byte for byte
/// `datasets/vive2021/panel.csv`.
struct DatasetVIVE2021: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vive2021",
        abstract: "Generate the calibrated synthetic VIVE 2021 jobcentre panel (panel.csv).",
        discussion: """
            The jobcentre series are SYNTHETIC: VIVE never published them. The panel is calibrated so \
            that every aggregate chapter 5 of the report prints (Tables 5.3, 5.4, 5.7, 5.8, 5.9, \
            Figures 5.7-5.10) is reproduced; see datasets/vive2021/README.md. The default seed \
            (\(VIVE2021PanelGenerator.defaultSeed)) rebuilds the committed datasets/vive2021/panel.csv.
            """
    )

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = VIVE2021PanelGenerator.defaultSeed

    @Option(help: "Output directory (created if missing); panel.csv is written there.")
    var out: String = "datasets/vive2021"

    @Option(help: ArgumentHelp(
        "Design constants as JSON (calibration work; the panel then differs from the committed one).",
        visibility: .hidden))
    var design: String?

    @Flag(help: ArgumentHelp("Print the committed design constants as JSON and exit.", visibility: .hidden))
    var printDesign = false

    func run() throws {
        if printDesign {
            print(VIVE2021PanelGenerator.standardDesignJSON)
            return
        }
        let panel: VIVE2021Panel
        do {
            let generator: VIVE2021PanelGenerator
            if let design {
                guard let json = FileManager.default.contents(atPath: design) else {
                    throw failure("cannot read the design file \(design)")
                }
                generator = try VIVE2021PanelGenerator(seed: seed, designJSON: json)
            } else {
                generator = VIVE2021PanelGenerator(seed: seed)
            }
            panel = try generator.generate()
        } catch let error as VIVE2021DatasetError {
            throw failure(error.description)
        }
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        let file = directory.appendingPathComponent("panel.csv")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw failure("cannot create \(directory.path): \(error.localizedDescription)")
        }
        do {
            try AtomicFileWriter.write(panel.csv(), to: file.path)
        } catch {
            throw failure(error.description)
        }
        printError("wrote \(file.path): \(panel.rows.count) rows (synthetic jobcentre series, seed \(seed))")
    }
}
