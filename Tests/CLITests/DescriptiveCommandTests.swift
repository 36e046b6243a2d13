import ArgumentParser
import Foundation
import Testing
@testable import PanelStatsCLI
import PanelStats

/// The `correlate`, `describe` and `groups` subcommands on small CSV files written to a
/// temporary directory; numbers are checked against the scipy fixture of DescriptiveTests.
@Suite("Descriptive subcommands")
struct DescriptiveCommandTests {
    struct CorrelationFixture: Decodable {
        struct Result: Decodable {
            let r: [[Double]]
            let p_value: [[Double]]
            let n_pairwise: [[Int]]
        }
        let variables: [String]
        let data: [[Double?]]
        let listwise_nobs: Int
        let pearson_listwise: Result
        let spearman_pairwise: Result
    }

    let directory: URL
    let fixture: CorrelationFixture
    let correlationCSV: String

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("panelstats-descriptive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DescriptiveTests/Fixtures/correlation.json")
        fixture = try JSONDecoder().decode(CorrelationFixture.self, from: Data(contentsOf: url))
        // Missing values as empty fields; "\(Double)" round-trips exactly.
        var lines = [fixture.variables.joined(separator: ",")]
        for i in fixture.data[0].indices {
            lines.append(fixture.data.map { $0[i].map { "\($0)" } ?? "" }.joined(separator: ","))
        }
        correlationCSV = try Self.write("correlation.csv", lines.joined(separator: "\n") + "\n", in: directory)
    }

    static func write(_ name: String, _ text: String, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func write(_ name: String, _ text: String) throws -> String {
        try Self.write(name, text, in: directory)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A 94-entity panel over 2014 and 2019 with distinct growth rates.
    func growthPanel() throws -> String {
        var lines = ["jobcentre,year,ftu,spend"]
        for e in 1...94 {
            let base = 100.0 + Double(e)
            lines.append("jc\(e),2014,\(base),\(1000 + e)")
            lines.append("jc\(e),2019,\(base * (1 + Double((e * 37) % 94) / 100)),\(2000 + e)")
        }
        return try write("panel.csv", lines.joined(separator: "\n") + "\n")
    }

    /// JSON layout of the issue, values equal to scipy's pearsonr to 1e-12 (r) and 1e-10 (p).
    @Test func correlateJSONHasTheDocumentedKeysAndScipyValues() throws {
        let command = try CorrelateCommand.parse([correlationCSV, "--vars", "a,b,c,d,e", "--format", "json"])
        let object = try json(try command.output())
        #expect(object["variables"] as? [String] == fixture.variables)
        #expect(object["nobs"] as? Int == fixture.listwise_nobs)
        let r = try #require(object["r"] as? [[Double]])
        let p = try #require(object["p_value"] as? [[Double]])
        let n = try #require(object["n_pairwise"] as? [[Int]])
        #expect(n == fixture.pearson_listwise.n_pairwise)
        for i in 0..<5 {
            for j in 0..<5 {
                let expectedR = fixture.pearson_listwise.r[i][j]
                let expectedP = fixture.pearson_listwise.p_value[i][j]
                #expect(abs(r[i][j] - expectedR) <= 1e-12 * max(abs(expectedR), 1e-3))
                #expect(abs(p[i][j] - expectedP) <= 1e-10 * max(abs(expectedP), 1e-300))
            }
        }
    }

    @Test func correlatePairwiseSpearmanReportsPerPairN() throws {
        let command = try CorrelateCommand.parse(
            [correlationCSV, "--vars", "a,b,c,d,e", "--pairwise", "--method", "spearman", "--format", "json"])
        let object = try json(try command.output())
        #expect(object["n_pairwise"] as? [[Int]] == fixture.spearman_pairwise.n_pairwise)
        #expect(object["method"] as? String == "spearman")
    }

    @Test func correlateTextMarksSignificantCoefficients() throws {
        let output = try CorrelateCommand.parse([correlationCSV, "--vars", "a,b", "--decimals", "2"]).output()
        #expect(output.contains("listwise deletion, N = "))
        #expect(output.contains(String(format: "%.2f*", fixture.pearson_listwise.r[1][0])))
        #expect(output.contains("* p<0.05"))
    }

    @Test func correlateCSVIsOneLinePerPair() throws {
        let output = try CorrelateCommand.parse([correlationCSV, "--vars", "a,b,c", "--format", "csv"]).output()
        let lines = output.split(separator: "\n")
        #expect(lines.first == "variable_1,variable_2,r,p_value,n")
        #expect(lines.count == 4)
    }

    @Test func correlateZeroVarianceFailsNamingTheVariable() throws {
        let path = try write("flat.csv", "x,flat\n1,5\n2,5\n3,5\n4,5\n")
        let command = try CorrelateCommand.parse([path, "--vars", "x,flat"])
        #expect(throws: DescriptiveError.zeroVariance(variable: "flat", context: "correlation of x, flat (listwise), N = 4")) {
            try command.output()
        }
        #expect(throws: ExitCode(1)) { try command.run() }
    }

    @Test func correlateUnknownColumnFails() throws {
        let command = try CorrelateCommand.parse([correlationCSV, "--vars", "a,nope"])
        #expect(throws: ExitCode(1)) { try command.run() }
    }

    @Test func malformedStarsAreAUsageError() {
        #expect(throws: (any Error).self) {
            try CorrelateCommand.parse([correlationCSV, "--vars", "a,b", "--stars", "1.5:*"])
        }
    }

    @Test func describeReportsSummariesAndAnOpenEndedHistogram() throws {
        let command = try DescribeCommand.parse(
            [correlationCSV, "--vars", "a,c", "--histogram", "c", "--edges", "950,1000,1050", "--format", "json"])
        let object = try json(try command.output())
        let variables = try #require(object["variables"] as? [[String: Any]])
        #expect(variables.map { $0["variable"] as? String } == ["a", "c"])
        #expect(variables[0]["count"] as? Int == fixture.data[0].compactMap { $0 }.count)
        #expect(variables[0]["standard_deviation"] is Double)
        let histogram = try #require(object["histogram"] as? [String: Any])
        let bins = try #require(histogram["bins"] as? [[String: Any]])
        #expect(bins.count == 4)
        #expect(bins.first?["lower"] == nil)
        #expect(bins.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == fixture.data[2].compactMap { $0 }.count)
    }

    @Test func describeEntityMeansCollapseThePanel() throws {
        let path = try growthPanel()
        let command = try DescribeCommand.parse(
            [path, "--vars", "spend", "--entity", "jobcentre", "--time", "year", "--entity-means", "--format", "json"])
        let object = try json(try command.output())
        let variables = try #require(object["variables"] as? [[String: Any]])
        #expect(variables.first?["count"] as? Int == 94)
        // Entity e's mean is (1000 + e + 2000 + e)/2 = 1500 + e; the mean over e = 1…94 is 1547.5.
        #expect(variables.first?["mean"] as? Double == 1547.5)
    }

    @Test func describeNonIncreasingEdgesFail() throws {
        let command = try DescribeCommand.parse([correlationCSV, "--histogram", "c", "--edges", "1000,950"])
        #expect(throws: DescriptiveError.binEdgesNotIncreasing(index: 0, previous: 1000, next: 950)) {
            try command.output()
        }
        #expect(throws: ExitCode(1)) { try command.run() }
    }

    @Test func groupsBalancedQuartilesOf94EntitiesAre23_24_24_23() throws {
        let path = try growthPanel()
        let command = try GroupsCommand.parse(
            [path, "--entity", "jobcentre", "--time", "year", "--by", "ftu", "--growth", "2014:2019",
             "--rule", "balanced", "--means", "spend", "--format", "json"])
        let object = try json(try command.output())
        #expect(object["sizes"] as? [Int] == [23, 24, 24, 23])
        let means = try #require(object["means"] as? [[String: Any]])
        #expect(means.first?["periods"] as? [Int] == [2014, 2019])
        #expect(means.first?["weighting"] != nil)
    }

    @Test func groupsDefaultRuleIsQcut() throws {
        let path = try growthPanel()
        let command = try GroupsCommand.parse(
            [path, "--entity", "jobcentre", "--time", "year", "--by", "ftu", "--growth", "2014:2019", "--format", "json"])
        let object = try json(try command.output())
        #expect(object["sizes"] as? [Int] == [24, 23, 23, 24])
    }

    @Test func groupsMoreGroupsThanUnitsFails() throws {
        let path = try write("small.csv", "id,x\na,1\nb,2\nc,3\n")
        let command = try GroupsCommand.parse([path, "--entity", "id", "--by", "x", "--groups", "5"])
        #expect(throws: DescriptiveError.moreGroupsThanUnits(groups: 5, units: 3)) { try command.output() }
        #expect(throws: ExitCode(1)) { try command.run() }
    }

    @Test func groupsMissingYearNamesTheEntity() throws {
        let path = try write("gap.csv", "id,year,x\na,2014,1\na,2019,2\nb,2014,3\nc,2014,1\nc,2019,5\n")
        let command = try GroupsCommand.parse(
            [path, "--entity", "id", "--time", "year", "--by", "x", "--growth", "2014:2019", "--groups", "2"])
        #expect(throws: DescriptiveError.missingObservation(entity: "b", period: 2019, variable: "x")) {
            try command.output()
        }
    }

    @Test func groupsPanelOptionsWithoutTimeAreAUsageError() {
        #expect(throws: (any Error).self) {
            try GroupsCommand.parse([correlationCSV, "--by", "a", "--growth", "2014:2019"])
        }
    }
}
