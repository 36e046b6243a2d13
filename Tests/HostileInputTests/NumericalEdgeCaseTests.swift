import Foundation
import PanelStats
import Testing

/// Numerical edge cases, each giving the right answer or an explicit error. Data and expected
/// values: `scripts/make_hostile_numerics.py` (statsmodels 0.15.0, pyfixest 0.60.0, exact rational
/// arithmetic) and `scripts/hostile_numerics.R` (R 4.2.2 `lm`, plm 2.6.2), fixtures in
/// `Fixtures/numerics*.json`.
///
/// Tolerances are relative, per quantity: 1e-10 for coefficients and standard errors against R
/// (printed to 15 digits) and statsmodels; 1e-12 against the exact rational solutions (measured:
/// 0, i.e. the correctly rounded values, for every coefficient and standard error of the
/// near-collinear and the mixed-scale designs — statsmodels misses the near-collinear x1 and x2,
/// ±2.7e7 on a condition number of 1.3e12, by 1.7e-6); for the 100 000-entity FE fit 1e-12 on
/// coefficients, standard errors and constant against the first-difference identity (measured
/// ≤ 3e-15) and 1e-10 against pyfixest.
@Suite("Numerical edge cases")
struct NumericalEdgeCaseTests {
    struct Fit: Decodable {
        var terms: [String]?
        var omitted: [String]?
        var coefficients: [Double]
        var stdErrors: [Double]?
        var rss: Double?
        var dfResid: Int?
    }

    struct Case: Decodable {
        var formula: String?
        var omitted: [String]?
        var statsmodels: Fit?
        var exact: Fit?
        var pyfixest: Fit?
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Decodes `path` (keys separated by dots) from a fixture file.
    static func decode<T: Decodable>(_ type: T.Type, _ file: String, _ path: String) throws -> T {
        var object: Any = try json(file)
        for key in path.split(separator: ".") {
            object = try #require((object as? [String: Any])?[String(key)], "\(file): \(path)")
        }
        let data = try JSONSerialization.data(withJSONObject: object)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: data)
    }

    static func python(_ path: String) throws -> Case { try decode(Case.self, "numerics_python.json", path) }
    static func r(_ path: String) throws -> Fit { try decode(Fit.self, "numerics_r.json", path) }

    static func data(_ name: String) throws -> DataFrame {
        try CSVReader.read(path: fixtures.appendingPathComponent("numerics/\(name).csv").path)
    }

    static func relativeError(_ a: Double, _ b: Double) -> Double {
        a == b ? 0 : abs(a - b) / max(abs(b), Double.leastNormalMagnitude)
    }

