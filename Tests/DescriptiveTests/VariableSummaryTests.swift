import Testing
@testable import PanelStatsDescriptive

@Suite("Variable summaries against pandas describe()")
struct VariableSummaryTests {
    /// N exact; mean, SD and quartiles to 1e-12 relative; min and max exact.
    @Test func summaryMatchesPandasDescribe() throws {
        let fixture = try loadFixture("describe.json", as: DescribeFixture.self)
        for (name, column) in fixture.columns {
            let expected = try #require(fixture.describe[name])
            let s = try VariableSummary(nanForNull(column), variable: name)
            #expect(Double(s.count) == expected["count"])
            #expect(s.missing == column.filter { $0 == nil }.count)
            #expect(close(s.mean, try #require(expected["mean"]), relative: 1e-12), "\(name) mean")
            #expect(close(try #require(s.standardDeviation), try #require(expected["std"]), relative: 1e-12),
                    "\(name) SD \(s.standardDeviation ?? .nan) vs \(expected["std"] ?? .nan)")
            #expect(s.minimum == expected["min"])
            #expect(close(s.lowerQuartile, try #require(expected["25%"]), relative: 1e-12), "\(name) Q1")
            #expect(close(s.median, try #require(expected["50%"]), relative: 1e-12), "\(name) median")
            #expect(close(s.upperQuartile, try #require(expected["75%"]), relative: 1e-12), "\(name) Q3")
            #expect(s.maximum == expected["max"])
        }
    }

    @Test func quartilesFollowTheChosenDefinition() throws {
        let s = try VariableSummary([1, 2, 3, 4, 5, 6, 7, 8], variable: "x", quantileDefinition: .stataPctile)
        // Type 2: n p = 2 is an integer, so Q1 averages x₍₂₎ and x₍₃₎.
        #expect(s.lowerQuartile == 2.5)
        #expect(s.upperQuartile == 6.5)
    }

    @Test func singleObservationHasNoStandardDeviation() throws {
        let s = try VariableSummary([4, .nan], variable: "x")
        #expect(s.count == 1)
        #expect(s.standardDeviation == nil)
        #expect(s.median == 4)
    }

    @Test func allMissingThrowsNamingTheVariable() {
        #expect(throws: DescriptiveError.emptySample(variable: "x")) { try VariableSummary([.nan, .nan], variable: "x") }
    }
}

@Suite("Histograms against pandas.cut")
struct HistogramTests {
    @Test func countsMatchPandasCutForBothClosuresAndOpenEnds() throws {
        let fixture = try loadFixture("histogram.json", as: HistogramFixture.self)
        let values = nanForNull(fixture.values)
        for c in fixture.cases {
            let closure = try #require(BinClosure(rawValue: c.closure))
            let open: OpenEnds = c.open == "both" ? .both : .none
            let h = try Histogram(values, edges: fixture.edges, closure: closure, openEnds: open)
            #expect(h.bins.map(\.count) == c.counts, "\(c.closure), open \(c.open)")
            #expect(h.missing == 1)
            if let outside = c.outside { #expect(h.belowRange + h.aboveRange == outside) }
        }
    }

    @Test func valuesOnEdgesFollowTheClosure() throws {
        let left = try Histogram([10, 20, 30], edges: [10, 20, 30], closure: .left, openEnds: .both)
        #expect(left.bins.map(\.count) == [0, 1, 1, 1])
        let right = try Histogram([10, 20, 30], edges: [10, 20, 30], closure: .right, openEnds: .both)
        #expect(right.bins.map(\.count) == [1, 1, 1, 0])
    }

    @Test func binsDescribeTheirIntervals() throws {
        let h = try Histogram([1], edges: [30000, 40000], closure: .left, openEnds: .both)
        #expect(h.bins.map { $0.interval(closure: .left) } == ["(-inf, 30000)", "[30000, 40000)", "[40000, inf)"])
    }

    @Test func oneEdgeSufficesWithBothEndsOpen() throws {
        let h = try Histogram([1, 2, 3], edges: [2], closure: .right, openEnds: .both)
        #expect(h.bins.map(\.count) == [2, 1])
    }

    @Test func nonIncreasingEdgesThrow() {
        #expect(throws: DescriptiveError.binEdgesNotIncreasing(index: 1, previous: 20, next: 20)) {
            try Histogram([1], edges: [10, 20, 20, 30])
        }
        #expect(throws: DescriptiveError.binEdgesNotIncreasing(index: 0, previous: 20, next: 10)) {
            try Histogram([1], edges: [20, 10])
        }
    }

    @Test func infiniteEdgeThrows() {
        #expect(throws: DescriptiveError.nonFiniteBinEdge(index: 1, value: .infinity)) {
            try Histogram([1], edges: [10, .infinity])
        }
    }

    @Test func tooFewEdgesForClosedEndsThrows() {
        #expect(throws: DescriptiveError.tooFewBinEdges(needed: 2, found: 1)) {
            try Histogram([1], edges: [10], openEnds: .none)
        }
    }
}
