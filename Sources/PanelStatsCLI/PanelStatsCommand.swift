import ArgumentParser
import PanelStats

/// The `panelstats` command. A thin layer: each subcommand parses its options, calls the
/// library, and prints. Subcommands live one per file.
@main
struct PanelStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panelstats",
        abstract: "Panel-data statistics: OLS and fixed-effects regression, correlations, quantile groups.",
        subcommands: [
            Version.self,
            CorrelateCommand.self, DescribeCommand.self, GroupsCommand.self,
            Fit.self, Dataset.self, Replicate.self,
        ]
    )
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version.")
    func run() {
        print("panelstats 0.1.0")
    }
}