    /// Estimates (and standard errors when given) of `result` against `expected`, term by term.
    static func expectClose(_ result: OLSResult, _ expected: Fit, tolerance: Double, seTolerance: Double? = nil,
                            source: String) {
        let terms = expected.terms ?? result.coefficients.map(\.term)
        #expect(result.coefficients.map(\.term) == terms, "\(source)")
        for (j, coefficient) in result.coefficients.enumerated() where j < expected.coefficients.count {
            let error = relativeError(coefficient.estimate, expected.coefficients[j])
            #expect(error <= tolerance, "\(source) \(coefficient.term): \(coefficient.estimate) vs \(expected.coefficients[j])")
            if let se = expected.stdErrors?[j] {
                let error = relativeError(coefficient.standardError, se)
                #expect(error <= seTolerance ?? tolerance, "\(source) SE \(coefficient.term): \(coefficient.standardError) vs \(se)")
            }
        }
        if let df = expected.dfResid { #expect(result.dfResid == df, "\(source)") }
        if let rss = expected.rss { #expect(relativeError(result.rss, rss) <= 1e-10, "\(source) RSS") }
    }

    @Test func perfectlyCollinearColumnIsDroppedInFormulaOrder() throws {
        let result = try OLS.fit(formula: "y ~ x1 + x2 + x3", data: try Self.data("collinear"))
        #expect(result.omitted == ["x3"])
        Self.expectClose(result, try Self.r("collinear"), tolerance: 1e-10, source: "R lm")
        Self.expectClose(result, try #require(try Self.python("collinear").statsmodels), tolerance: 1e-10, source: "statsmodels")
    }

    /// Six shares that sum to 100 (in decimal; 1.4e-14 off in binary) beside the intercept.
    @Test func sharesSummingToAHundredDropTheLastShare() throws {
        let result = try OLS.fit(formula: "y ~ s1 + s2 + s3 + s4 + s5 + s6", data: try Self.data("shares"))
        #expect(result.omitted == ["s6"])
        Self.expectClose(result, try Self.r("shares"), tolerance: 1e-10, source: "R lm")
        Self.expectClose(result, try #require(try Self.python("shares").statsmodels), tolerance: 1e-10, source: "statsmodels")
    }

    @Test func nearCollinearDesignIsKeptAndSolvedAccurately() throws {
        let result = try OLS.fit(formula: "y ~ x1 + x2 + x3", data: try Self.data("near_collinear"))
        #expect(result.omitted.isEmpty)
        let exact = try #require(try Self.python("near_collinear").exact)
        let terms = result.coefficients.map(\.term)
        #expect(terms == ["(Intercept)", "x1", "x2", "x3"])
        for (j, coefficient) in result.coefficients.enumerated() {
            #expect(Self.relativeError(coefficient.estimate, exact.coefficients[j]) <= 1e-12,
                    "\(coefficient.term): \(coefficient.estimate) vs exact \(exact.coefficients[j])")
            #expect(Self.relativeError(coefficient.standardError, exact.stdErrors?[j] ?? .nan) <= 1e-12,
                    "SE \(coefficient.term): \(coefficient.standardError) vs exact \(exact.stdErrors?[j] ?? .nan)")
        }
        #expect(Self.relativeError(result.rss, exact.rss ?? .nan) <= 1e-12)
    }

    @Test func constantColumnBesideTheInterceptIsDropped() throws {
        let result = try OLS.fit(formula: "y ~ x1 + c", data: try Self.data("constant_column"))
        #expect(result.omitted == ["c"])
        Self.expectClose(result, try Self.r("constant_column.with_intercept"), tolerance: 1e-10, source: "R lm")
    }

    @Test func zeroColumnIsDropped() throws {
        let result = try OLS.fit(formula: "y ~ x1 + z", data: try Self.data("constant_column"))
        #expect(result.omitted == ["z"])
        Self.expectClose(result, try Self.r("constant_column.zero_column"), tolerance: 1e-10, source: "R lm")
    }

    @Test func constantColumnWithoutInterceptTakesItsPlace() throws {
        let result = try OLS.fit(formula: "y ~ x1 + c - 1", data: try Self.data("constant_column"))
        #expect(result.omitted.isEmpty)
        Self.expectClose(result, try Self.r("constant_column.without_intercept"), tolerance: 1e-10, source: "R lm")
        Self.expectClose(result, try #require(try Self.python("constant_column.without_intercept").statsmodels),
                         tolerance: 1e-10, source: "statsmodels")
    }

    /// R² = 1 − RSS/TSS is 0/0 for a constant response (statsmodels prints NaN, R warns of an
    /// "essentially perfect fit"): an explicit error naming the response.
    @Test func constantResponseIsAnExplicitError() throws {
        let data = try Self.data("constant_y")
        #expect(throws: RegressionError.constantResponse("y")) {
            try OLS.fit(formula: "y ~ x", data: data)
        }
        #expect(RegressionError.constantResponse("y").description.contains("the response y is constant"))
    }

    @Test func asManyObservationsAsParametersIsAnExplicitError() throws {
        let data = try Self.data("n_equals_k")
        #expect(throws: RegressionError.tooFewObservations(n: 3, parameters: 3)) {
            try OLS.fit(formula: "y ~ x1 + x2", data: data)
        }
    }

    @Test func oneResidualDegreeOfFreedomIsEnough() throws {
        let result = try OLS.fit(formula: "y ~ x1", data: try Self.data("n_equals_k"))
        Self.expectClose(result, try Self.r("n_equals_k"), tolerance: 1e-10, source: "R lm")
        Self.expectClose(result, try #require(try Self.python("n_equals_k").exact), tolerance: 1e-14, seTolerance: 1e-14,
                         source: "exact")
    }

    /// Columns of order 1e-8 and 1e8 together. statsmodels' pseudo-inverse truncates x1's singular
    /// value here and answers a rank-deficient model (its values are in the fixture, not used);
    /// R's lm and the exact solution agree.
    @Test func columnsOnScalesOneEMinusEightAndOneEEightAreSolved() throws {
        let result = try OLS.fit(formula: "y ~ x1 + x2", data: try Self.data("scales"))
        #expect(result.omitted.isEmpty)
        Self.expectClose(result, try #require(try Self.python("scales").exact), tolerance: 1e-12, seTolerance: 1e-12,
                         source: "exact")
        Self.expectClose(result, try Self.r("scales"), tolerance: 1e-10, source: "R lm")
    }

