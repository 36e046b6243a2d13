import Testing
@testable import PanelStatsDescriptive

@Suite("Quantile groups against pandas.qcut and Stata's xtile rule")
struct QuantileGroupTests {
    let fixture: QuantileGroupFixture

    init() throws { fixture = try loadFixture("quantile_groups.json") }

    /// Membership must match exactly.
    @Test func type7CutpointsEqualPandasQcut() throws {
        for c in fixture.cases {
            guard let expected = c.qcut else { continue }
            let groups = try QuantileGroups(values: nanForNull(c.values), groups: c.groups, rule: .pandasQcut)
            #expect(groups.group == expected, "\(c.label), k = \(c.groups)")
        }
    }

    /// numpy type-2/type-6 cutpoints, x ≤ cutpoint in the lower group (`xtile` and `xtile, altdef`),
    /// including the case with duplicate cutpoints where groups stay empty.
    @Test func type2And6CutpointsEqualXtileRule() throws {
        for c in fixture.cases {
            let values = nanForNull(c.values)
            let type2 = try QuantileGroups(values: values, groups: c.groups, rule: .stataXtile)
            let type6 = try QuantileGroups(values: values, groups: c.groups, rule: .stataXtileAltdef)
            #expect(type2.group == c.xtile_type2, "\(c.label), k = \(c.groups), type 2")
            #expect(type6.group == c.xtile_type6, "\(c.label), k = \(c.groups), type 6")
        }
    }

    @Test func duplicateCutpointsLeaveEmptyGroupsReportedInSizes() throws {
        let c = try #require(fixture.cases.first { $0.qcut_error != nil })
        let groups = try QuantileGroups(values: nanForNull(c.values), groups: c.groups, rule: .pandasQcut)
        #expect(groups.sizes.contains(0))
        #expect(groups.sizes.reduce(0, +) == c.values.compactMap { $0 }.count)
    }

    @Test func balancedRanksGive23_24_24_23For94Units() throws {
        let c = try #require(fixture.cases.first { $0.label == "distinct94" && $0.groups == 4 })
        let groups = try QuantileGroups(values: nanForNull(c.values), groups: 4, rule: .balancedRanks)
        #expect(groups.sizes == [23, 24, 24, 23])
        #expect(groups.splitTies.isEmpty)
    }

    /// For distinct values the balanced rule is `xtile, altdef` (type-6 rank positions).
    @Test func balancedRanksEqualType6CutpointsForDistinctValues() throws {
        for c in fixture.cases where c.label == "distinct94" {
            let groups = try QuantileGroups(values: nanForNull(c.values), groups: c.groups, rule: .balancedRanks)
            #expect(groups.group == c.xtile_type6, "k = \(c.groups)")
        }
    }

    @Test func balancedSizesDifferByAtMostOne() throws {
        for n in 1...40 {
            for k in 1...n {
                let groups = try QuantileGroups(values: (0..<n).map(Double.init), groups: k, rule: .balancedRanks)
                let sizes = groups.sizes
                #expect(sizes.reduce(0, +) == n)
                #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "n = \(n), k = \(k): \(sizes)")
            }
        }
    }

    @Test func balancedRanksSplitTiesInInputOrderAndSaySo() throws {
        let groups = try QuantileGroups(values: [1, 2, 2, 2, 3, 4], groups: 2, rule: .balancedRanks)
        // (n + 1)/k = 3.5: ranks 1–3 in group 1; the three 2s are split 2 + 1 in input order.
        #expect(groups.group == [1, 1, 1, 2, 2, 2])
        #expect(groups.splitTies == [2])
        #expect(groups.cutpoints == [2])
    }

    @Test func missingValuesGetNoGroup() throws {
        let groups = try QuantileGroups(values: [1, .nan, 3, 2], groups: 3, rule: .balancedRanks)
        #expect(groups.group == [1, nil, 3, 2])
        #expect(groups.members(of: 3) == [2])
    }

    @Test func moreGroupsThanUnitsThrows() {
        #expect(throws: DescriptiveError.moreGroupsThanUnits(groups: 4, units: 3)) {
            try QuantileGroups(values: [1, 2, .nan, 3], groups: 4)
        }
    }

    @Test func zeroGroupsThrows() {
        #expect(throws: DescriptiveError.invalidGroupCount(0)) { try QuantileGroups(values: [1, 2], groups: 0) }
    }
}
