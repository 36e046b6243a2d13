import Testing
@testable import PanelStatsData

@Suite struct SmokeTests {
    @Test func readsSmallPanelAndBuildsModelFrame() throws {
        let data = try CSVReader.parse(
            "id,year,y,x\na,2014,1,2\na,2015,2,3\nb,2014,3,5\nb,2015,,6\n", source: "t.csv")
        #expect(data.columnNames == ["id", "year", "y", "x"])
        let formula = try Formula.parse("y ~ x + factor(year) | id")
        let frame = try ModelFrame(formula: formula, data: data)
        #expect(frame.termNames == ["(Intercept)", "x", "factor(year)2015"])
        #expect(frame.response == [1, 2, 3])
        #expect(frame.design.storage == [1, 1, 1, 2, 3, 5, 0, 1, 0])
        #expect(frame.missing.description == "1 observation removed because of missing values: y 1")
        #expect(frame.absorbed.first?.codes == [0, 0, 1])
    }
}
