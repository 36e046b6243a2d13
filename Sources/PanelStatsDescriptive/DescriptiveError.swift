import PanelStatsData
import PanelStatsDistributions
import PanelStatsLinearAlgebra

/// Failures of the descriptive layer. Every message names the variable, pair, entity or
/// argument at fault, so a command-line user sees what to fix; nothing here is reported as a
/// silent NaN.
public enum DescriptiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer complete observations than the statistic needs (`context` names the variables).
    case tooFewObservations(context: String, needed: Int, found: Int)
    /// The variable takes a single value in the sample, so a correlation (or VIF) is undefined.
    case zeroVariance(variable: String, context: String)
    /// More quantile groups than units to put in them.
    case moreGroupsThanUnits(groups: Int, units: Int)
    /// A group count below 1.
    case invalidGroupCount(Int)
    /// Histogram edges must be finite and strictly increasing; `index` is the first offender (0-based).
    case binEdgesNotIncreasing(index: Int, previous: Double, next: Double)
    /// A histogram edge is NaN or infinite (open ends are requested with an option, not with ±∞).
    case nonFiniteBinEdge(index: Int, value: Double)
    /// Too few edges for the requested bins.
    case tooFewBinEdges(needed: Int, found: Int)
    /// A probability outside [0, 1] (or NaN) was asked for.
    case probabilityOutOfRange(Double)
    /// No non-missing values to summarise.
    case emptySample(variable: String)
    /// Inputs that must line up have different lengths.
    case lengthMismatch(String)
    /// The same name was given twice.
    case duplicateVariable(String)
    /// A regressor is (numerically) a linear combination of the regressors before it.
    case collinear(variable: String, design: String)
    /// An entity has no observation (or only a missing value) for a period the statistic needs.
    case missingObservation(entity: String, period: Int, variable: String)
    /// An entity appears twice in the same period.
    case duplicateObservation(entity: String, period: Int)
    /// Percentage growth from a zero base is undefined.
    case zeroBase(entity: String, period: Int, variable: String)
    /// A period range that is empty (end before start) or holds no period of the panel.
    case invalidPeriodRange(from: Int, to: Int)
    /// A weight that is negative, NaN or infinite, or a cell whose weights sum to zero.
    case invalidWeight(String)
    /// A panel identifier (entity or period) is missing, or a period is not a whole number;
    /// `line` is the data file's line.
    case invalidPanelKey(variable: String, line: Int, reason: String)
    /// A failure reported by the data layer (unknown or non-numeric column, …).
    case data(DataError)
    /// A failure reported by the distributions layer.
    case distribution(DistributionError)
    /// A failure reported by the linear-algebra layer.
    case linearAlgebra(LinearAlgebraError)

    public var description: String {
        switch self {
        case .tooFewObservations(let context, let needed, let found):
            return "\(context): \(found) complete observation\(found == 1 ? "" : "s"), need at least \(needed)"
        case .zeroVariance(let variable, let context):
            return "\(context): variable '\(variable)' has zero variance (a single value), so the statistic is undefined"
        case .moreGroupsThanUnits(let groups, let units):
            return "cannot form \(groups) quantile groups from \(units) unit\(units == 1 ? "" : "s")"
        case .invalidGroupCount(let k):
            return "the number of groups must be at least 1, got \(k)"
        case .binEdgesNotIncreasing(let index, let previous, let next):
            return "histogram bin edges must increase strictly: edge \(index + 2) (\(plain(next))) does not exceed edge \(index + 1) (\(plain(previous)))"
        case .nonFiniteBinEdge(let index, let value):
            return "histogram bin edge \(index + 1) is \(plain(value)); use the open-ended bin options instead of infinite edges"
        case .tooFewBinEdges(let needed, let found):
            return "histogram needs at least \(needed) bin edge\(needed == 1 ? "" : "s"), got \(found)"
        case .probabilityOutOfRange(let p):
            return "quantile probability must lie in [0, 1], got \(p)"
        case .emptySample(let variable):
            return "variable '\(variable)' has no non-missing values"
        case .lengthMismatch(let message):
            return "length mismatch: \(message)"
        case .duplicateVariable(let name):
            return "variable '\(name)' is listed twice"
        case .collinear(let variable, let design):
            return "\(design): regressor '\(variable)' is a linear combination of the regressors before it (VIF infinite)"
        case .missingObservation(let entity, let period, let variable):
            return "entity '\(entity)' has no non-missing '\(variable)' in period \(period)"
        case .duplicateObservation(let entity, let period):
            return "entity '\(entity)' appears more than once in period \(period)"
        case .zeroBase(let entity, let period, let variable):
            return "entity '\(entity)': '\(variable)' is zero in base period \(period), so percentage growth is undefined"
        case .invalidPeriodRange(let from, let to):
            return "period range \(from)–\(to) holds no period of the panel"
        case .invalidWeight(let message):
            return "invalid weight: \(message)"
        case .invalidPanelKey(let variable, let line, let reason):
            return "line \(line): panel identifier '\(variable)' \(reason)"
        case .data(let error):
            return error.description
        case .distribution(let error):
            return error.description
        case .linearAlgebra(let error):
            return error.description
        }
    }

    /// A number as typed: 1000 rather than 1000.0.
    private func plain(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
