import Benchmark
import Foundation
import PanelStats

// OLS and fixed-effects fits, CSV loading and the correlation matrix on generated balanced panels
// (T = 10 periods, K = 10 regressors, entity-sorted, the regressors correlated with the entity
// effect), at 10⁴, 10⁵ and 10⁶ rows; 10⁷ rows when PANELSTATS_BENCH_LARGE=1 (about 1 GB of data
// per panel, minutes per group). A few-movers two-way design (workers × firms, 1 % of workers move
// once) measures the convergence of alternating projections on a "difficult" design.
//
// The side-by-side comparison with pyfixest, linearmodels and R plm is scripts/bench_peers, which
// writes docs/performance.md.

let periods = 10
let regressorCount = 10

/// Rows per benchmark group.
let sizes: [Int] = {
    var sizes = [10_000, 100_000, 1_000_000]
    if ProcessInfo.processInfo.environment["PANELSTATS_BENCH_LARGE"] != nil { sizes.append(10_000_000) }
    return sizes
}()

/// A generated panel in the shapes the estimators take.
struct Panel: Sendable {
    var n: Int
    var y: [Double]
    /// x1..xK, column-major.
    var x: Matrix
    var entity: GroupIndex
    var year: GroupIndex

    init(rows n: Int, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let entities = n / periods
        self.n = entities * periods
        let n = self.n
        let alpha = (0..<entities).map { _ in random.normal() }
        let gamma = (0..<periods).map { _ in 0.5 * random.normal() }
        var x = Matrix(rows: n, columns: regressorCount)
        var y = [Double](repeating: 0, count: n)
        for j in 0..<regressorCount {
            let beta = -1 + 2 * Double(j) / Double(regressorCount - 1)
            for i in 0..<n {
                let value = random.normal() + 0.5 * alpha[i / periods] + 0.1 * Double(j)
                x[i, j] = value
                y[i] += beta * value
            }
        }
        for i in 0..<n { y[i] += alpha[i / periods] + gamma[i % periods] + random.normal() }
        self.y = y
        self.x = x
        entity = GroupIndex(name: "entity", codes: (0..<n).map { Int32($0 / periods) }, count: entities,
                            labels: (0..<entities).map { String($0 + 1) })
        year = GroupIndex(name: "year", codes: (0..<n).map { Int32($0 % periods) }, count: periods,
                          labels: (0..<periods).map { String(2001 + $0) })
    }

    var regressorNames: [String] { (1...regressorCount).map { "x\($0)" } }

    /// `[1, x1..xK, year dummies 2002..]` and its term names (pooled OLS with year effects).
    func pooledDesign() -> (Matrix, [String]) {
        var (design, names) = xWithYearDummies()
        var withConstant = Matrix(rows: n, columns: design.columns + 1)
        for i in 0..<n { withConstant[i, 0] = 1 }
        withConstant.storage.withUnsafeMutableBufferPointer { target in
            design.storage.withUnsafeBufferPointer { source in
                for k in 0..<source.count { target[n + k] = source[k] }
            }
        }
        design = withConstant
        names.insert("(Intercept)", at: 0)
        return (design, names)
    }

    /// `[x1..xK, year dummies 2002..]`.
    func xWithYearDummies() -> (Matrix, [String]) {
        var design = Matrix(rows: n, columns: regressorCount + periods - 1)
        design.storage.withUnsafeMutableBufferPointer { target in
            x.storage.withUnsafeBufferPointer { source in
                for k in 0..<source.count { target[k] = source[k] }
            }
        }
        for i in 0..<n where i % periods > 0 { design[i, regressorCount + i % periods - 1] = 1 }
        return (design, regressorNames + (1..<periods).map { "factor(year)\(2001 + $0)" })
    }

    /// The panel as CSV text (entity, time, y, x1..xK).
    func csv() -> String {
        var text = "entity,time,y," + regressorNames.joined(separator: ",") + "\n"
        text.reserveCapacity(n * 120)
        for i in 0..<n {
            text += "\(i / periods + 1),\(2001 + i % periods),\(y[i])"
            for j in 0..<regressorCount { text += ",\(x[i, j])" }
            text += "\n"
        }
        return text
    }
}

/// SplitMix64 with Box–Muller normals: reproducible data without Foundation's generators.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / Double(1 << 53) }
    mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }
}

/// Panels shared by the benchmarks of one size; made in a group's setup, released in its teardown
/// so that at most one large panel is alive.
final class PanelCache: @unchecked Sendable {
    private let lock = NSLock()
    private var panels: [Int: Panel] = [:]
    private var files: [Int: String] = [:]
    static let shared = PanelCache()

    func panel(_ n: Int) -> Panel {
        lock.lock()
        defer { lock.unlock() }
        if let panel = panels[n] { return panel }
        if let other = panels.keys.first(where: { $0 != n }) { panels[other] = nil }
        let panel = Panel(rows: n, seed: 20240701)
        panels[n] = panel
        return panel
    }

    func csvFile(_ n: Int) throws -> String {
        lock.lock()
        if let path = files[n] { lock.unlock(); return path }
        lock.unlock()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("panelstats-bench-\(n).csv").path
        if !FileManager.default.fileExists(atPath: path) {
            try panel(n).csv().write(toFile: path, atomically: true, encoding: .utf8)
        }
        lock.lock()
        files[n] = path
        lock.unlock()
        return path
    }

    func release() {
        lock.lock()
        panels.removeAll()
        lock.unlock()
    }
}

func configuration(_ n: Int) -> Benchmark.Configuration {
    .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: n >= 1_000_000 ? 0 : 1,
        maxDuration: .seconds(n >= 1_000_000 ? 60 : 10),
        maxIterations: n >= 10_000_000 ? 3 : n >= 1_000_000 ? 5 : 20)
}

