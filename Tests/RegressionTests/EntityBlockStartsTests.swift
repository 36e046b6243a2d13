import PanelStatsData
import PanelStatsLinearAlgebra
import Testing

@testable import PanelStatsRegression

/// The block starts of entity-sorted codes (found in one piece per core on large panels) and the
/// redundant levels counted by blocks (which stop once every level is joined).
@Suite("Fixed effects: entity block starts and components")
struct EntityBlockStartsTests {
    /// The starts by a plain sequential scan: the first row of each code.
    private func reference(_ codes: [Int32], groupCount: Int) -> [Int] {
        var starts = [Int](repeating: 0, count: groupCount + 1)
        for i in codes.indices.reversed() { starts[Int(codes[i])] = i }
        starts[groupCount] = codes.count
        return starts
    }

    @Test func startsOfALargeSortedPanelEqualASequentialScan() {
        // 70,000 + a few rows, split in pieces (as from 2²² rows): blocks of 1 to 13 rows, so the
        // cut between the pieces falls inside a block for one length and at a block's start for
        // another.
        for extra in [0, 1, 7] {
            var codes: [Int32] = []
            var g: Int32 = 0
            while codes.count < 70_000 + extra {
                codes.append(contentsOf: repeatElement(g, count: Int(g % 13) + 1))
                g += 1
            }
            let count = Int(g)
            #expect(WithinTransform.blocks(codes, groupCount: count, splitFrom: 1_000) == reference(codes, groupCount: count))
            #expect(WithinTransform.blocks(codes, groupCount: count) == reference(codes, groupCount: count))
        }
    }

    @Test func aLargePanelOutOfOrderHasNoBlocks() {
        var codes = (0..<60_000).map { Int32($0 / 10) }
        codes.swapAt(45_000, 45_020)  // in the second piece
        #expect(WithinTransform.blocks(codes, groupCount: 6_000, splitFrom: 1_000) == nil)
        var first = (0..<60_000).map { Int32($0 / 10) }
        first.swapAt(10, 100)  // in the first piece
        #expect(WithinTransform.blocks(first, groupCount: 6_000, splitFrom: 1_000) == nil)
    }

    @Test func codesOutsideTheLevelsHaveNoBlocks() {
        #expect(WithinTransform.blocks([0, 0, 1, 3], groupCount: 3) == nil)
        #expect(WithinTransform.blocks([-1, 0, 1], groupCount: 2) == nil)
        #expect(WithinTransform.blocks([0, 0, 1, 2], groupCount: 3) == [0, 2, 3, 4])
    }

    @Test func componentsOfABalancedPanelAreFoundFromTheFirstEntity() {
        // Every year in every entity: one component, equal to the bipartite union–find's.
        let entities = 50, years = 6
        let entity = (0..<(entities * years)).map { Int32($0 / years) }
        let year = (0..<(entities * years)).map { Int32($0 % years) }
        let starts = (0...entities).map { $0 * years }
        let byBlocks = year.withUnsafeBufferPointer { RedundantLevels.connectedComponents(blocks: starts, $0, years) }
        #expect(byBlocks == 1)
        #expect(byBlocks == RedundantLevels.connectedComponents(entity, entities, year, years))
    }

    @Test func aYearNoEntityMeetsIsItsOwnComponent() {
        // Years 0–2 joined by every entity, year 3 present only in the last entity, alone.
        let year: [Int32] = [0, 1, 2, 0, 2, 1, 3]
        let entity: [Int32] = [0, 0, 0, 1, 1, 2, 3]
        let starts = [0, 3, 5, 6, 7]
        let byBlocks = year.withUnsafeBufferPointer { RedundantLevels.connectedComponents(blocks: starts, $0, 4) }
        #expect(byBlocks == 2)
        #expect(byBlocks == RedundantLevels.connectedComponents(entity, 4, year, 4))
    }
}

/// Identifier checks before a large fit: the factors are read over the cores, a cluster that is
/// the entity itself once, and the first factor (in model order) with a bad code is named.
@Suite("Fixed effects: identifier checks of large panels")
struct LargePanelIdentifierTests {
    private func model(entityCodes: [Int32], yearCodes: [Int32]) throws -> FixedEffectsModel {
        let n = entityCodes.count
        let entity = GroupIndex(name: "id", codes: entityCodes, count: n / 4, labels: (0..<(n / 4)).map(String.init))
        let year = GroupIndex(name: "year", codes: yearCodes, count: 4, labels: ["1", "2", "3", "4"])
        var model = try FixedEffectsModel(
            response: (0..<n).map { Double($0 % 7) }, responseName: "y",
            design: try Matrix(columns: [(0..<n).map { Double($0 % 5) }]), termNames: ["x"], absorbed: [entity, year])
        model.covariance = .cluster([entity])
        return model
    }

    @Test func theFirstFactorWithABadCodeIsNamedWithItsRow() throws {
        let n = 60_000
        let entity = (0..<n).map { Int32($0 / 4) }, year = (0..<n).map { Int32($0 % 4) }
        var badYear = year
        badYear[50_001] = -1
        #expect(throws: FixedEffectsError.missingIdentifier(variable: "year", row: 50_002)) {
            try model(entityCodes: entity, yearCodes: badYear).fit()
        }
        var badEntity = entity
        badEntity[30_000] = Int32(n)
        #expect(throws: FixedEffectsError.missingIdentifier(variable: "id", row: 30_001)) {
            try model(entityCodes: badEntity, yearCodes: badYear).fit()
        }
    }
}
