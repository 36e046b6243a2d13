import Testing
@testable import PanelStatsDescriptive

@Suite("Correlation matrix against scipy.stats.pearsonr / spearmanr")
struct CorrelationTests {
    let fixture: CorrelationFixture
    let columns: [[Double]]

    init() throws {
        fixture = try loadFixture("correlation.json")
        columns = fixture.data.map(nanForNull)
    }

    /// r to 1e-12 relative (absolute floor 1e-15 for r near 0), p to 1e-10 relative, N exactly.
    func expectMatches(_ m: CorrelationMatrix, _ expected: CorrelationFixture.Result, _ label: String) {
        let k = fixture.variables.count
        #expect(m.nPairwise == expected.n_pairwise, "\(label): per-pair N")
        for i in 0..<k {
            for j in 0..<k {
                #expect(close(m.r[i][j], expected.r[i][j], relative: 1e-12, floor: 1e-3),
                        "\(label) r[\(i)][\(j)] = \(m.r[i][j]), scipy \(expected.r[i][j])")
                #expect(close(m.pValue[i][j], expected.p_value[i][j], relative: 1e-10),
                        "\(label) p[\(i)][\(j)] = \(m.pValue[i][j]), scipy \(expected.p_value[i][j])")
            }
        }
    }

    @Test func pearsonListwiseMatchesScipy() throws {
        let m = try CorrelationMatrix(columns: columns, names: fixture.variables)
        #expect(m.nobs == fixture.listwise_nobs)
        expectMatches(m, fixture.pearson_listwise, "pearson listwise")
    }

    @Test func spearmanListwiseMatchesScipy() throws {
        let m = try CorrelationMatrix(columns: columns, names: fixture.variables, method: .spearman)
        expectMatches(m, fixture.spearman_listwise, "spearman listwise")
    }

    @Test func pearsonPairwiseMatchesScipyWithPerPairN() throws {
        let m = try CorrelationMatrix(columns: columns, names: fixture.variables, missingData: .pairwise)
        expectMatches(m, fixture.pearson_pairwise, "pearson pairwise")
        #expect(m.nobs == fixture.pearson_pairwise.n_pairwise.joined().min())
    }

    @Test func spearmanPairwiseMatchesScipy() throws {
        let m = try CorrelationMatrix(columns: columns, names: fixture.variables, method: .spearman,
                                      missingData: .pairwise)
        expectMatches(m, fixture.spearman_pairwise, "spearman pairwise")
    }

    @Test func averageRanksMatchScipyRankdata() {
        let d = columns[3].filter { !$0.isNaN }
        #expect(averageRanks(d) == fixture.ranks_of_d)
    }

    @Test func marksFollowTheGivenRuleAndSkipTheDiagonal() throws {
        let m = try CorrelationMatrix(columns: columns, names: fixture.variables)
        let marks = m.marks { $0 < 0.05 ? "*" : "" }
        for i in 0..<m.variables.count {
            #expect(marks[i][i] == "")
            for j in 0..<m.variables.count where i != j {
                #expect(marks[i][j] == (m.pValue[i][j] < 0.05 ? "*" : ""))
            }
        }
    }

    @Test func perfectCorrelationHasPValueZero() throws {
        let m = try CorrelationMatrix(columns: [[1, 2, 3, 4], [2, 4, 6, 8]], names: ["x", "y"])
        #expect(m.r[0][1] == 1)
        #expect(m.pValue[0][1] == 0)
    }

    @Test func zeroVarianceVariableIsNamed() {
        #expect(throws: DescriptiveError.zeroVariance(variable: "flat",
                                                      context: "correlation of x, flat (listwise), N = 4")) {
            try CorrelationMatrix(columns: [[1, 2, 3, 4], [5, 5, 5, 5]], names: ["x", "flat"])
        }
    }

    @Test func zeroVarianceWithinAPairwiseSampleIsNamed() {
        // y varies overall but is constant where z is present.
        let x: [Double] = [1, 2, 3, 4, 5]
        let y: [Double] = [7, 7, 7, 8, 9]
        let z: [Double] = [1, 3, 2, .nan, .nan]
        #expect(throws: DescriptiveError.zeroVariance(variable: "y",
                                                      context: "correlation of y and z (pairwise), N = 3")) {
            try CorrelationMatrix(columns: [x, y, z], names: ["x", "y", "z"], missingData: .pairwise)
        }
    }

    @Test func fewerThanThreeCompleteObservationsThrows() {
        #expect(throws: DescriptiveError.tooFewObservations(context: "correlation of x, y (listwise)",
                                                            needed: 3, found: 2)) {
            try CorrelationMatrix(columns: [[1, 2, .nan, 4], [1, .nan, 3, 5]], names: ["x", "y"])
        }
    }

    @Test func pairWithFewerThanThreeObservationsThrowsNamingThePair() {
        #expect(throws: DescriptiveError.tooFewObservations(context: "correlation of x and z (pairwise)",
                                                            needed: 3, found: 2)) {
            try CorrelationMatrix(columns: [[1, 2, 3, 4], [1, 2, 4, 3], [.nan, .nan, 1, 2]],
                                  names: ["x", "y", "z"], missingData: .pairwise)
        }
    }

    @Test func columnsOfDifferentLengthThrow() {
        #expect(throws: DescriptiveError.self) {
            try CorrelationMatrix(columns: [[1, 2, 3], [1, 2]], names: ["x", "y"])
        }
    }
}
