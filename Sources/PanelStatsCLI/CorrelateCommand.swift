import ArgumentParser
import PanelStats

extension CorrelationMethod: ExpressibleByArgument {}

/// `panelstats correlate`: a correlation matrix with p-values and significance marks.
struct CorrelateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correlate",
        abstract: "Correlation matrix (Pearson or Spearman) with two-sided p-values and significance marks.",
        discussion: """
            p-values are the two-sided t test of r on N − 2 degrees of freedom (scipy's pearsonr and \
            spearmanr, Stata's pwcorr, sig). Spearman's rho is Pearson's r of average ranks, ranked \
            within the sample used. Missing values (empty, NA, .) are deleted listwise by default — \
            one N for the whole matrix, as Stata's correlate — or, with --pairwise, per pair, with \
            each pair's N reported (Stata's pwcorr). A variable without variation, or fewer than three \
            complete observations, is an error rather than a NaN.

            Text, Markdown and LaTeX show the lower triangle, r with its marks; --pvalues adds each \
            p-value underneath, and pairwise output adds each pair's N. CSV is long: one line per pair \
            (variable_1, variable_2, r, p_value, n). JSON: {"variables", "nobs", "r", "p_value", \
            "n_pairwise", "method", "missing_data"}; the diagonal has r = 1, p = 0.

            Example: panelstats correlate panel.csv --vars spend,share_a,ftu_pct --stars '0.05:*'
            """
    )

    @OptionGroup var input: DescriptiveDataOptions

    @Option(help: "Comma-separated numeric columns to correlate.")
    var vars: String

    @Option(help: "pearson or spearman.")
    var method: CorrelationMethod = .pearson

    @Flag(help: "Pairwise instead of listwise deletion of missing values.")
    var pairwise = false

    @Option(help: "text, json, markdown, latex or csv.")
    var format: DescriptiveFormat = .text

    @Option(help: "Significance marks as level:symbol pairs; a p-value gets the symbol of the smallest level it is below.")
    var stars: String = "0.05:*"

    @Flag(help: "Show each p-value under its coefficient (text, Markdown, LaTeX).")
    var pvalues = false

    @OptionGroup var numbers: DescriptiveNumberOptions

    func validate() throws {
        guard !commaSeparatedList(vars).isEmpty else { throw ValidationError("--vars needs at least one column") }
        _ = try significanceStars()
    }

    /// Reporting's star convention (p < level), built from `--stars`.
    func significanceStars() throws -> SignificanceStars {
        var levels: [SignificanceStars.Level] = []
        for item in commaSeparatedList(stars) {
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let level = Double(parts[0]), level > 0, level < 1, !parts[1].isEmpty else {
                throw ValidationError("--stars takes level:symbol pairs with 0 < level < 1, as 0.01:**,0.05:*; got '\(item)'")
            }
            levels.append(SignificanceStars.Level(symbol: parts[1], threshold: level))
        }
        return SignificanceStars(levels: levels)
    }

    func run() throws {
        try runDescriptive { try output() }
    }

    /// The command's complete standard output.
    func output() throws -> String {
        let frame = try input.read()
        let matrix = try CorrelationMatrix(frame, variables: commaSeparatedList(vars), method: method,
                                           missingData: pairwise ? .pairwise : .listwise)
        let stars = try significanceStars()
        switch format {
        case .json:
            return try descriptiveJSON(matrix)
        case .csv:
            var rows: [[String]] = []
            let k = matrix.variables.count
            for i in 0..<k {
                for j in (i + 1)..<max(k, i + 1) {
                    rows.append([matrix.variables[i], matrix.variables[j], fullPrecision(matrix.r[i][j]),
                                 fullPrecision(matrix.pValue[i][j]), String(matrix.nPairwise[i][j])])
                }
            }
            return DescriptiveTable(title: "", header: ["variable_1", "variable_2", "r", "p_value", "n"], rows: rows)
                .render(.csv)
        case .text, .markdown, .latex:
            return table(matrix, stars: stars).render(format)
        }
    }

    private func table(_ matrix: CorrelationMatrix, stars: SignificanceStars) -> DescriptiveTable {
        let k = matrix.variables.count
        let marks = matrix.marks { stars.symbol(forPValue: $0) }
        var rows: [[String]] = []
        for i in 0..<k {
            rows.append([matrix.variables[i]] + (0...i).map { j in
                i == j ? numbers.string(1.0) : numbers.string(matrix.r[i][j]) + marks[i][j]
            })
            if pvalues && i > 0 {
                rows.append(["  p"] + (0..<i).map { "(" + numbers.string(matrix.pValue[i][$0]) + ")" })
            }
            if matrix.missingData == .pairwise && i > 0 {
                rows.append(["  N"] + (0..<i).map { numbers.string(matrix.nPairwise[i][$0]) })
            }
        }
        let name = matrix.method == .pearson ? "Pearson correlations" : "Spearman rank correlations"
        let sample = matrix.missingData == .listwise
            ? "listwise deletion, N = \(numbers.string(matrix.nobs))"
            : "pairwise deletion, N per pair (smallest \(numbers.string(matrix.nobs)))"
        var notes: [String] = []
        if !stars.levels.isEmpty { notes.append(stars.legend(format: numbers.format) + " (two-sided t test, N − 2 df)") }
        return DescriptiveTable(title: "\(name) (\(sample))", header: [""] + matrix.variables, rows: rows, notes: notes)
    }
}
