import Foundation

/// Loads a JSON fixture written by scripts/make_descriptive_fixtures.py.
func loadFixture<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(name)
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

/// JSON null (the oracle's NaN) back to NaN, the data layer's missing value.
func nanForNull(_ values: [Double?]) -> [Double] { values.map { $0 ?? .nan } }

/// |a − b| ≤ tolerance · max(|b|, floor): relative, with an absolute floor for values near zero.
func close(_ a: Double, _ b: Double, relative tolerance: Double, floor: Double = 1e-300) -> Bool {
    abs(a - b) <= tolerance * max(abs(b), floor)
}

struct CorrelationFixture: Decodable {
    struct Result: Decodable {
        let r: [[Double]]
        let p_value: [[Double]]
        let n_pairwise: [[Int]]
    }
    let variables: [String]
    let data: [[Double?]]
    let listwise_nobs: Int
    let pearson_listwise: Result
    let spearman_listwise: Result
    let pearson_pairwise: Result
    let spearman_pairwise: Result
    let ranks_of_d: [Double]
}

struct QuantileFixture: Decodable {
    struct Sample: Decodable {
        let values: [Double?]
        let quantiles: [String: [Double]]
    }
    let probabilities: [Double]
    let methods: [String]
    let samples: [String: Sample]
}

struct QuantileGroupFixture: Decodable {
    struct Case: Decodable {
        let label: String
        let values: [Double?]
        let groups: Int
        let qcut: [Int?]?
        let qcut_error: String?
        let xtile_type2: [Int?]
        let xtile_type6: [Int?]
    }
    let cases: [Case]
}

struct DescribeFixture: Decodable {
    let columns: [String: [Double?]]
    let describe: [String: [String: Double]]
}

struct HistogramFixture: Decodable {
    struct Case: Decodable {
        let closure: String
        let open: String
        let counts: [Int]
        let outside: Int?
    }
    let values: [Double?]
    let edges: [Double]
    let cases: [Case]
}

struct PanelFixture: Decodable {
    let entity: [String]
    let year: [Int]
    let ftu: [Double]
    let spending_per_ftu: [Double]
    let growth_entities: [String]
    let growth_2014_2019: [Double]
    let quartile_qcut: [Int]
    let years: [Int]
    let unweighted_means: [[Double]]
    let weighted_means: [[Double]]
    let mean_2017_2019: [Double]
}

struct VIFFixture: Decodable {
    let names: [String]
    let columns: [[Double]]
    let entity: [Int]
    let pooled_vif: [Double]
    let within_vif: [Double]
}
