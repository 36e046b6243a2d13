import Foundation
import Testing
@testable import PanelStatsVIVE2021

/// `datasets/vive2021/` relative to this file.
let datasetDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets/vive2021")

@Suite("VIVE 2021 panel generator")
struct PanelGeneratorTests {
    @Test("the default seed rebuilds datasets/vive2021/panel.csv byte for byte")
    func defaultSeedRebuildsCommittedPanel() throws {
        let committed = try String(contentsOf: datasetDirectory.appendingPathComponent("panel.csv"), encoding: .utf8)
        let generated = try VIVE2021PanelGenerator().generate().csv()
        #expect(generated == committed)
    }

    @Test("the panel has 564 rows, the 94 jobcentres of Bilag 1 × 2014-2019, in order")
    func layoutIsBalanced() throws {
        let panel = try VIVE2021PanelGenerator().generate()
        #expect(panel.rows.count == 564)
        for (o, row) in panel.rows.enumerated() {
            #expect(row.jobcentre == VIVE2021Jobcentre.all[o / 6].name)
            #expect(row.year == 2014 + o % 6)
        }
    }

    @Test("the written CSV parses back to the same rows")
    func csvRoundTrips() throws {
        let text = try VIVE2021PanelGenerator().generate().csv()
        let parsed = try VIVE2021Panel(csv: text, source: "generated")
        #expect(parsed.csv() == text)
    }

    @Test("the committed design printed as JSON rebuilds the committed panel")
    func standardDesignJSONRoundTrips() throws {
        let json = Data(VIVE2021PanelGenerator.standardDesignJSON.utf8)
        let generator = try VIVE2021PanelGenerator(seed: VIVE2021PanelGenerator.defaultSeed, designJSON: json)
        #expect(generator.design == .standard)
    }

    @Test("an incomplete design JSON is an error that names the missing key")
    func incompleteDesignJSONIsAClearError() {
        #expect {
            _ = try VIVE2021PanelGenerator(seed: 1, designJSON: Data(#"{"totalResidualSD": [1, 2, 3]}"#.utf8))
        } throws: { error in
            String(describing: error).contains("design JSON") && String(describing: error).contains("ftuPercentYearMeans")
        }
    }
}
