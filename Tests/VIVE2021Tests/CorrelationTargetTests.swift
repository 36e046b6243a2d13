import Foundation
import PanelStats
import Testing
@testable import PanelStatsVIVE2021

/// Target (e) of issue 5: Table 5.7's pooled Pearson correlations (564 jobcentre-years,
/// 2014-2019), recomputed from `panel.csv` with PanelStatsDescriptive's ``CorrelationMatrix``.
@Suite("VIVE 2021 calibration target (e): Table 5.7 correlations")
struct CorrelationTargetTests {
    /// Table 5.7 as published: (row variable, column variable, r), diagonal included.
    static func publishedTable() throws -> [(variable: String, column: String, r: Double)] {
        let path = datasetDirectory.appendingPathComponent("published/table_5_7_correlations.csv").path
        let frame = try CSVReader.read(path: path)
        guard case .categorical(let variable)? = frame["variable"], case .categorical(let column)? = frame["column"],
              case .numeric(let r)? = frame["r"]
        else { throw CocoaError(.fileReadCorruptFile) }
        return (0..<frame.rowCount).map { (variable.label(at: $0) ?? "", column.label(at: $0) ?? "", r.values[$0]) }
    }

    /// The Table 5.7 variables by their published names, derived from the panel.
    static func variables(_ derived: VIVE2021DerivedVariables) -> [(name: String, values: [Double])] {
        var out: [(String, [Double])] = [
            ("total_per_ftu", derived.totalPerFTU), ("hk6_per_ftu", derived.hk6PerFTU), ("hk5_per_ftu", derived.hk5PerFTU),
        ]
        for group in VIVE2021TargetGroup.allCases { out.append((group.shareName, derived.shares[group.rawValue])) }
        for regressor in [VIVE2021Regressor.ftuPercentOfPopulation17to64, .lnPopulation, .economicPressureIndex,
                          .disabilityPensionPercentOfPopulation17to64] {
            out.append((regressor.name, derived.values(of: regressor)))
        }
        return out
    }

    @Test("(e) every Table 5.7 correlation within ±0.10 of the published value")
    func correlationsWithinTolerance() throws {
        let (_, derived) = try committedPanel()
        let variables = Self.variables(derived)
        let matrix = try CorrelationMatrix(columns: variables.map(\.values), names: variables.map(\.name))
        let table = try Self.publishedTable()
        #expect(table.count == 36)
        for cell in table {
            let a = try #require(matrix.variables.firstIndex(of: cell.variable), "\(cell.variable) not derived")
            let b = try #require(matrix.variables.firstIndex(of: cell.column), "\(cell.column) not derived")
            // Tolerance: ±0.10 absolute (issue 5, target e).
            #expect(abs(matrix.r[a][b] - cell.r) <= 0.10, "r(\(cell.variable), \(cell.column)) = \(matrix.r[a][b]), published \(cell.r)")
        }
    }
}
