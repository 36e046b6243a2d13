import Foundation
import PanelStats

/// A raw VIVE 2021 panel checked for the analysis: every jobcentre once in each year 2014–2019, every
/// required value present, rows in jobcentre order (first appearance) with years ascending.
///
/// Read from CSV with the columns of ``VIVE2021Panel/columns`` (any order; extra columns are ignored)
/// by the project's CSV reader (RFC 4180, UTF-8 byte-order mark, `NA`/empty/`.` as missing). Rows of
/// other years are left out and counted in ``rowsOutsideYears``, so a longer series can be given as is.
public struct VIVE2021PanelInput: Sendable, Equatable {
    /// The checked panel.
    public let panel: VIVE2021Panel
    /// The file name (or a description) used in messages and the report.
    public let source: String
    /// Rows of years outside 2014–2019 that were left out.
    public let rowsOutsideYears: Int

    /// Reads and checks the panel CSV at `path`.
    /// - Throws: ``VIVE2021ReplicationError`` naming the file, and where the data are at fault the
    ///   jobcentre, year and column (missing columns, missing values, a missing or duplicated year).
    public static func read(path: String) throws(VIVE2021ReplicationError) -> VIVE2021PanelInput {
        let frame: DataFrame
        do {
            frame = try CSVReader.read(path: path)
        } catch {
            throw .unreadable(error.description)
        }
        return try VIVE2021PanelInput(frame: frame, source: path)
    }

    /// Parses and checks panel CSV text; `source` names it in messages.
    public init(csv text: String, source: String) throws(VIVE2021ReplicationError) {
        let frame: DataFrame
        do {
            frame = try CSVReader.parse(text, source: source)
        } catch {
            throw .unreadable(error.description)
        }
        try self.init(frame: frame, source: source)
    }

    /// Checks an already parsed panel (e.g. the generator's) for balance: every jobcentre in each year once.
    public init(panel: VIVE2021Panel, source: String) throws(VIVE2021ReplicationError) {
        let keyed = panel.rows.enumerated().map { (line: $0.offset + 2, row: $0.element) }
        self.panel = VIVE2021Panel(rows: try Self.balanced(keyed, source: source))
        self.source = source
        rowsOutsideYears = 0
    }

    init(frame: DataFrame, source: String) throws(VIVE2021ReplicationError) {
        let missing = VIVE2021Panel.columns.filter { frame[$0] == nil }
        guard missing.isEmpty else { throw .missingColumns(source: source, columns: missing) }
        let n = frame.rowCount
        let jobcentreColumn = frame["jobcentre"]
        func jobcentre(_ i: Int) throws(VIVE2021ReplicationError) -> String {
            switch jobcentreColumn {
            case .categorical(let column)?:
                if let label = column.label(at: i) { return label }
            case .numeric(let column)?:
                let x = column.values[i]
                if x.isFinite { return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
            case nil:
                break
            }
            throw .missingValue(source: source, line: frame.line(ofRow: i), jobcentre: "(blank)", year: nil, column: "jobcentre")
        }
        // Numeric columns by name, with the text of a field that is not a number kept for the message.
        func number(_ name: String, _ i: Int, jobcentre: String, year: Int?) throws(VIVE2021ReplicationError) -> Double {
            switch frame[name] {
            case .numeric(let column)?:
                let x = column.values[i]
                guard !x.isNaN else {
                    throw .missingValue(source: source, line: frame.line(ofRow: i), jobcentre: jobcentre, year: year, column: name)
                }
                return x
            case .categorical(let column)?:
                guard let text = column.label(at: i) else {
                    throw .missingValue(source: source, line: frame.line(ofRow: i), jobcentre: jobcentre, year: year, column: name)
                }
                if let x = Double(text.trimmingCharacters(in: .whitespaces)), x.isFinite { return x }
                let when = year.map { ", year \($0)" } ?? ""
                throw .unreadable("\(source):\(frame.line(ofRow: i)): jobcentre \(jobcentre)\(when), column \(name): '\(text)' is not a number")
            case nil:
                throw .missingColumns(source: source, columns: [name])
            }
        }
        var rows: [(line: Int, row: VIVE2021PanelRow)] = []
        var outside = 0
        for i in 0..<n {
            let name = try jobcentre(i)
            let yearValue = try number("year", i, jobcentre: name, year: nil)
            guard yearValue == yearValue.rounded(), abs(yearValue) < 1e6 else {
                throw .invalidYear(source: source, line: frame.line(ofRow: i), jobcentre: name, value: yearValue)
            }
            let year = Int(yearValue)
            guard VIVE2021Panel.years.contains(year) else {
                outside += 1
                continue
            }
            func value(_ column: String) throws(VIVE2021ReplicationError) -> Double {
                try number(column, i, jobcentre: name, year: year)
            }
            var ftu: [Double] = []
            for group in VIVE2021TargetGroup.allCases { ftu.append(try value(group.ftuColumn)) }
            rows.append((frame.line(ofRow: i), VIVE2021PanelRow(
                jobcentre: name, year: year, population: try value("population"),
                population17to64: try value("population_17_64"), ftu: ftu, hk5DKK: try value("hk5_dkk"),
                hk6DKK: try value("hk6_dkk"), disabilityPensionFTU: try value("disability_pension_ftu"),
                economicPressureIndex: try value("economic_pressure_index"),
                frameworkScore2016: try value("framework_score_2016"))))
        }
        panel = VIVE2021Panel(rows: try Self.balanced(rows, source: source))
        self.source = source
        rowsOutsideYears = outside
    }

    /// The rows ordered by jobcentre (first appearance) and year; throws for a duplicate or missing year.
    private static func balanced(_ rows: [(line: Int, row: VIVE2021PanelRow)], source: String)
        throws(VIVE2021ReplicationError) -> [VIVE2021PanelRow]
    {
        var order: [String] = []
        var cells: [String: [Int: (line: Int, row: VIVE2021PanelRow)]] = [:]
        for entry in rows {
            let name = entry.row.jobcentre, year = entry.row.year
            if cells[name] == nil { order.append(name) }
            if let first = cells[name]?[year] {
                throw .duplicateObservation(source: source, jobcentre: name, year: year, lines: [first.line, entry.line])
            }
            cells[name, default: [:]][year] = entry
        }
        guard order.count >= VIVE2021Replication.minimumJobcentres else {
            throw .tooFewJobcentres(source: source, found: order.count, needed: VIVE2021Replication.minimumJobcentres)
        }
        var result: [VIVE2021PanelRow] = []
        result.reserveCapacity(order.count * VIVE2021Panel.years.count)
        for name in order {
            for year in VIVE2021Panel.years {
                guard let entry = cells[name]?[year] else {
                    throw .missingYear(source: source, jobcentre: name, year: year)
                }
                result.append(entry.row)
            }
        }
        return result
    }
}
