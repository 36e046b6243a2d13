import Foundation
import PanelStats

/// Each jobcentre's framework-conditions group (Bilagstabel 1.1: 1 = the 10 best … 4 = the 10 most
/// difficult) and population band (Bilagstabel 1.2, as printed), the groupings of Figures 5.8, 5.9,
/// 5.11 and 5.12. The bands are taken from the appendix, not recomputed from the panel's populations
/// (the report's footnote 7 rule for shared jobcentres cannot be checked; published README §4.8).
public struct VIVE2021JobcentreGroups: Sendable, Equatable {
    /// Jobcentre name → framework group 1…4.
    public let frameworkGroup: [String: Int]
    /// Jobcentre name → population band.
    public let sizeBand: [String: VIVE2021SizeBand]
    /// Where the groupings come from (for messages and the report).
    public let source: String

    /// The 94 jobcentres of Bilag 1 (`datasets/vive2021/jobcentres.csv`, compiled in).
    public static let bilag1: VIVE2021JobcentreGroups = VIVE2021JobcentreGroups(
        frameworkGroup: Dictionary(uniqueKeysWithValues: VIVE2021Jobcentre.all.map { ($0.name, $0.frameworkGroup) }),
        sizeBand: Dictionary(uniqueKeysWithValues: VIVE2021Jobcentre.all.map { ($0.name, $0.sizeBand) }),
        source: "Bilag 1 (datasets/vive2021/jobcentres.csv)")

    /// The published CSVs' keys of framework groups 1–4 (Figure 5.8).
    public static let frameworkGroupKeys = [
        "framework_1_best10", "framework_2_11th_to_median", "framework_3_median_to_84th", "framework_4_worst10",
    ]
    /// The printed labels of framework groups 1–4 (Figures 5.8 and 5.11).
    public static let frameworkGroupLabels = [
        "10 bedste rammevilkår", "Nummer 11-median rammevilkår", "Median-84. rammevilkår", "10 vanskeligste rammevilkår",
    ]

    public init(frameworkGroup: [String: Int], sizeBand: [String: VIVE2021SizeBand], source: String) {
        self.frameworkGroup = frameworkGroup
        self.sizeBand = sizeBand
        self.source = source
    }

    /// Reads a CSV with columns `jobcentre`, `framework_group` (1–4) and `size_band` (`pop_lt_30k`,
    /// `pop_30k_50k`, `pop_50k_80k`, `pop_80k_120k`, `pop_gt_120k`), as `datasets/vive2021/jobcentres.csv`.
    /// - Throws: ``VIVE2021ReplicationError`` naming the file, line and column.
    public static func read(path: String) throws(VIVE2021ReplicationError) -> VIVE2021JobcentreGroups {
        let frame: DataFrame
        do {
            frame = try CSVReader.read(path: path, options: CSVOptions(categoricalColumns: ["jobcentre", "size_band"]))
        } catch {
            if case .unknownVariable(_, let name, _) = error {
                throw .missingColumns(source: path, columns: [name])
            }
            throw .unreadable(error.description)
        }
        guard case .categorical(let names)? = frame["jobcentre"], case .categorical(let bands)? = frame["size_band"] else {
            throw .missingColumns(source: path, columns: ["jobcentre", "size_band"])
        }
        guard case .numeric(let groups)? = frame["framework_group"] else {
            if frame["framework_group"] == nil { throw .missingColumns(source: path, columns: ["framework_group"]) }
            throw .invalidJobcentreGroups(source: path, line: 2, message: "column framework_group must hold the numbers 1-4")
        }
        var framework: [String: Int] = [:], size: [String: VIVE2021SizeBand] = [:]
        for i in 0..<frame.rowCount {
            let line = frame.line(ofRow: i)
            guard let name = names.label(at: i) else {
                throw .invalidJobcentreGroups(source: path, line: line, message: "column jobcentre: missing value")
            }
            let g = groups.values[i]
            guard [1.0, 2, 3, 4].contains(g) else {
                throw .invalidJobcentreGroups(source: path, line: line, message: "jobcentre \(name), column framework_group: expected 1, 2, 3 or 4, found \(g)")
            }
            guard let key = bands.label(at: i), let band = VIVE2021SizeBand.allCases.first(where: { $0.key == key }) else {
                throw .invalidJobcentreGroups(source: path, line: line, message: "jobcentre \(name), column size_band: expected one of "
                    + VIVE2021SizeBand.allCases.map(\.key).joined(separator: ", ") + ", found '\(bands.label(at: i) ?? "")'")
            }
            guard framework[name] == nil else {
                throw .invalidJobcentreGroups(source: path, line: line, message: "jobcentre \(name) is listed twice")
            }
            framework[name] = Int(g)
            size[name] = band
        }
        return VIVE2021JobcentreGroups(frameworkGroup: framework, sizeBand: size, source: path)
    }

    /// Checks that every jobcentre of the panel has both groupings.
    func check(_ input: VIVE2021PanelInput) throws(VIVE2021ReplicationError) {
        for row in input.panel.rows where frameworkGroup[row.jobcentre] == nil || sizeBand[row.jobcentre] == nil {
            throw .unknownJobcentre(source: input.source, jobcentre: row.jobcentre, groupsSource: source)
        }
    }
}
