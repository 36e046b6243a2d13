// libFuzzer target for the CSV reader (and what reads its output: data frame accessors, level
// tables, group indices and model frames). Compiled by scripts/fuzz together with the
// PanelStatsData sources in one module, so internal invariants can be checked directly.
//
// Input layout: byte 0 picks the options (separator, decimal mark, a forced column type), the
// rest is the file. A trap (crash, ASan report, failed invariant) is a finding.

#if canImport(Glibc)
import Glibc
#endif

private let separators: [Unicode.Scalar] = [",", ";", "\t", "|", " ", ":", "a", "1"]

@_cdecl("LLVMFuzzerTestOneInput")
public func csvReaderFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let selector = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    var options = CSVOptions()
    options.separator = separators[Int(selector & 7)]
    options.decimalSeparator = selector & 8 != 0 ? "," : "."
    if selector & 16 != 0 { options.missingTokens = ["", "NA", ".", "NaN", "-"] }
    if selector & 32 != 0 { options.numericColumns = ["x"] }
    if selector & 64 != 0 { options.categoricalColumns = ["id"] }
    do {
        let frame = try CSVReader.parse(bytes, source: "fuzz.csv", options: options)
        exercise(frame)
    } catch {
        check(message: error.description)
    }
    return 0
}

/// Invariants of a successfully read frame, and the model frame of its first columns.
private func exercise(_ frame: DataFrame) {
    let rows = frame.rowCount
    guard rows > 0, !frame.columns.isEmpty else { fatalError("a frame without rows or columns was returned") }
    for column in frame.columns {
        guard column.count == rows, !column.name.isEmpty else { fatalError("inconsistent column \(column.name)") }
        switch column {
        case .numeric(let numeric):
            for value in numeric.values where value.isInfinite { fatalError("an infinite value was accepted") }
        case .categorical(let categorical):
            for row in 0..<rows {
                let code = categorical.codes[row]
                guard code >= -1, Int(code) < categorical.levels.count else { fatalError("code out of range") }
                _ = categorical.label(at: row)
            }
            for k in categorical.levels.indices.dropFirst()
            where !codePointPrecedes(categorical.levels[k - 1], categorical.levels[k]) {
                fatalError("levels not sorted and distinct")
            }
        }
    }
    var previous = 0
    for row in 0..<rows {
        let line = frame.line(ofRow: row)
        guard line > previous else { fatalError("line numbers do not increase") }
        previous = line
    }
    // Model frames of the first columns: numeric use, factor use, absorbed use.
    let names = frame.columnNames.map(quoteIfNeeded)
    var formulas: [String] = []
    if names.count >= 2 {
        formulas = [
            "\(names[0]) ~ \(names[1])", "\(names[0]) ~ factor(\(names[1]))", "\(names[0]) ~ log(\(names[1])) - 1",
            "\(names[0]) ~ I(\(names[1])^2 / 3) | \(names[1])",
        ]
    } else {
        formulas = ["\(names[0]) ~ 1"]
    }
    for text in formulas {
        guard let formula = try? Formula.parse(text) else { continue }
        do {
            let model = try ModelFrame(formula: formula, data: frame, additionalVariables: frame.columnNames)
            guard model.design.rows == model.observationCount, model.response.count == model.observationCount else {
                fatalError("model frame dimensions")
            }
            for name in frame.columnNames {
                if let groups = try? model.groups(name) {
                    guard groups.codes.allSatisfy({ $0 >= 0 && Int($0) < groups.count }),
                          groups.labels.count == groups.count,
                          groups.sizes().allSatisfy({ $0 > 0 })
                    else { fatalError("group index of \(name)") }
                }
            }
            for i in 0..<model.observationCount { _ = model.line(ofObservation: i) }
        } catch {
            check(message: error.description)
        }
    }
}

/// Messages are one line (control characters escaped) and not empty.
private func check(message: String) {
    guard !message.isEmpty, !message.contains("\n"), !message.contains("\r") else {
        fatalError("bad message: \(message)")
    }
}
