// libFuzzer target for the formula parser. Compiled by scripts/fuzz together with the
// PanelStatsData sources in one module.
//
// The input is the formula text (any bytes, decoded as UTF-8 with replacement). Checked: parsing
// never traps; an accepted formula prints canonically and its printed form parses back to the
// same print; the error's caret points inside the formula (or just after it); a model frame of
// the formula over a small data frame never traps.

@_cdecl("LLVMFuzzerTestOneInput")
public func formulaParserFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    do {
        let formula = try Formula.parse(text)
        let printed = formula.description
        let again: Formula
        do {
            again = try Formula.parse(printed)
        } catch {
            fatalError("the printed formula does not parse: \(printed) (\(error.message)) from \(text)")
        }
        guard again.description == printed else {
            fatalError("print is not stable: \(printed) → \(again.description)")
        }
        _ = formula.variables
        _ = formula.terms.map(\.name)
        evaluate(formula)
    } catch {
        guard case .syntax(_, let formula, let position) = error, position >= 0, position <= formula.count else {
            fatalError("caret outside the formula: \(error)")
        }
        _ = error.description
    }
    return 0
}

/// Builds the formula's model frame over a small frame whose columns are the formula's variables.
private func evaluate(_ formula: Formula) {
    let variables = formula.variables
    guard !variables.isEmpty, variables.count < 64 else { return }
    var columns: [Column] = []
    for (k, name) in variables.enumerated() {
        var values: [Double] = []
        for i in 0..<6 {
            let value = Double((i * 7 + k * 3) % 5) - 1.5
            values.append(i == 3 && k == 1 ? Double.nan : value)
        }
        columns.append(.numeric(NumericColumn(name: name, values: values)))
    }
    guard let frame = try? DataFrame(columns: columns, source: "fuzz") else { return }
    do {
        let model = try ModelFrame(formula: formula, data: frame)
        guard model.design.columns == model.termNames.count else { fatalError("design width") }
    } catch {
        guard !error.description.contains("\n") else { fatalError("multi-line message: \(error)") }
    }
}
