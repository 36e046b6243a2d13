import Foundation
import Testing

/// `panelstats fit --format markdown|latex` prints the Reporting layer's regression table: coefficient with
/// stars, standard error in parentheses on the row beneath, constant last, statistics rows, notes.
@Suite("panelstats fit --format markdown|latex (RegressionTable)")
struct FitTableFormatTests {
    static let longley = ["fit", "datasets/examples/longley.csv", "--formula", "y ~ x1 + x2 + x3 + x4 + x5 + x6"]

    @Test func markdownIsARegressionTable() throws {
        let output = try CLIRunner.run(Self.longley + ["--format", "markdown"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        // NIST Longley: x3 = -2.02022980381683 (SE 0.488399681651699), p < 0.01.
        let x3 = try #require(lines.firstIndex { $0.hasPrefix("| x3 ") })
        #expect(lines[x3].contains("-2.020\\*\\*\\*"))
        #expect(lines[x3 + 1].contains("(0.488)"))
        let intercept = try #require(lines.firstIndex { $0.hasPrefix("| (Intercept)") })
        #expect(intercept > x3, "constant last")
        #expect(lines.contains { $0.hasPrefix("| Observations") && $0.contains("16") })
        #expect(output.stdout.contains("\\*\\*\\* p\\<0.01"))
    }

    @Test func latexUsesBooktabsAndMathStars() throws {
        let output = try CLIRunner.run(Self.longley + ["--format", "latex"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\\toprule"))
        #expect(output.stdout.contains("x3 & $-$2.020$^{***}$ \\\\"))
        #expect(output.stdout.contains(" & (0.488) \\\\"))
    }

    @Test func withinFitShowsGroupsAndWithinR2() throws {
        let path = try CLIRunner.temporaryCSV("id,t,y,x\n1,1,1,1\n1,2,2,3\n1,3,2,2\n2,1,5,1\n2,2,7,4\n2,3,6,2\n3,1,3,2\n3,2,4,3\n3,3,6,5\n")
        let output = try CLIRunner.run(["fit", path, "--formula", "y ~ x | id", "--format", "markdown"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("| Groups (id)"))
        #expect(output.stdout.contains("| R² within"))
        #expect(output.stdout.contains("| Adj. R² (within)"))
    }
}
