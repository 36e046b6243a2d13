import ArgumentParser
import PanelStats

extension Fit {
    /// The `| id` path of `panelstats fit`: the within estimator with Stata `xtreg, fe` conventions
    /// (see ``FixedEffectsModel``), `--ssc`, `--drop-singletons` and `--t-df`.
    func runWithin() throws {
        let result: FixedEffectsResult
        do {
            let vce = try FixedEffectsVCE(parsing: vcov)
            let correction = try SmallSampleCorrection(parsing: ssc)
            guard let tDegrees = TDegreesOfFreedom(rawValue: tDf.lowercased()) else {
                throw FixedEffectsError.invalidOption("unknown --t-df '\(tDf)' (expected min or conventional)")
            }
            var frame: DataFrame? = try CSVReader.read(path: data)
            FitPhaseClock.mark("load")
            // The fit lets the frame go early when its model copies what it reads; when it reads
            // the frame's own columns the frame is freed here, after the fit is timed (as pyfixest's
            // timing does not free the caller's DataFrame).
            result = try FixedEffectsModel.fit(
                formula: formula, data: &frame, keepingSharedData: true, vce: vce, weights: weights,
                smallSampleCorrection: correction, tDegreesOfFreedom: tDegrees, dropSingletons: dropSingletons)
            FitPhaseClock.mark("covariance")
            withExtendedLifetime(frame) {}
        } catch let error as DataError {
            throw failure(error.description)
        } catch let error as FixedEffectsError {
            switch error {
            case .data(let message), .invalidOption(let message): throw failure(message)
            default: throw failure("\(data): \(error.description)")
            }
        } catch {
            throw failure("\(error)")
        }
        if let note = result.missingNote { printError("NOTE: \(note).") }
        if result.singletonsDropped > 0 {
            printError("NOTE: \(result.singletonsDropped) singleton observation\(result.singletonsDropped == 1 ? "" : "s") dropped.")
        }
        print(FixedEffectsReport(result: result).rendered(as: format))
    }
}
