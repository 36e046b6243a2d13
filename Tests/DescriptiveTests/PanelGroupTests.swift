import Testing
@testable import PanelStatsDescriptive

@Suite("Per-entity quantities and per-group, per-period means against pandas")
struct PanelGroupTests {
    let fixture: PanelFixture
    let ftu: PanelSeries
    let spending: PanelSeries

    init() throws {
        fixture = try loadFixture("panel_groups.json")
        ftu = try PanelSeries(name: "ftu", entity: fixture.entity, period: fixture.year, values: fixture.ftu)
        spending = try PanelSeries(name: "spending_per_ftu", entity: fixture.entity, period: fixture.year,
                                   values: fixture.spending_per_ftu)
    }

    /// Growth to 1e-12 relative; group membership exact.
    @Test func percentGrowthAndItsQuartilesMatchPandas() throws {
        let growth = try ftu.perEntity(.percentGrowth(from: 2014, to: 2019))
        #expect(growth.entities == fixture.growth_entities)
        for (got, expected) in zip(growth.values, fixture.growth_2014_2019) {
            #expect(close(got, expected, relative: 1e-12, floor: 1e-9))
        }
        let groups = try growth.quantileGroups(4, rule: .pandasQcut)
        #expect(groups.groups.group.map { $0 ?? 0 } == fixture.quartile_qcut)
    }

    /// Means to 1e-12 relative.
    @Test func unweightedAndWeightedGroupYearMeansMatchPandasGroupby() throws {
        let growth = try ftu.perEntity(.percentGrowth(from: 2014, to: 2019))
        let groups = try growth.quantileGroups(4, rule: .pandasQcut)
        let labels = groups.groupOfEntity.mapValues(String.init)
        let plain = try GroupPeriodMeans(spending, groupOfEntity: labels, groups: ["1", "2", "3", "4"])
        let weighted = try GroupPeriodMeans(spending, quantileGroups: groups, weights: ftu)
        #expect(weighted.groups == ["1", "2", "3", "4"])
        #expect(plain.periods == fixture.years)
        #expect(plain.weighting == .unweighted)
        #expect(weighted.weighting == .weighted(by: "ftu"))
        for g in 0..<4 {
            for t in fixture.years.indices {
                #expect(close(try #require(plain.mean[g][t]), fixture.unweighted_means[g][t], relative: 1e-12))
                #expect(close(try #require(weighted.mean[g][t]), fixture.weighted_means[g][t], relative: 1e-12))
            }
        }
        #expect(plain.count.map { $0.reduce(0, +) } == groups.groups.sizes.map { $0 * fixture.years.count })
    }

    @Test func meanOverPeriodsMatchesPandas() throws {
        let means = try spending.perEntity(.mean(from: 2017, to: 2019))
        for (got, expected) in zip(means.values, fixture.mean_2017_2019) {
            #expect(close(got, expected, relative: 1e-12))
        }
    }

    @Test func meanUsesThePanelsPeriodsInTheRange() throws {
        // Biennial panel: 2015 and 2017 are not periods of the panel, so they are not required.
        let s = try PanelSeries(name: "y", entity: ["a", "a", "a", "b", "b", "b"], period: [2014, 2016, 2018, 2014, 2016, 2018],
                                values: [1, 2, 6, 3, 3, 3])
        let means = try s.perEntity(.mean(from: 2014, to: 2017))
        #expect(means.values == [1.5, 3])
        #expect(throws: DescriptiveError.invalidPeriodRange(from: 2019, to: 2020)) {
            try s.perEntity(.mean(from: 2019, to: 2020))
        }
    }

    @Test func crossSectionValueNeedsOneRowPerEntity() throws {
        let single = try PanelSeries(name: "y", entity: ["a", "b"], period: [0, 0], values: [4, 5])
        #expect(try single.perEntity(.value).values == [4, 5])
        let panel = try PanelSeries(name: "y", entity: ["a", "a"], period: [1, 2], values: [4, 5])
        #expect(throws: DescriptiveError.self) { try panel.perEntity(.value) }
    }

    @Test func entitiesOutsideTheGroupingAreListed() throws {
        let means = try GroupPeriodMeans(spending, groupOfEntity: ["jc01": "A"])
        #expect(means.groups == ["A"])
        #expect(means.excludedEntities.count == 19)
        #expect(means.excludedEntities.first == "jc02")
    }

    @Test func emptyCellIsNilNotNaN() throws {
        let s = try PanelSeries(name: "y", entity: ["a", "a", "b"], period: [1, 2, 1], values: [1, 2, 3])
        let means = try GroupPeriodMeans(s, groupOfEntity: ["a": "G", "b": "H"])
        #expect(means.mean[1][1] == nil)
        #expect(means.count[1][1] == 0)
    }

    @Test func missingPeriodIsNamed() throws {
        let s = try PanelSeries(name: "y", entity: ["a", "a", "b"], period: [2014, 2019, 2014], values: [1, 2, 3])
        #expect(throws: DescriptiveError.missingObservation(entity: "b", period: 2019, variable: "y")) {
            try s.perEntity(.percentGrowth(from: 2014, to: 2019))
        }
    }

    @Test func growthFromZeroIsNamed() throws {
        let s = try PanelSeries(name: "y", entity: ["a", "a"], period: [2014, 2019], values: [0, 2])
        #expect(throws: DescriptiveError.zeroBase(entity: "a", period: 2014, variable: "y")) {
            try s.perEntity(.percentGrowth(from: 2014, to: 2019))
        }
    }

    @Test func duplicateEntityPeriodIsNamed() throws {
        let s = try PanelSeries(name: "y", entity: ["a", "a"], period: [2014, 2014], values: [1, 2])
        #expect(throws: DescriptiveError.duplicateObservation(entity: "a", period: 2014)) {
            try s.perEntity(.level(at: 2014))
        }
    }

    @Test func negativeWeightIsRejected() throws {
        let s = try PanelSeries(name: "y", entity: ["a", "b"], period: [1, 1], values: [1, 2])
        let w = try PanelSeries(name: "w", entity: ["a", "b"], period: [1, 1], values: [1, -1])
        #expect(throws: DescriptiveError.self) {
            try GroupPeriodMeans(s, groupOfEntity: ["a": "G", "b": "G"], weights: w)
        }
    }
}
