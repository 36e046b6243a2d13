import Foundation

/// One jobcentre-year of the raw VIVE 2021 panel: the inputs only. Everything the analysis uses
/// (spending per ftu, shares, percentages, ln population) is derived by ``VIVE2021DerivedVariables``,
/// so a user with real data supplies exactly these columns.
public struct VIVE2021PanelRow: Sendable, Codable, Equatable {
    /// Jobcentre name as in Bilag 1.
    public var jobcentre: String
    /// Calendar year, 2014-2019.
    public var year: Int
    /// Inhabitants of the jobcentre's municipalities.
    public var population: Double
    /// Inhabitants aged 17-64.
    public var population17to64: Double
    /// Full-time unemployed (full-time equivalents) per target group, in ``VIVE2021TargetGroup`` order.
    public var ftu: [Double]
    /// HK5 employment-measure spending, DKK at 2019 prices.
    public var hk5DKK: Double
    /// HK6 jobcentre-operation spending (survey-corrected), DKK at 2019 prices.
    public var hk6DKK: Double
    /// Full-time equivalents on disability pension (førtidspension).
    public var disabilityPensionFTU: Double
    /// Economic-pressure index (higher = more pressure).
    public var economicPressureIndex: Double
    /// Framework-conditions score, 2016 (time-invariant; higher = more difficult).
    public var frameworkScore2016: Double

    public init(
        jobcentre: String, year: Int, population: Double, population17to64: Double, ftu: [Double],
        hk5DKK: Double, hk6DKK: Double, disabilityPensionFTU: Double, economicPressureIndex: Double,
        frameworkScore2016: Double
    ) {
        self.jobcentre = jobcentre
        self.year = year
        self.population = population
        self.population17to64 = population17to64
        self.ftu = ftu
        self.hk5DKK = hk5DKK
        self.hk6DKK = hk6DKK
        self.disabilityPensionFTU = disabilityPensionFTU
        self.economicPressureIndex = economicPressureIndex
        self.frameworkScore2016 = frameworkScore2016
    }
}

/// The raw panel (`datasets/vive2021/panel.csv`): rows in jobcentre order, years ascending within.
public struct VIVE2021Panel: Sendable, Equatable {
    /// The CSV columns, in order.
    public static let columns: [String] = [
        "jobcentre", "year", "population", "population_17_64",
        "ftu_unemployment_benefit", "ftu_cash_education_benefit", "ftu_vocational_rehabilitation",
        "ftu_flexjob_unemployment_benefit", "ftu_sickness_benefit", "ftu_resource_course",
        "hk5_dkk", "hk6_dkk", "disability_pension_ftu", "economic_pressure_index", "framework_score_2016",
    ]

    /// The analysis years.
    public static let years: [Int] = Array(2014...2019)

    public var rows: [VIVE2021PanelRow]

    public init(rows: [VIVE2021PanelRow]) {
        self.rows = rows
    }

    /// The panel as CSV text with fixed decimals per column (integers for people and DKK,
    /// 2 decimals for ftu, 3 for the two indices), `\n` line ends and a final newline.
    /// Fixed decimals make the bytes independent of last-bit floating-point differences.
    public func csv() -> String {
        var out = VIVE2021Panel.columns.joined(separator: ",") + "\n"
        for row in rows {
            var fields: [String] = [csvField(row.jobcentre), String(row.year), fixed(row.population, 0),
                                    fixed(row.population17to64, 0)]
            fields += row.ftu.map { fixed($0, 2) }
            fields += [fixed(row.hk5DKK, 0), fixed(row.hk6DKK, 0), fixed(row.disabilityPensionFTU, 2),
                       fixed(row.economicPressureIndex, 3), fixed(row.frameworkScore2016, 3)]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Parses panel CSV text with the columns of ``columns`` (any order, extra columns ignored).
    /// - Parameter source: a name for messages (file path).
    /// - Throws: ``VIVE2021DatasetError`` naming the line and column of the first problem.
    public init(csv text: String, source: String) throws(VIVE2021DatasetError) {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let headerLine = lines.first else {
            throw .malformedCSV(source: source, line: 1, message: "empty file, expected a header row")
        }
        let header = try VIVE2021Panel.splitFields(headerLine, source: source, line: 1)
        var index: [String: Int] = [:]
        for (j, name) in header.enumerated() { index[name.trimmingCharacters(in: .whitespaces)] = j }
        var position: [Int] = []
        for column in VIVE2021Panel.columns {
            guard let j = index[column] else { throw .missingColumn(source: source, column: column) }
            position.append(j)
        }
        var rows: [VIVE2021PanelRow] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            let lineNumber = offset + 2
            if line.isEmpty { continue }
            let fields = try VIVE2021Panel.splitFields(line, source: source, line: lineNumber)
            guard fields.count == header.count else {
                throw .malformedCSV(source: source, line: lineNumber,
                                    message: "expected \(header.count) fields, found \(fields.count)")
            }
            func number(_ c: Int) throws(VIVE2021DatasetError) -> Double {
                let raw = fields[position[c]].trimmingCharacters(in: .whitespaces)
                guard let value = Double(raw), value.isFinite else {
                    throw .malformedCSV(source: source, line: lineNumber,
                                        message: "column \(VIVE2021Panel.columns[c]): '\(raw)' is not a number")
                }
                return value
            }
            let yearValue = try number(1)
            guard yearValue == yearValue.rounded() else {
                throw .malformedCSV(source: source, line: lineNumber, message: "column year: '\(yearValue)' is not a whole year")
            }
            var ftu: [Double] = []
            for c in 4...9 { ftu.append(try number(c)) }
            rows.append(VIVE2021PanelRow(
                jobcentre: fields[position[0]], year: Int(yearValue), population: try number(2),
                population17to64: try number(3), ftu: ftu, hk5DKK: try number(10), hk6DKK: try number(11),
                disabilityPensionFTU: try number(12), economicPressureIndex: try number(13),
                frameworkScore2016: try number(14)))
        }
        self.rows = rows
    }

    /// Splits one CSV record (RFC 4180 quotes allowed).
    static func splitFields(_ line: String, source: String, line lineNumber: Int) throws(VIVE2021DatasetError) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let n = iterator.next() {
                        if n == "\"" { current.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else { current.append(c) }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        guard !inQuotes else { throw .malformedCSV(source: source, line: lineNumber, message: "unterminated quoted field") }
        fields.append(current)
        return fields
    }
}

/// `value` with exactly `decimals` decimals ("-0" normalised to "0").
func fixed(_ value: Double, _ decimals: Int) -> String {
    let text = String(format: "%.\(decimals)f", value)
    if text.hasPrefix("-"), Double(text) == 0 { return String(text.dropFirst()) }
    return text
}

private func csvField(_ text: String) -> String {
    guard text.contains(",") || text.contains("\"") else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
