import Foundation
import Testing

/// `panelstats fit --timings`: one stderr line per phase, in order, and the same table on stdout
/// as without the flag. (The times themselves are never checked.)
@Suite("panelstats fit --timings")
struct FitTimingsTests {
    static let phases = ["load", "prepare", "solve", "covariance", "total"]

    static func phaseNames(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("panelstats: timing: "), line.hasSuffix(" s") else { return nil }
            let fields = line.dropFirst("panelstats: timing: ".count).split(separator: " ")
            guard fields.count == 3, Double(fields[1]) != nil else { return nil }
            return String(fields[0])
        }
    }

    @Test(arguments: [
        ["fit", "datasets/grunfeld/grunfeld.csv", "--formula", "inv ~ value + capital | firm", "--vcov", "cluster:firm"],
        ["fit", "datasets/examples/longley.csv", "--formula", "y ~ x1 + x2 + x3 + x4 + x5 + x6"],
    ])
    func phasesArePrintedInOrderOnStandardError(arguments: [String]) throws {
        let timed = try CLIRunner.run(arguments + ["--timings"])
        let plain = try CLIRunner.run(arguments)
        #expect(timed.status == 0, "\(timed.stderr)")
        #expect(Self.phaseNames(timed.stderr) == Self.phases, "\(timed.stderr)")
        #expect(timed.stdout == plain.stdout)
    }
}

extension FitTimingsTests {
    @Test("--timings names the row kernels' instruction set after the total")
    func kernelInstructionSetIsPrintedLast() throws {
        let timed = try CLIRunner.run([
            "fit", "datasets/grunfeld/grunfeld.csv", "--formula", "inv ~ value + capital | firm", "--timings",
        ])
        let last = timed.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(["panelstats: kernels: avx2+fma", "panelstats: kernels: baseline"].contains(last), "\(timed.stderr)")
    }
}
