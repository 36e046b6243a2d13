// swift-tools-version:6.1
import Foundation
import PackageDescription

// A path dependency's identity is its directory's name (the checkout's folder, whatever it is
// called), so the product is looked up under that name.
let rootIdentity = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

// Performance benchmarks of PanelStats (ordo-one `benchmark`), kept in a nested package so that the
// library's own dependency graph (and CI, which builds only the root package) never sees them.
//
//   cd Benchmarks && swift package benchmark                              # 10⁴ … 10⁶ rows
//   cd Benchmarks && PANELSTATS_BENCH_LARGE=1 swift package benchmark      # adds the 10⁷-row group
//
// The benchmark's source must live under `Benchmarks/<target>/` of this package (the plugin's rule).
let package = Package(
    name: "PanelStatsBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "PanelStatsBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PanelStats", package: rootIdentity),
            ],
            path: "Benchmarks/PanelStatsBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
