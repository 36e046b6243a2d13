import ArgumentParser
import Foundation
import PanelStats

// Shared plumbing of the descriptive subcommands (`correlate`, `describe`, `groups`): reading the
// CSV, parsing list options, and writing a simple table in the five output formats.

/// Output formats of the descriptive subcommands.
enum DescriptiveFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, latex, csv
}

/// The data file and how to read it.
struct DescriptiveDataOptions: ParsableArguments {
    @Argument(help: "The data file: CSV with a header row; empty, NA and . are missing.")
    var data: String

    @Option(help: "Field separator (one ASCII character).")
    var separator: String = ","

    @Flag(help: "Numbers use a decimal comma (Danish/European CSV; combine with --separator ';').")
    var decimalComma = false

    func validate() throws {
        guard separator.unicodeScalars.count == 1 else {
            throw ValidationError("--separator must be a single character, got '\(separator)'")
        }
    }

    /// Reads the file; errors carry the data layer's file:line message.
    func read() throws(DataError) -> DataFrame {
        var options = CSVOptions()
        if let scalar = separator.unicodeScalars.first { options.separator = scalar }
        if decimalComma { options.decimalSeparator = "," }
        return try CSVReader.read(path: data, options: options)
    }
}

/// Number formatting of the human-readable formats (text, Markdown, LaTeX); CSV and JSON
/// always carry full precision.
struct DescriptiveNumberOptions: ParsableArguments {
    @Option(help: "Decimals in text, Markdown and LaTeX output.")
    var decimals: Int = 3

    @Flag(help: "Danish number format in text, Markdown and LaTeX: 1.234,5.")
    var danish = false

    func validate() throws {
        guard (0...17).contains(decimals) else { throw ValidationError("--decimals must be between 0 and 17") }
    }

    var format: NumberFormat { danish ? .danish : .english }

    /// `value` for a human-readable table.
    func string(_ value: Double) -> String { format.string(value, decimals: decimals) }
    func string(_ value: Int) -> String { format.string(value) }
}

/// The values of numeric column `name` (NaN = missing), or the data layer's error naming it.
func numericColumn(_ frame: DataFrame, _ name: String) throws(DataError) -> [Double] {
    let column = try frame.column(named: name)
    guard case .numeric(let numeric) = column else {
        let row = (0..<frame.rowCount).first { !column.isMissing($0) }
        var text: String?
        if case .categorical(let categorical) = column, let row { text = categorical.label(at: row) }
        throw .notNumeric(source: frame.source, line: row.map { frame.line(ofRow: $0) }, variable: name, text: text,
                          hint: nil)
    }
    return numeric.values
}

/// Splits a comma-separated option value ("a, b,c") into trimmed, non-empty names.
func commaSeparatedList(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// Parses a period range written "2014:2019" or "2014-2019".
func periodRange(_ text: String, option: String) throws -> (from: Int, to: Int) {
    let parts = text.split(whereSeparator: { $0 == ":" || $0 == "-" || $0 == "–" })
        .map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, let from = Int(parts[0]), let to = Int(parts[1]) else {
        throw ValidationError("\(option) takes two whole-number periods, as 2014:2019; got '\(text)'")
    }
    return (from, to)
}

/// A value printed with all the digits needed to read it back (CSV, JSON-like cells).
func fullPrecision(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}

/// Pretty-printed JSON of `value` with snake_case keys, ending in a newline.
func descriptiveJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    let data = try encoder.encode(value)
    return (String(data: data, encoding: .utf8) ?? "") + "\n"
}

/// A titled table of pre-formatted cells with notes underneath, rendered as aligned text,
/// a GitHub Markdown table, a LaTeX booktabs tabular, or CSV (title and notes dropped).
struct DescriptiveTable {
    var title: String
    var header: [String]
    var rows: [[String]]
    var notes: [String] = []

    func render(_ format: DescriptiveFormat) -> String {
        switch format {
        case .text, .json: return text()
        case .markdown: return markdown()
        case .latex: return latex()
        case .csv: return csv()
        }
    }

    private var columnCount: Int { max(header.count, rows.map(\.count).max() ?? 0) }

    private func padded(_ row: [String]) -> [String] {
        row + [String](repeating: "", count: max(0, columnCount - row.count))
    }

    /// First column left-aligned, the others right-aligned (numbers).
    private func text() -> String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: columnCount)
        for row in all { for (j, cell) in padded(row).enumerated() { widths[j] = max(widths[j], cell.count) } }
        func line(_ row: [String]) -> String {
            padded(row).enumerated().map { j, cell in
                let pad = String(repeating: " ", count: widths[j] - cell.count)
                return j == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * max(0, columnCount - 1))
        var lines = [title, rule, line(header), rule]
        lines += rows.map(line)
        lines.append(rule)
        lines += notes
        return lines.joined(separator: "\n") + "\n"
    }

    private func markdown() -> String {
        func line(_ row: [String]) -> String {
            "| " + padded(row).map(TextEscaping.markdown).joined(separator: " | ") + " |"
        }
        var lines = ["**\(TextEscaping.markdown(title))**", "", line(header)]
        lines.append("|" + (0..<columnCount).map { $0 == 0 ? ":---|" : "---:|" }.joined())
        lines += rows.map(line)
        if !notes.isEmpty {
            lines.append("")
            lines += notes.map(TextEscaping.markdown)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func latex() -> String {
        func line(_ row: [String]) -> String {
            padded(row).map(TextEscaping.latex).joined(separator: " & ") + " \\\\"
        }
        var lines = [
            "% \(title)",
            "\\begin{tabular}{l" + String(repeating: "r", count: max(0, columnCount - 1)) + "}",
            "\\toprule",
            line(header),
            "\\midrule",
        ]
        lines += rows.map(line)
        lines.append("\\bottomrule")
        if !notes.isEmpty {
            lines.append("\\multicolumn{\(columnCount)}{l}{\\footnotesize "
                + notes.map(TextEscaping.latex).joined(separator: "; ") + "} \\\\")
        }
        lines.append("\\end{tabular}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func csv() -> String {
        ([header] + rows).map { padded($0).map(TextEscaping.csvField).joined(separator: ",") }
            .joined(separator: "\n") + "\n"
    }
}

/// Runs a subcommand body, turning any library error into one line on stderr and exit code 1.
func runDescriptive(_ body: () throws -> String) throws {
    let output: String
    do {
        output = try body()
    } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch {
        throw failure(String(describing: error))
    }
    print(output, terminator: "")
}
