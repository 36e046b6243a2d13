import Foundation
import Testing
@testable import PanelStatsVIVE2021

/// Bad user panels: each gives one error naming what to fix (jobcentre, year, column) and nothing is
/// computed from it. The panels are small generated CSVs: the first ten jobcentres of the frozen panel,
/// broken in one place.
@Suite("VIVE 2021 replication: bad input")
struct ReplicationBadInputTests {
    /// Runs the whole analysis on CSV lines; returns the error it throws.
    func failure(_ lines: [String]) throws -> VIVE2021ReplicationError? {
        let path = try ReplicationFixtures.temporaryCSV(lines)
        do {
            let input = try VIVE2021PanelInput.read(path: path)
            _ = try VIVE2021Replication(input: input, origin: .user)
            return nil
        } catch {
            return error
        }
    }

    /// Replaces column `column` of data line `line` (1 = first data row).
    func replacing(_ lines: [String], line: Int, column: String, with value: String) -> [String] {
        var lines = lines
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        guard let j = header.firstIndex(where: { $0 == column }) else { return lines }
        var fields = lines[line].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[j] = value
        lines[line] = fields.joined(separator: ",")
        return lines
    }

    @Test("the small panel itself runs (the bad inputs below differ from it in one place)")
    func smallPanelRuns() throws {
        #expect(try failure(ReplicationFixtures.smallPanelLines()) == nil)
    }

    @Test("a missing column is named, with the file")
    func missingColumn() throws {
        let lines = try ReplicationFixtures.smallPanelLines().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).enumerated().filter { $0.offset != 11 }.map(\.element).joined(separator: ",")
        }
        let error = try #require(try failure(lines))
        guard case .missingColumns(_, let columns) = error else { Issue.record("\(error)"); return }
        #expect(columns == ["hk6_dkk"])
        #expect(error.description.contains("missing column 'hk6_dkk'"))
        #expect(error.description.contains("panel.csv"))
    }

    @Test("a jobcentre without one of the years is named with the year")
    func missingYear() throws {
        var lines = try ReplicationFixtures.smallPanelLines()
        let dropped = lines.remove(at: 3 * 6 + 4)   // jobcentre 4, its 4th year
        let name = String(dropped.split(separator: ",")[0])
        let year = Int(dropped.split(separator: ",")[1]) ?? 0
        let error = try #require(try failure(lines))
        #expect(error == .missingYear(source: error.sourceForTest, jobcentre: name, year: year))
        #expect(error.description.contains("jobcentre \(name) has no row for year \(year)"))
    }

    @Test("zero ftu in a year (division by zero) names the jobcentre, year and the ftu columns")
    func zeroFullTimeUnemployed() throws {
        var lines = try ReplicationFixtures.smallPanelLines()
        let line = 2 * 6 + 3   // jobcentre 3, year 2016
        for group in VIVE2021TargetGroup.allCases { lines = replacing(lines, line: line, column: group.ftuColumn, with: "0") }
        let fields = lines[line].split(separator: ",")
        let error = try #require(try failure(lines))
        guard case .invalidValue(_, let jobcentre, let year, let column, _) = error else { Issue.record("\(error)"); return }
        #expect(jobcentre == String(fields[0]))
        #expect(year == 2016)
        #expect(column.contains("ftu_unemployment_benefit"))
        #expect(error.description.contains("0 full-time unemployed"))
    }

    @Test("zero 17-64 population names the jobcentre, year and population_17_64")
    func zeroPopulation() throws {
        let lines = replacing(try ReplicationFixtures.smallPanelLines(), line: 8, column: "population_17_64", with: "0")
        let error = try #require(try failure(lines))
        guard case .invalidValue(_, _, let year, let column, _) = error else { Issue.record("\(error)"); return }
        #expect(year == 2015 && column == "population_17_64")
    }

    @Test("an empty value names the line, jobcentre, year and column")
    func missingValue() throws {
        let lines = replacing(try ReplicationFixtures.smallPanelLines(), line: 5, column: "hk5_dkk", with: "")
        let error = try #require(try failure(lines))
        guard case .missingValue(_, let line, _, let year, let column) = error else { Issue.record("\(error)"); return }
        #expect(line == 6 && year == 2018 && column == "hk5_dkk")
    }

    @Test("text in a numeric column names the line, jobcentre, year and column")
    func textInNumericColumn() throws {
        let lines = replacing(try ReplicationFixtures.smallPanelLines(), line: 7, column: "economic_pressure_index", with: "high")
        let error = try #require(try failure(lines))
        #expect(error.description.contains(":8: jobcentre"))
        #expect(error.description.contains("year 2014, column economic_pressure_index: 'high' is not a number"))
    }

    @Test("a duplicated jobcentre-year names both lines")
    func duplicateYear() throws {
        var lines = try ReplicationFixtures.smallPanelLines()
        lines.append(lines[1])
        let error = try #require(try failure(lines))
        guard case .duplicateObservation(_, _, let year, let duplicateLines) = error else { Issue.record("\(error)"); return }
        #expect(year == 2014 && duplicateLines == [2, lines.count])
    }

    @Test("a jobcentre not in Bilag 1 is named, with the hint to pass --jobcentres")
    func unknownJobcentre() throws {
        let lines = try ReplicationFixtures.smallPanelLines().enumerated().map { i, line in
            (1...6).contains(i) ? "Atlantis" + line.drop { $0 != "," } : line
        }
        let error = try #require(try failure(lines))
        #expect(error.description.contains("jobcentre Atlantis has no framework group"))
        #expect(error.description.contains("--jobcentres"))
    }

    @Test("rows of other years are left out and counted, not an error")
    func otherYearsAreLeftOut() throws {
        var lines = try ReplicationFixtures.smallPanelLines()
        lines.append(lines[1].replacingOccurrences(of: ",2014,", with: ",2013,"))
        let input = try VIVE2021PanelInput.read(path: try ReplicationFixtures.temporaryCSV(lines))
        #expect(input.rowsOutsideYears == 1)
        #expect(input.panel.rows.count == 60)
    }

    @Test("too few jobcentres is a clear error, not a failed regression")
    func tooFewJobcentres() throws {
        let error = try #require(try failure(try ReplicationFixtures.smallPanelLines(jobcentres: 3)))
        #expect(error == .tooFewJobcentres(source: error.sourceForTest, found: 3, needed: VIVE2021Replication.minimumJobcentres))
    }
}

extension VIVE2021ReplicationError {
    /// The source path carried by the error, to build the expected value.
    var sourceForTest: String {
        switch self {
        case .missingColumns(let s, _), .missingValue(let s, _, _, _, _), .missingYear(let s, _, _),
             .duplicateObservation(let s, _, _, _), .invalidYear(let s, _, _, _), .unknownJobcentre(let s, _, _),
             .invalidJobcentreGroups(let s, _, _), .invalidValue(let s, _, _, _, _), .tooFewJobcentres(let s, _, _):
            return s
        default:
            return ""
        }
    }
}
