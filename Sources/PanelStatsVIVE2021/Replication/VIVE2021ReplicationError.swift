/// Why `panelstats replicate vive2021` could not run. Every message names what to fix: the file, and
/// where the data are at fault the jobcentre, year and column.
public enum VIVE2021ReplicationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The panel file could not be read as CSV (message from the CSV reader, with file and line).
    case unreadable(String)
    /// Required columns are absent from the panel or jobcentre file.
    case missingColumns(source: String, columns: [String])
    /// A required value is empty or `NA`.
    case missingValue(source: String, line: Int, jobcentre: String, year: Int?, column: String)
    /// A jobcentre lacks one of the analysis years 2014–2019.
    case missingYear(source: String, jobcentre: String, year: Int)
    /// The same jobcentre and year occur twice.
    case duplicateObservation(source: String, jobcentre: String, year: Int, lines: [Int])
    /// A year is not a whole number.
    case invalidYear(source: String, line: Int, jobcentre: String, value: Double)
    /// A jobcentre has no framework group and size band (Bilag 1, or the `--jobcentres` file).
    case unknownJobcentre(source: String, jobcentre: String, groupsSource: String)
    /// The jobcentre-groups file is malformed.
    case invalidJobcentreGroups(source: String, line: Int, message: String)
    /// A derived variable is undefined: zero ftu (division by zero), non-positive population...
    case invalidValue(source: String, jobcentre: String, year: Int, column: String, message: String)
    /// Too few jobcentres for the analysis (quartiles, fixed effects).
    case tooFewJobcentres(source: String, found: Int, needed: Int)
    /// An estimation or descriptive step failed; names the step (table, period, dependent) and why.
    case analysis(step: String, message: String)
    /// The embedded published tables could not be read (a build defect, not a user error).
    case publishedTables(String)
    /// An option value is invalid.
    case invalidOption(String)
    /// The output directory could not be written; nothing was left behind that looks complete.
    case output(path: String, message: String)

    public var description: String {
        switch self {
        case .unreadable(let message):
            return message
        case .missingColumns(let source, let columns):
            let list = columns.map { "'\($0)'" }.joined(separator: ", ")
            return "\(source): missing column\(columns.count == 1 ? "" : "s") \(list) (the VIVE 2021 panel needs "
                + VIVE2021Panel.columns.joined(separator: ", ") + ")"
        case .missingValue(let source, let line, let jobcentre, let year, let column):
            let when = year.map { ", year \($0)" } ?? ""
            return "\(source):\(line): jobcentre \(jobcentre)\(when), column \(column): missing value"
        case .missingYear(let source, let jobcentre, let year):
            return "\(source): jobcentre \(jobcentre) has no row for year \(year) "
                + "(the analysis needs every jobcentre in each year 2014-2019)"
        case .duplicateObservation(let source, let jobcentre, let year, let lines):
            return "\(source): jobcentre \(jobcentre), year \(year) occurs more than once (lines "
                + lines.map(String.init).joined(separator: ", ") + ")"
        case .invalidYear(let source, let line, let jobcentre, let value):
            return "\(source):\(line): jobcentre \(jobcentre), column year: \(value) is not a whole year"
        case .unknownJobcentre(let source, let jobcentre, let groupsSource):
            return "\(source): jobcentre \(jobcentre) has no framework group and size band in \(groupsSource) "
                + "(use the names of Bilag 1, or give --jobcentres FILE with columns jobcentre, framework_group, size_band)"
        case .invalidJobcentreGroups(let source, let line, let message):
            return "\(source):\(line): \(message)"
        case .invalidValue(let source, let jobcentre, let year, let column, let message):
            return "\(source): jobcentre \(jobcentre), year \(year), column \(column): \(message)"
        case .tooFewJobcentres(let source, let found, let needed):
            return "\(source): \(found) jobcentre\(found == 1 ? "" : "s"), the analysis needs at least \(needed)"
        case .analysis(let step, let message):
            return "\(step): \(message)"
        case .publishedTables(let message):
            return "embedded published tables: \(message)"
        case .invalidOption(let message):
            return message
        case .output(let path, let message):
            return "cannot write \(path): \(message)"
        }
    }
}
