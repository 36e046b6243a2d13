import Foundation
import PanelStats

extension Fit {
    /// `--timings`: runs the fit with a ``FitPhaseClock`` bound, then prints one line per phase on
    /// stderr, `panelstats: timing: PHASE SECONDS s` — load (reading the CSV), prepare (model frame
    /// and, with absorbed effects, the within transformation), solve (least squares), covariance
    /// (covariance, statistics and the result) — and the total. Wall-clock time. A last line,
    /// `panelstats: kernels: SET`, names the row kernels' instruction set (`avx2+fma` or `baseline`).
    func runTimed() throws {
        let clock = FitPhaseClock()
        try FitPhaseClock.$current.withValue(clock) { try run() }
        var total = 0.0
        for (name, seconds) in clock.phases {
            printError("panelstats: timing: \(name) \(String(format: "%.4f", seconds)) s")
            total += seconds
        }
        printError("panelstats: timing: total \(String(format: "%.4f", total)) s")
        printError("panelstats: kernels: \(RowKernelInstructionSet.current.rawValue)")
    }
}