func label(_ n: Int) -> String {
    switch n {
    case 10_000: return "1e4"
    case 100_000: return "1e5"
    case 1_000_000: return "1e6"
    case 10_000_000: return "1e7"
    default: return String(n)
    }
}

let benchmarks: @Sendable () -> Void = {
    let cache = PanelCache.shared
    for n in sizes {
        let size = label(n)
        let setup: @Sendable () async throws -> Void = { _ = cache.panel(n) }
        let teardown: @Sendable () async throws -> Void = { cache.release() }

        Benchmark("OLS year dummies iid n=\(size)", configuration: configuration(n)) { benchmark in
            let panel = cache.panel(n)
            let (design, names) = panel.pooledDesign()
            benchmark.startMeasurement()
            blackHole(try OLS.fit(response: panel.y, design: design, termNames: names, interceptColumn: 0))
        } setup: { try await setup() }

        Benchmark("OLS year dummies cluster n=\(size)", configuration: configuration(n)) { benchmark in
            let panel = cache.panel(n)
            let (design, names) = panel.pooledDesign()
            let clustering = try Clustering(variable: "entity", codes: panel.entity.codes, count: panel.entity.count)
            benchmark.startMeasurement()
            blackHole(try OLS.fit(response: panel.y, design: design, termNames: names, interceptColumn: 0,
                                  covariance: .cluster(variable: "entity"), clustering: clustering))
        } setup: { try await setup() }

        for clustered in [false, true] {
            let vce = clustered ? "cluster" : "iid"
            Benchmark("FE entity + year dummies \(vce) n=\(size)", configuration: configuration(n)) { benchmark in
                let panel = cache.panel(n)
                let (design, names) = panel.xWithYearDummies()
                var model = try FixedEffectsModel(response: panel.y, responseName: "y", design: design,
                                                  termNames: names, absorbed: [panel.entity])
                if clustered { model.covariance = .cluster([panel.entity]) }
                benchmark.startMeasurement()
                blackHole(try model.fit())
            } setup: { try await setup() }

            Benchmark("FE entity + year absorbed \(vce) n=\(size)", configuration: configuration(n)) { benchmark in
                let panel = cache.panel(n)
                var model = try FixedEffectsModel(response: panel.y, responseName: "y", design: panel.x,
                                                  termNames: panel.regressorNames, absorbed: [panel.entity, panel.year])
                if clustered { model.covariance = .cluster([panel.entity]) }
                benchmark.startMeasurement()
                blackHole(try model.fit())
            } setup: { try await setup() }
        }

        Benchmark("CSV load n=\(size)", configuration: configuration(n)) { benchmark in
            let path = try cache.csvFile(n)
            benchmark.startMeasurement()
            blackHole(try CSVReader.read(path: path))
        } setup: { _ = try cache.csvFile(n) }

        Benchmark("Correlation matrix n=\(size)", configuration: configuration(n)) { benchmark in
            let panel = cache.panel(n)
            let columns = [panel.y] + (0..<regressorCount).map { panel.x.column($0) }
            benchmark.startMeasurement()
            blackHole(try CorrelationMatrix(columns: columns, names: ["y"] + panel.regressorNames))
        } setup: { try await setup() } teardown: { try await teardown() }
    }

    // Few movers: workers × firms, 1 % of workers change firm once.
    for n in sizes.filter({ $0 >= 100_000 && $0 <= 1_000_000 }) {
        Benchmark("FE few movers worker + firm n=\(label(n))", configuration: configuration(n)) { benchmark in
            var random = SplitMix64(seed: 7 &* UInt64(n))
            let workers = n / periods, firms = max(workers / 20, 2)
            var firm = [Int32](repeating: 0, count: n)
            for w in 0..<workers {
                var current = Int32(random.next() % UInt64(firms))
                let moves = random.uniform() < 0.01
                let at = 1 + Int(random.next() % UInt64(periods - 1))
                let destination = Int32(random.next() % UInt64(firms))
                for t in 0..<periods {
                    if moves && t == at { current = destination }
                    firm[w * periods + t] = current
                }
            }
            // Dense firm codes (a firm may be unused).
            var dense = [Int32](repeating: -1, count: firms)
            var used: Int32 = 0
            for f in firm where dense[Int(f)] < 0 { dense[Int(f)] = used; used += 1 }
            let firmCodes = firm.map { dense[Int($0)] }
            let workerIndex = GroupIndex(name: "worker", codes: (0..<n).map { Int32($0 / periods) }, count: workers,
                                         labels: (0..<workers).map { String($0) })
            let firmIndex = GroupIndex(name: "firm", codes: firmCodes, count: Int(used),
                                       labels: (0..<Int(used)).map { String($0) })
            let a = (0..<workers).map { _ in random.normal() }
            let f = (0..<Int(used)).map { _ in random.normal() }
            var x = Matrix(rows: n, columns: regressorCount)
            var y = [Double](repeating: 0, count: n)
            for j in 0..<regressorCount {
                for i in 0..<n {
                    let value = random.normal() + 0.5 * a[i / periods] - 0.3 * f[Int(firmCodes[i])]
                    x[i, j] = value
                    y[i] += (-1 + 2 * Double(j) / Double(regressorCount - 1)) * value
                }
            }
            for i in 0..<n { y[i] += a[i / periods] + f[Int(firmCodes[i])] + random.normal() }
            var model = try FixedEffectsModel(response: y, responseName: "y", design: x,
                                              termNames: (1...regressorCount).map { "x\($0)" },
                                              absorbed: [workerIndex, firmIndex])
            model.covariance = .cluster([workerIndex])
            benchmark.startMeasurement()
            let result = try model.fit()
            benchmark.stopMeasurement()
            blackHole(result)
        }
    }
}
