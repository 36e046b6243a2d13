// swift-tools-version:6.1
import PackageDescription

// Module graph (imports flow one way, top to bottom):
//
//   panelstats (CLI, PanelStatsCLI)
//     -> PanelStatsVIVE2021          the VIVE 2021 chapter-5 replication and its dataset generator
//     -> PanelStats (umbrella: re-exports everything below)
//       -> PanelStatsReporting       regression tables, SVG charts
//       -> PanelStatsDescriptive     correlation, quantiles, groups, histograms, VIF
//       -> PanelStatsRegression      OLS, within/FE, covariance estimators
//         -> PanelStatsData          CSV, columns, missing values, formula, model frame
//         -> PanelStatsDistributions t, F, normal, chi-square
//         -> CPanelStatsKernels      C row kernels of the entity-block fit (AVX2+FMA, chosen at run time)
//         -> PanelStatsLinearAlgebra column-major Matrix, LAPACK/BLAS calls, typed errors
//           -> CLAPACK               system library: reference LAPACK/BLAS or OpenBLAS
let package = Package(
    name: "PanelStats",
    products: [
        .library(name: "PanelStats", targets: ["PanelStats"]),
        .executable(name: "panelstats", targets: ["PanelStatsCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLAPACK",
            providers: [.apt(["liblapack-dev", "libblas-dev"])]
        ),
        .target(name: "PanelStatsLinearAlgebra", dependencies: ["CLAPACK"]),
        .target(name: "PanelStatsDistributions"),
        .target(name: "CPanelStatsKernels"),
        .target(name: "PanelStatsData", dependencies: ["PanelStatsLinearAlgebra"]),
        .target(
            name: "PanelStatsRegression",
            dependencies: ["PanelStatsLinearAlgebra", "PanelStatsDistributions", "PanelStatsData", "CPanelStatsKernels"]
        ),
        .target(
            name: "PanelStatsDescriptive",
            dependencies: [
                "PanelStatsLinearAlgebra", "PanelStatsDistributions", "PanelStatsData", "PanelStatsRegression",
            ]
        ),
        .target(
            name: "PanelStatsReporting",
            dependencies: ["PanelStatsRegression", "PanelStatsDescriptive"]
        ),
        .target(
            name: "PanelStats",
            dependencies: [
                "PanelStatsLinearAlgebra", "PanelStatsDistributions", "PanelStatsData",
                "PanelStatsRegression", "PanelStatsDescriptive", "PanelStatsReporting",
            ]
        ),
        .target(name: "PanelStatsVIVE2021", dependencies: ["PanelStats"]),
        .executableTarget(
            name: "PanelStatsCLI",
            dependencies: [
                "PanelStats",
                "PanelStatsVIVE2021",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by the test targets (a seeded generator); not a product.
        .target(name: "PanelStatsTestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["PanelStatsLinearAlgebra"]),
        .testTarget(name: "KernelsTests", dependencies: ["CPanelStatsKernels", "PanelStatsTestSupport"]),
        .testTarget(name: "DistributionsTests", dependencies: ["PanelStatsDistributions"], exclude: ["Fixtures"]),
        .testTarget(name: "DataTests", dependencies: ["PanelStatsData", "PanelStatsTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "RegressionTests", dependencies: ["PanelStatsRegression", "PanelStatsData", "PanelStatsTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "DescriptiveTests", dependencies: ["PanelStatsDescriptive"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportingTests", dependencies: ["PanelStatsReporting"]),
        .testTarget(name: "VIVE2021Tests", dependencies: ["PanelStatsVIVE2021"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["PanelStatsCLI"]),
        .testTarget(
            name: "HostileInputTests", dependencies: ["PanelStats", "PanelStatsCLI"],
            exclude: ["Corpus", "Fixtures"]
        ),
    ]
)
