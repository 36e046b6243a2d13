import PanelStats

/// The coefficient listing `panelstats fit` prints for OLS and fixed-effects fits alike: the text
/// table, the JSON coefficient rows and the tidy CSV. One place, so both estimators' outputs keep
/// the same layout and keys. Number formatting is `FitReport`'s.
enum CoefficientListing {
    static let columnHeaders = ["Estimate", "Std. Error", "t", "P>|t|", "[95% Conf.", "Interval]"]

    /// One row of printed cells per coefficient: estimate, SE, t, p, CI low, CI high.
    static func cells(_ coefficients: [Coefficient]) -> [[String]] {
        coefficients.map { c in
            [
                FitReport.number(c.estimate), FitReport.number(c.standardError), FitReport.fixed(c.t, 3),
                FitReport.pValue(c.pValue), FitReport.number(c.ciLow), FitReport.number(c.ciHigh),
            ]
        }
    }

    /// The text table: title, a blank line, the header, a rule, one right-aligned row per coefficient
    /// (term left-aligned), a rule, then the summary lines.
    static func text(title: String, coefficients: [Coefficient], summaryLines: [String]) -> String {
        let headers = [""] + columnHeaders
        let rows = zip(coefficients, cells(coefficients)).map { [$0.term] + $1 }
        var widths = headers.map(\.count)
        for row in rows { for (j, cell) in row.enumerated() { widths[j] = max(widths[j], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { j, cell in
                let pad = String(repeating: " ", count: widths[j] - cell.count)
                return j == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        let header = line(headers)
        let rule = String(repeating: "-", count: header.count)
        return ([title, "", header, rule] + rows.map(line) + [rule] + summaryLines).joined(separator: "\n")
    }

    /// The `coefficients` array of the stable JSON interface, keys in the documented order.
    static func json(_ coefficients: [Coefficient]) -> JSONValue {
        .array(coefficients.map { c in
            JSONValue.object([
                ("term", .string(c.term)), ("estimate", .number(c.estimate)), ("std_error", .number(c.standardError)),
                ("t", .number(c.t)), ("p_value", .number(c.pValue)), ("ci_low", .number(c.ciLow)),
                ("ci_high", .number(c.ciHigh)),
            ])
        })
    }

    /// A tidy table of the coefficients, full precision (shortest round-trip decimal), `NA` for
    /// non-finite numbers.
    static func csv(_ coefficients: [Coefficient]) -> String {
        var lines = ["term,estimate,std_error,t,p_value,ci_low,ci_high"]
        for c in coefficients {
            let numbers = [c.estimate, c.standardError, c.t, c.pValue, c.ciLow, c.ciHigh].map { $0.isFinite ? "\($0)" : "NA" }
            lines.append(([TextEscaping.csvField(c.term)] + numbers).joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }
}
