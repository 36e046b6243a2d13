/// Everything that can go wrong while reading data or building a model frame.
///
/// Every message names where the fault is, in the form an editor or compiler uses:
/// `data.csv:17: column 'x2': 'abc' is not a number`. Lines are 1-based physical lines of
/// the file (a quoted field that spans lines moves later rows down, as an editor shows them);
/// columns are named by their header, or numbered from 1 where the header itself is at fault.
public enum DataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist.
    case fileNotFound(path: String)
    /// The file exists but cannot be read (a directory, no permission, an I/O error).
    case fileNotReadable(path: String, reason: String)
    /// The file holds no header row (it is empty, or only blank lines and a byte-order mark).
    case emptyFile(source: String)
    /// The file has a header row but no data rows.
    case headerOnly(source: String)
    /// A header field is empty; `column` is 1-based.
    case emptyColumnName(source: String, line: Int, column: Int)
    /// Two header fields carry the same name; both 1-based positions are given.
    case duplicateColumnName(source: String, line: Int, name: String, first: Int, second: Int)
    /// A row has a different number of fields than the header.
    case raggedRow(source: String, line: Int, expected: Int, found: Int)
    /// A quoted field opened on `line` is never closed.
    case unterminatedQuote(source: String, line: Int, column: String)
    /// Text follows the closing quote of a quoted field (`"abc"def`).
    case textAfterClosingQuote(source: String, line: Int, column: String)
    /// A field (or header name) is not valid UTF-8.
    case invalidUTF8(source: String, line: Int, column: String)
    /// A field of a numeric column is not a number. `hint` suggests a fix when one is likely
    /// (a decimal comma, for instance).
    case notANumber(source: String, line: Int, column: String, text: String, hint: String?)
    /// A numeric column holds `NaN`, `Inf` or a number too large for a `Double`.
    case nonFiniteNumber(source: String, line: Int, column: String, text: String)
    /// The header has a single column whose name contains another likely separator.
    case wrongSeparator(source: String, header: String, detected: String)
    /// The reading options are inconsistent (for example the same separator and decimal mark).
    case invalidOptions(String)
    /// A variable is not a column of the data; `suggestions` are close names.
    case unknownVariable(source: String, name: String, suggestions: [String])
    /// A variable has no non-missing value at all.
    case allMissing(source: String, variable: String)
    /// A numeric variable is needed but the column holds text.
    case notNumeric(source: String, line: Int?, variable: String, text: String?, hint: String?)
    /// No observation is left after listwise deletion of missing values.
    case noObservations(source: String, missing: String)
    /// `log(x)` meets a non-positive value.
    case nonPositiveLog(source: String, line: Int, term: String, variable: String, value: Double)
    /// A transformed term (`I(...)`) evaluates to NaN or an infinity.
    case nonFiniteTerm(source: String, line: Int, term: String, value: Double)
    /// `factor(v, ref=...)` names a level that `v` does not have (among the rows used).
    case unknownFactorLevel(source: String, variable: String, level: String, available: [String])
    /// A variable requested from a model frame was not among those it deleted listwise on.
    case notInModelFrame(variable: String, available: [String])
    /// Columns given to build a data frame differ in length or repeat a name.
    case inconsistentColumns(String)
    /// A size beyond what can be represented or held: more distinct labels in a column, or more
    /// observations in a model frame, than 32-bit level codes number (2 147 483 646); a design
    /// matrix larger than the machine's memory. `limit` says which limit and what to do.
    case tooLarge(source: String, what: String, limit: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(shown(path)): no such file"
        case .fileNotReadable(let path, let reason):
            return "\(shown(path)): cannot read: \(shown(reason))"
        case .emptyFile(let source):
            return "\(shown(source)): the file is empty (a header row naming the columns is required)"
        case .headerOnly(let source):
            return "\(shown(source)): the file has a header row but no data rows"
        case .emptyColumnName(let source, let line, let column):
            return "\(shown(source)):\(line): column \(column) of the header has no name"
                + " (a trailing separator at the end of the header line?)"
        case .duplicateColumnName(let source, let line, let name, let first, let second):
            return "\(shown(source)):\(line): column name '\(shown(name))' appears twice in the header (columns \(first) and \(second))"
        case .raggedRow(let source, let line, let expected, let found):
            return "\(shown(source)):\(line): the row has \(found) field\(found == 1 ? "" : "s"), "
                + "the header has \(expected) column\(expected == 1 ? "" : "s")"
        case .unterminatedQuote(let source, let line, let column):
            return "\(shown(source)):\(line): column '\(shown(column))': a quoted field starts here and is never closed"
        case .textAfterClosingQuote(let source, let line, let column):
            return "\(shown(source)):\(line): column '\(shown(column))': text follows the closing quote of a quoted field"
                + " (a quote inside a quoted field is written \"\")"
        case .invalidUTF8(let source, let line, let column):
            return "\(shown(source)):\(line): column '\(shown(column))': the text is not valid UTF-8"
                + " (re-save the file as UTF-8)"
        case .notANumber(let source, let line, let column, let text, let hint):
            return "\(shown(source)):\(line): column '\(shown(column))': '\(shown(text))' is not a number" + (hint.map { "; \($0)" } ?? "")
        case .nonFiniteNumber(let source, let line, let column, let text):
            return "\(shown(source)):\(line): column '\(shown(column))': '\(shown(text))' is not a finite number"
                + " (NaN, Inf and values beyond ±1.8e308 are refused; list the token among the"
                + " missing-value tokens if it marks a missing value)"
        case .wrongSeparator(let source, let header, let detected):
            let name = detected == "\t" ? "tab" : "'\(detected)'"
            return "\(shown(source)):1: the header '\(shown(header))' is one column containing \(shown(name)): the file looks "
                + "\(shown(name))-separated; set the separator to \(shown(name))"
                + (detected == ";" ? " (and the decimal separator to ',' for decimal commas)" : "")
        case .invalidOptions(let message):
            return "invalid CSV options: \(shown(message))"
        case .unknownVariable(let source, let name, let suggestions):
            let hint = suggestions.isEmpty
                ? "" : "; did you mean " + suggestions.map { "'\(shown($0))'" }.joined(separator: ", ") + "?"
            return "\(shown(source)): variable '\(shown(name))' is not a column of the data\(hint)"
        case .allMissing(let source, let variable):
            return "\(shown(source)): variable '\(shown(variable))' has no non-missing value"
        case .notNumeric(let source, let line, let variable, let text, let hint):
            var message = "\(shown(source))"
            if let line { message += ":\(line)" }
            message += ": column '\(shown(variable))': "
            if let text {
                message += "'\(shown(text))' is not a number"
            } else {
                message += "the column holds identifiers (read as categorical), not numbers"
            }
            message += " (the formula uses it as a numeric variable; wrap it in factor() for a categorical one)"
            if let hint { message += "; \(hint)" }
            return message
        case .noObservations(let source, let missing):
            return "\(shown(source)): no observations left after removing missing values (\(shown(missing)))"
        case .nonPositiveLog(let source, let line, let term, let variable, let value):
            return "\(shown(source)):\(line): \(shown(term)): '\(shown(variable))' is \(formatNumber(value)); log needs positive values"
        case .nonFiniteTerm(let source, let line, let term, let value):
            return "\(shown(source)):\(line): \(shown(term)) evaluates to \(formatNumber(value)); a regressor must be finite"
        case .unknownFactorLevel(let source, let variable, let level, let available):
            let listed = available.prefix(10).map { "'\(shown($0))'" }.joined(separator: ", ")
            let more = available.count > 10 ? ", ... (\(available.count) levels)" : ""
            return "\(shown(source)): factor(\(shown(variable))): reference level '\(shown(level))' is not a level of '\(shown(variable))'"
                + " (levels: \(listed)\(more))"
        case .notInModelFrame(let variable, let available):
            return "variable '\(shown(variable))' is not among the model frame's variables ("
                + available.map { "'\(shown($0))'" }.joined(separator: ", ")
                + "); pass it in additionalVariables so rows where it is missing are removed too"
        case .inconsistentColumns(let message):
            return "inconsistent columns: \(shown(message))"
        case .tooLarge(let source, let what, let limit):
            return "\(shown(source)): \(shown(what)) exceeds \(limit)"
        }
    }
}

extension DataError {
    /// The limit of 32-bit level codes, as `tooLarge` messages state it.
    static let levelCodeLimit = "2147483646, the limit of 32-bit level codes"
}

/// User text as it appears in a one-line message: control characters (a newline inside a
/// quoted field, a tab) escaped, very long text cut.
func shown(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars.prefix(200) {
        switch scalar {
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return text.unicodeScalars.count > 200 ? result + "..." : result
}

/// Formats a number the way a reader wants to see it in a message or a level label:
/// integral values without a trailing ".0" (2015, not 2015.0), others in Swift's shortest
/// round-tripping form.
func formatNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
        return String(Int64(value))
    }
    return String(value)
}
