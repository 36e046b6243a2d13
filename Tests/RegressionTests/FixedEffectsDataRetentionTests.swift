import Foundation
import PanelStatsData
import Testing

@testable import PanelStatsRegression

/// The fit for a caller that keeps its data frame (`panelstats fit`): the frame is handed back
/// only when the model read its own columns, and the result is the same either way.
@Suite("Fixed effects: the caller's data frame")
struct FixedEffectsDataRetentionTests {
    /// 4 entities × 3 years, numeric identifiers; `z` is missing in one row.
    static let csv = """
        id,year,y,x1,x2,z
        1,2001,1.0,0.5,2.0,1
        1,2002,2.1,1.5,1.0,2
        1,2003,2.9,2.5,0.5,3
        2,2001,0.2,0.1,1.5,1
        2,2002,1.4,0.9,2.5,NA
        2,2003,2.2,2.2,0.0,3
        3,2001,3.1,1.1,1.0,1
        3,2002,3.5,1.9,3.0,2
        3,2003,4.8,3.2,1.5,3
        4,2001,0.9,0.4,0.5,1
        4,2002,2.0,1.6,2.0,2
        4,2003,2.8,2.4,1.0,3
        """

    private func fit(_ formula: String, keeping: Bool) throws -> (FixedEffectsResult, kept: Bool) {
        var data: DataFrame? = try CSVReader.parse(Self.csv, source: "t.csv")
        let result = try FixedEffectsModel.fit(
            formula: formula, data: &data, keepingSharedData: keeping, vce: .cluster(["id"]))
        return (result, data != nil)
    }

    @Test func plainRegressorsWithoutMissingRowsLeaveTheFrameToTheCaller() throws {
        let formula = "y ~ x1 + x2 | id + year"
        let (result, kept) = try fit(formula, keeping: true)
        #expect(kept)
        let reference = try FixedEffectsModel.fit(
            formula: formula, data: CSVReader.parse(Self.csv, source: "t.csv"), vce: .cluster(["id"]))
        #expect(result == reference)
    }

    @Test func aFrameTheModelCopiedFromIsLetGoBeforeTheFit() throws {
        // A factor term (the design is a copy) and a dropped row (the columns are gathered).
        for formula in ["y ~ x1 + factor(year) | id", "y ~ x1 + z | id + year"] {
            let (result, kept) = try fit(formula, keeping: true)
            #expect(!kept, "\(formula)")
            let reference = try FixedEffectsModel.fit(
                formula: formula, data: CSVReader.parse(Self.csv, source: "t.csv"), vce: .cluster(["id"]))
            #expect(result == reference)
        }
    }

    @Test func withoutKeepingTheFrameIsAlwaysLetGo() throws {
        let (_, kept) = try fit("y ~ x1 + x2 | id + year", keeping: false)
        #expect(!kept)
    }

    @Test func numericEntityLabelsOfTheEffectsEqualTheValuesText() throws {
        let (result, _) = try fit("y ~ x1 + x2 | id", keeping: true)
        #expect(result.fixedEffectCoefficients?.first?.labels == ["1", "2", "3", "4"])
        #expect(result.effects?.labels == ["1", "2", "3", "4"])
        let json = try JSONEncoder().encode(result.fixedEffectCoefficients)
        #expect(String(decoding: json, as: UTF8.self).contains(#""labels":["1","2","3","4"]"#))
    }
}
