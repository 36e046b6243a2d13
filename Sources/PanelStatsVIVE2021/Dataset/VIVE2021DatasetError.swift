/// Why the VIVE 2021 panel could not be generated, read or derived.
public enum VIVE2021DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A linear-algebra step of the calibration failed (message from LAPACK wrapper).
    case linearAlgebra(String)
    /// The calibration could not meet a target for this seed; names the target.
    case calibrationFailed(String)
    /// The panel CSV is malformed: file, line and the problem.
    case malformedCSV(source: String, line: Int, message: String)
    /// A required column is missing from the panel CSV.
    case missingColumn(source: String, column: String)
    /// A value cannot be used: jobcentre, year, column and why (zero ftu, non-positive population...).
    case invalidValue(jobcentre: String, year: Int, column: String, message: String)
    /// The panel is not the balanced 94 × 2014-2019 layout the analysis needs.
    case unbalancedPanel(String)

    public var description: String {
        switch self {
        case .linearAlgebra(let message):
            "VIVE 2021 calibration: linear algebra failed: \(message)"
        case .calibrationFailed(let message):
            "VIVE 2021 calibration failed: \(message)"
        case .malformedCSV(let source, let line, let message):
            "\(source):\(line): \(message)"
        case .missingColumn(let source, let column):
            "\(source): missing column '\(column)'"
        case .invalidValue(let jobcentre, let year, let column, let message):
            "jobcentre \(jobcentre), year \(year), column \(column): \(message)"
        case .unbalancedPanel(let message):
            "unbalanced panel: \(message)"
        }
    }
}