    static func fixedEffects(_ formula: String, _ data: DataFrame) throws -> FixedEffectsResult {
        let frame = try ModelFrame(formula: try Formula.parse(formula), data: data)
        return try FixedEffectsModel(frame: frame).fit()
    }

    /// xtreg and plm keep an entity observed once: it adds a level (and a lost degree of freedom)
    /// but no within variation.
    @Test func entityWithOneObservationMatchesPlm() throws {
        let result = try Self.fixedEffects("y ~ x1 + x2 | id", try Self.data("fe_singleton"))
        let plm = try Self.r("fe_singleton")
        let pyfixest = try #require(try Self.python("fe_singleton").pyfixest)
        #expect(result.nobs == 49)
        #expect(result.dfResid == plm.dfResid)
        for (j, term) in ["x1", "x2"].enumerated() {
            let coefficient = try #require(result.coefficient(term))
            #expect(Self.relativeError(coefficient.estimate, plm.coefficients[j]) <= 1e-10, "\(term) vs plm")
            #expect(Self.relativeError(coefficient.standardError, plm.stdErrors?[j] ?? .nan) <= 1e-10, "SE \(term) vs plm")
            #expect(Self.relativeError(coefficient.estimate, pyfixest.coefficients[j]) <= 1e-10, "\(term) vs pyfixest")
        }
    }

    /// 100 000 entities with two observations each, generated by the integer formulas of
    /// `scripts/make_hostile_numerics.py` (`fe_pairs_data`), bit for bit.
    static func pairsPanel(entities: Int = 100_000) throws -> DataFrame {
        let n = 2 * entities
        var id = [Double](repeating: 0, count: n), x1 = id, x2 = id, y = id
        for r in 0..<n {
            let i = r / 2
            x1[r] = Double((r * 7919 + 13) % 10007) / 10007.0
            x2[r] = Double((r * 104_729 + 7) % 9973) / 9973.0
            let alpha = Double((i * 31337) % 1009) / 101.0
            let e = Double((r * 65537 + 11) % 8191) / 8191.0 - 0.5
            let a = alpha + 1.5 * x1[r]
            let b = a - 2.0 * x2[r]
            y[r] = b + e
            id[r] = Double(i)
        }
        return try DataFrame(columns: [
            .numeric(NumericColumn(name: "id", values: id)), .numeric(NumericColumn(name: "x1", values: x1)),
            .numeric(NumericColumn(name: "x2", values: x2)), .numeric(NumericColumn(name: "y", values: y)),
        ], source: "pairs")
    }

    struct Pairs: Decodable {
        struct Head: Decodable { var x1: [Double]; var x2: [Double]; var y: [Double] }
        struct Differences: Decodable { var coefficients: [Double]; var stdErrors: [Double]; var constant: Double; var rss: Double }
        var entities: Int
        var nobs: Int
        var dfResid: Int
        var firstDifferences: Differences
        var pyfixest: Fit
        var head: Head
    }

    @Test func hundredThousandEntitiesWithTwoObservationsEach() throws {
        let expected = try Self.decode(Pairs.self, "numerics_python.json", "fe_pairs")
        let data = try Self.pairsPanel(entities: expected.entities)
        for (name, values) in [("x1", expected.head.x1), ("x2", expected.head.x2), ("y", expected.head.y)] {
            guard case .numeric(let column)? = data[name] else { continue }
            #expect(Array(column.values.prefix(4)) == values, "the generated \(name) equals Python's bit for bit")
        }
        let result = try Self.fixedEffects("y ~ x1 + x2 | id", data)
        #expect(result.nobs == expected.nobs)
        #expect(result.dfResid == expected.dfResid)
        #expect(result.fixedEffects.first?.levels == expected.entities)
        let differences = expected.firstDifferences
        for (j, term) in ["x1", "x2"].enumerated() {
            let coefficient = try #require(result.coefficient(term))
            #expect(Self.relativeError(coefficient.estimate, differences.coefficients[j]) <= 1e-12, "\(term)")
            #expect(Self.relativeError(coefficient.estimate, expected.pyfixest.coefficients[j]) <= 1e-10, "\(term) pyfixest")
            #expect(Self.relativeError(coefficient.standardError, differences.stdErrors[j]) <= 1e-12, "SE \(term)")
        }
        let constant = try #require(result.constant)
        #expect(Self.relativeError(constant.estimate, differences.constant) <= 1e-12)
        #expect(Self.relativeError(result.rss, differences.rss) <= 1e-12)
    }
}
