import ArgumentParser
import PanelStats

/// `panelstats groups`: quantile groups of units (xtile / qcut), optionally of a per-entity
/// quantity derived from a panel, with per-group, per-period means of other variables.
struct GroupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groups",
        abstract: "Quantile groups of units (Stata xtile, pandas qcut) and per-group, per-period means.",
        discussion: """
            Units are ranked by --by and split into --groups quantile groups; group sizes are \
            always reported. Cross-section (no --time): each row is a unit, labelled by --entity if \
            given. Panel (--entity and --time): each entity is a unit, ranked by one derived value of \
            --by: --growth 2014:2019 (percentage growth 100·(y2019 − y2014)/y2014), --at 2019 (the \
            value in one period) or --period-mean 2017:2019 (mean over the panel's periods in that range).

            Rules (--rule): qcut (default; cutpoints at type-7 quantiles, as pandas.qcut), xtile \
            (type-2 cutpoints, Stata's xtile), xtile-altdef (type 6), type1…type9 (cutpoints at that \
            Hyndman–Fan type), and balanced. With cutpoints a unit goes to the lowest group whose \
            cutpoint it does not exceed (x ≤ c), so tied values always share a group and sizes can \
            differ; coinciding cutpoints leave a group empty. balanced fixes the sizes by rank: group g \
            takes ranks ⌊(g−1)(n+1)/k⌋+1 … ⌊g(n+1)/k⌋ (sizes differ by at most one; 94 units in \
            quartiles give 23/24/24/23), ties ordered as in the file and any tie split across groups \
            reported. For distinct values balanced equals xtile-altdef.

            --means y1,y2 adds, for each variable, its mean per group and period (needs --time); \
            --weights w makes them weighted means Σ w·y / Σ w. --members lists every unit with its \
            value and group.

            Example (the VIVE report's Figure 5.7): panelstats groups panel.csv --entity jobcentre \
            --time year --by ftu_total --growth 2014:2019 --groups 4 --rule balanced --means spend_per_ftu
            """
    )

    @OptionGroup var input: DescriptiveDataOptions

    @Option(help: "Numeric column the units are ranked by.")
    var by: String

    @Option(help: "Number of groups (4 = quartiles).")
    var groups: Int = 4

    @Option(help: "qcut, xtile, xtile-altdef, balanced, or type1…type9.")
    var rule: String = "qcut"

    @Option(help: "Entity (unit) column; required with --time.")
    var entity: String?

    @Option(help: "Period column of a panel (whole numbers).")
    var time: String?

    @Option(help: "Rank entities by percentage growth of --by between two periods, as 2014:2019.")
    var growth: String?

    @Option(help: "Rank entities by the value of --by in one period.")
    var at: Int?

    @Option(help: "Rank entities by the mean of --by over periods, as 2017:2019.")
    var periodMean: String?

    @Option(help: "Comma-separated columns to average per group and period (needs --time).")
    var means: String?

    @Option(help: "Weight column for --means (weighted means Σ w·y / Σ w).")
    var weights: String?

    @Flag(help: "List every unit with its ranking value and group.")
    var members = false

    @Option(help: "text, json, markdown, latex or csv.")
    var format: DescriptiveFormat = .text

    @OptionGroup var numbers: DescriptiveNumberOptions

    func validate() throws {
        _ = try groupRule()
        let derived = [growth != nil, at != nil, periodMean != nil].filter { $0 }.count
        if time != nil {
            guard entity != nil else { throw ValidationError("--time needs --entity") }
            guard derived == 1 else { throw ValidationError("with --time give exactly one of --growth, --at, --period-mean") }
        } else {
            guard derived == 0 else { throw ValidationError("--growth, --at and --period-mean need --time and --entity") }
            guard means == nil else { throw ValidationError("--means needs a panel (--entity and --time)") }
        }
        if weights != nil && means == nil { throw ValidationError("--weights applies to --means") }
        _ = try statistic()
    }

    func groupRule() throws -> QuantileGroupRule {
        switch rule.lowercased() {
        case "qcut": return .pandasQcut
        case "xtile": return .stataXtile
        case "xtile-altdef", "altdef": return .stataXtileAltdef
        case "balanced": return .balancedRanks
        default:
            guard let definition = QuantileDefinition(name: rule) else {
                throw ValidationError("--rule must be qcut, xtile, xtile-altdef, balanced or type1…type9, got '\(rule)'")
            }
            return .cutpoints(definition)
        }
    }

    func statistic() throws -> EntityStatistic? {
        if let growth {
            let range = try periodRange(growth, option: "--growth")
            return .percentGrowth(from: range.from, to: range.to)
        }
        if let at { return .level(at: at) }
        if let periodMean {
            let range = try periodRange(periodMean, option: "--period-mean")
            return .mean(from: range.from, to: range.to)
        }
        return nil
    }

    func run() throws {
        try runDescriptive { try output() }
    }

    struct Member: Encodable {
        var unit: String
        var value: Double?
        var group: Int?
    }

    struct Report: Encodable {
        var variable: String
        var statistic: String
        var groupCount: Int
        var rule: String
        var sizes: [Int]
        var cutpoints: [Double]
        var splitTies: [Double]
        var members: [Member]
        var means: [GroupPeriodMeans]
    }

    /// The command's complete standard output.
    func output() throws -> String {
        let frame = try input.read()
        let rule = try groupRule()
        if let time, let entity, let statistic = try statistic() {
            let key = try PanelSeries(frame, entity: entity, time: time, variable: by).perEntity(statistic)
            return try render(frame, key: key, rule: rule, statisticLabel: "\(statistic) in \(by)")
        }
        let key = EntityValues(variable: by, statistic: .value, entities: try unitLabels(frame),
                               values: try numericColumn(frame, by))
        return try render(frame, key: key, rule: rule, statisticLabel: by)
    }

    /// Cross-section unit labels: the --entity column's labels (numbers without ".0"), else the line.
    private func unitLabels(_ frame: DataFrame) throws -> [String] {
        let lines = (0..<frame.rowCount).map { "line \(frame.line(ofRow: $0))" }
        guard let entity else { return lines }
        switch try frame.column(named: entity) {
        case .categorical(let column):
            return (0..<frame.rowCount).map { column.label(at: $0) ?? lines[$0] }
        case .numeric(let column):
            return column.values.indices.map { column.values[$0].isNaN ? lines[$0] : fullPrecision(column.values[$0]) }
        }
    }

    private func render(_ frame: DataFrame, key: EntityValues, rule: QuantileGroupRule, statisticLabel: String)
        throws -> String
    {
        let grouped = try key.quantileGroups(groups, rule: rule)
        var meanTables: [GroupPeriodMeans] = []
        if let means, let time, let entity {
            let weightSeries = try weights.map { try PanelSeries(frame, entity: entity, time: time, variable: $0) }
            for name in commaSeparatedList(means) {
                let series = try PanelSeries(frame, entity: entity, time: time, variable: name)
                meanTables.append(try GroupPeriodMeans(series, quantileGroups: grouped, weights: weightSeries))
            }
        }
        let memberList = key.entities.indices.map { i in
            Member(unit: key.entities[i], value: key.values[i].isNaN ? nil : key.values[i], group: grouped.groups.group[i])
        }
        let report = Report(variable: by, statistic: statisticLabel, groupCount: groups, rule: rule.description,
                            sizes: grouped.groups.sizes, cutpoints: grouped.groups.cutpoints,
                            splitTies: grouped.groups.splitTies, members: members ? memberList : [], means: meanTables)
        switch format {
        case .json: return try descriptiveJSON(report)
        case .csv: return csv(report, members: memberList)
        case .text, .markdown, .latex: return tables(report, members: memberList, key: key, grouped: grouped)
        }
    }

    private func tables(_ report: Report, members memberList: [Member], key: EntityValues,
                        grouped: EntityQuantileGroups) -> String {
        var rows: [[String]] = []
        for g in 1...report.groupCount {
            let values = memberList.filter { $0.group == g }.compactMap(\.value)
            rows.append([String(g), numbers.string(report.sizes[g - 1]),
                         values.min().map(numbers.string) ?? "–", values.max().map(numbers.string) ?? "–"])
        }
        var notes = ["Rule: \(report.rule)."]
        if !report.cutpoints.isEmpty {
            notes.append("Upper boundaries: " + report.cutpoints.map(numbers.string).joined(separator: ", ") + ".")
        }
        if !report.splitTies.isEmpty {
            notes.append("Tied values split across groups (by file order): "
                + report.splitTies.map(numbers.string).joined(separator: ", ") + ".")
        }
        let missing = memberList.filter { $0.group == nil }.map(\.unit)
        if !missing.isEmpty { notes.append("No value, left out: " + missing.joined(separator: ", ") + ".") }
        var output = DescriptiveTable(
            title: "\(report.groupCount) quantile groups by \(report.statistic) (\(memberList.count - missing.count) units)",
            header: ["group", "units", "min", "max"], rows: rows, notes: notes
        ).render(format)
        if members {
            let memberRows = memberList.map { [$0.unit, $0.value.map(numbers.string) ?? "–", $0.group.map(String.init) ?? "–"] }
            output += "\n" + DescriptiveTable(title: "Units", header: ["unit", report.statistic, "group"], rows: memberRows)
                .render(format)
        }
        for table in report.means {
            let meanRows = table.groups.indices.map { g in
                [table.groups[g]] + table.periods.indices.map { t in table.mean[g][t].map(numbers.string) ?? "–" }
            }
            var meanNotes: [String] = []
            if !table.excludedEntities.isEmpty {
                meanNotes.append("Entities without a group, left out: " + table.excludedEntities.joined(separator: ", ") + ".")
            }
            output += "\n" + DescriptiveTable(
                title: "Mean of \(table.variable) by group and period (\(table.weighting))",
                header: ["group"] + table.periods.map(String.init), rows: meanRows, notes: meanNotes
            ).render(format)
        }
        return output
    }

    /// CSV: the members (unit, value, group), then one long block per --means variable.
    private func csv(_ report: Report, members memberList: [Member]) -> String {
        var output = DescriptiveTable(
            title: "", header: ["unit", "value", "group"],
            rows: memberList.map { [$0.unit, $0.value.map(fullPrecision) ?? "", $0.group.map(String.init) ?? ""] }
        ).render(.csv)
        for table in report.means {
            var rows: [[String]] = []
            for g in table.groups.indices {
                for t in table.periods.indices {
                    rows.append([table.variable, table.weighting.description, table.groups[g], String(table.periods[t]),
                                 table.mean[g][t].map(fullPrecision) ?? "", String(table.count[g][t])])
                }
            }
            output += "\n" + DescriptiveTable(title: "", header: ["variable", "weighting", "group", "period", "mean", "n"],
                                              rows: rows).render(.csv)
        }
        return output
    }
}
