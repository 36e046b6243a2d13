import PanelStats

/// Section 5.3.3: each jobcentre's 2017–2019 level, "et gennemsnit af jobcenterets udgift pr.
/// fuldtidsledig i 2017, 2018 og 2019" (the unweighted mean of its three yearly ratios, L4010-4012), and
/// what the report shows of it:
/// - **Table 5.9**: minimum, quartiles, median, maximum over the jobcentres (quantile definition per
///   ``VIVE2021ReplicationOptions/quantileDefinition``), plus the maximum without the largest value
///   (the text's 50,800, L4027-4028);
/// - **Figure 5.10**: counts in the bins under 32,000 / 32–37,000 / 37–42,000 / over 42,000
///   (closedness per ``VIVE2021ReplicationOptions/binClosure``);
/// - **Figures 5.11 and 5.12**: the unweighted mean of the levels by framework group and by population band.
public struct VIVE2021CrossSection: Sendable, Codable, Equatable {
    /// A group mean of Figures 5.11 and 5.12.
    public struct GroupMean: Sendable, Codable, Equatable {
        public let key: String
        public let label: String
        public let size: Int
        public let mean: Double
    }

    /// Jobcentre names, in panel order.
    public let jobcentres: [String]
    /// Each jobcentre's 2017–2019 mean total spending per ftu.
    public let levels: [Double]
    /// Table 5.9.
    public let summary: VariableSummary
    /// The second largest level (the maximum without the one outlier).
    public let secondLargest: Double
    /// Figure 5.10.
    public let histogram: Histogram
    /// Figure 5.11, framework groups 1–4.
    public let byFrameworkGroup: [GroupMean]
    /// Figure 5.12, population bands smallest first.
    public let bySizeBand: [GroupMean]

    init(_ derived: VIVE2021DerivedVariables, groupings: VIVE2021JobcentreGroups, options: VIVE2021ReplicationOptions)
        throws(VIVE2021ReplicationError)
    {
        let values: EntityValues
        do {
            let spending = try PanelSeries(name: "total_per_ftu", entity: derived.jobcentres, period: derived.years,
                                           values: derived.totalPerFTU)
            values = try spending.perEntity(.mean(from: 2017, to: 2019))
            summary = try VariableSummary(values.values, variable: "total_per_ftu, mean 2017-2019",
                                          quantileDefinition: options.quantileDefinition)
            histogram = try Histogram(values.values, edges: options.histogramEdges, closure: options.binClosure, openEnds: .both)
        } catch {
            throw .analysis(step: "Table 5.9 / Figure 5.10 (2017-2019 cross-section)", message: error.description)
        }
        jobcentres = values.entities
        levels = values.values
        secondLargest = levels.sorted().dropLast().last ?? .nan
        let frameworkKeys = VIVE2021JobcentreGroups.frameworkGroupKeys
        let (names, values2) = (values.entities, values.values)
        byFrameworkGroup = Self.means(
            names, values2, { name in groupings.frameworkGroup[name].map { frameworkKeys[$0 - 1] } }, keys: frameworkKeys,
            labels: VIVE2021JobcentreGroups.frameworkGroupLabels)
        let bands = VIVE2021SizeBand.allCases
        bySizeBand = Self.means(names, values2, { groupings.sizeBand[$0]?.key }, keys: bands.map(\.key), labels: bands.map(\.labelDanish))
    }

    /// Unweighted mean of the levels per group key, in `keys` order (NaN for an empty group).
    private static func means(
        _ jobcentres: [String], _ levels: [Double], _ keyOf: (String) -> String?, keys: [String], labels: [String]
    ) -> [GroupMean] {
        var sum = [Double](repeating: 0, count: keys.count), count = [Int](repeating: 0, count: keys.count)
        for (name, level) in zip(jobcentres, levels) {
            guard let key = keyOf(name), let g = keys.firstIndex(of: key) else { continue }
            sum[g] += level
            count[g] += 1
        }
        return keys.indices.map { g in
            GroupMean(key: keys[g], label: labels[g], size: count[g], mean: count[g] > 0 ? sum[g] / Double(count[g]) : .nan)
        }
    }
}
