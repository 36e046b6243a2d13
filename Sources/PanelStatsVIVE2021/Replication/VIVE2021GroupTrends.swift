import PanelStats

/// Figures 5.7, 5.8 and 5.9: the unweighted mean over jobcentres of total (HK5 + HK6) spending per ftu,
/// per group and year 2014–2019 (unweighted: each group's means, weighted by its number of jobcentres,
/// give the same national mean in every figure; published README §5c).
///
/// - Figure 5.7 groups jobcentres by quartile of their % growth in six-group ftu 2014→2019; quartile 1
///   is the smallest growth (the largest fall), sizes per ``VIVE2021ReplicationOptions/quartileRule``.
/// - Figure 5.8 by framework group (Bilagstabel 1.1), Figure 5.9 by population band (Bilagstabel 1.2).
public struct VIVE2021GroupTrends: Sendable, Codable, Equatable {
    /// Which figure.
    public enum Figure: String, Sendable, Codable, CaseIterable {
        case growthQuartile = "figure_5_7_by_growth_quartile"
        case frameworkGroup = "figure_5_8_by_framework_group"
        case sizeBand = "figure_5_9_by_municipality_size"

        /// "Figur 5.7" etc.
        public var number: String {
            switch self {
            case .growthQuartile: "5.7"
            case .frameworkGroup: "5.8"
            case .sizeBand: "5.9"
            }
        }
    }

    /// One group (line).
    public struct Group: Sendable, Codable, Equatable {
        /// The published CSV's `group` key (`growth_q1`, `framework_1_best10`, `pop_lt_30k`, …).
        public let key: String
        /// The printed label.
        public let label: String
        /// Jobcentres in the group.
        public let size: Int
        /// Mean per year, in ``VIVE2021GroupTrends/years`` order.
        public let means: [Double]
    }

    public let figure: Figure
    public let years: [Int]
    public let groups: [Group]
    /// Figure 5.7 only: the growth values at the upper boundary of quartiles 1–3 (%).
    public let quartileBoundaries: [Double]?

    init(figure: Figure, years: [Int], groups: [Group], quartileBoundaries: [Double]? = nil) {
        self.figure = figure
        self.years = years
        self.groups = groups
        self.quartileBoundaries = quartileBoundaries
    }

    /// The three figures.
    static func all(
        _ derived: VIVE2021DerivedVariables, groupings: VIVE2021JobcentreGroups, options: VIVE2021ReplicationOptions
    ) throws(VIVE2021ReplicationError) -> [VIVE2021GroupTrends] {
        let step = "Figures 5.7-5.9 (group means)"
        do {
            let spending = try PanelSeries(name: "total_per_ftu", entity: derived.jobcentres, period: derived.years,
                                           values: derived.totalPerFTU)
            let ftu = try PanelSeries(name: "ftu (six groups)", entity: derived.jobcentres, period: derived.years,
                                      values: derived.ftuTotal)
            let growth = try ftu.perEntity(.percentGrowth(from: 2014, to: 2019))
            let quartiles = try growth.quantileGroups(4, rule: options.quartileRule.rule)
            let byQuartile = try GroupPeriodMeans(spending, quantileGroups: quartiles)
            let quartileLabels = ["1. kvartil", "2. kvartil", "3. kvartil", "4. kvartil"]
            let figure57 = VIVE2021GroupTrends(
                figure: .growthQuartile, years: byQuartile.periods,
                groups: (0..<4).map { g in
                    Group(key: "growth_q\(g + 1)", label: quartileLabels[g], size: quartiles.groups.sizes[g],
                          means: byQuartile.mean[g].map { $0 ?? .nan })
                },
                quartileBoundaries: quartiles.groups.cutpoints)

            let frameworkKeys = VIVE2021JobcentreGroups.frameworkGroupKeys
            let frameworkLabels = VIVE2021JobcentreGroups.frameworkGroupLabels
            let frameworkOf = groupings.frameworkGroup.mapValues { frameworkKeys[$0 - 1] }
            let byFramework = try GroupPeriodMeans(spending, groupOfEntity: frameworkOf, groups: frameworkKeys)
            let figure58 = VIVE2021GroupTrends(
                figure: .frameworkGroup, years: byFramework.periods,
                groups: frameworkKeys.indices.map { g in
                    Group(key: frameworkKeys[g], label: frameworkLabels[g], size: byFramework.count[g].first ?? 0,
                          means: byFramework.mean[g].map { $0 ?? .nan })
                })

            let bands = VIVE2021SizeBand.allCases
            let bandOf = groupings.sizeBand.mapValues(\.key)
            let bySize = try GroupPeriodMeans(spending, groupOfEntity: bandOf, groups: bands.map(\.key))
            let figure59 = VIVE2021GroupTrends(
                figure: .sizeBand, years: bySize.periods,
                groups: bands.indices.map { g in
                    Group(key: bands[g].key, label: bands[g].labelDanish, size: bySize.count[g].first ?? 0,
                          means: bySize.mean[g].map { $0 ?? .nan })
                })
            return [figure57, figure58, figure59]
        } catch {
            throw .analysis(step: step, message: error.description)
        }
    }
}

extension VIVE2021SizeBand {
    /// The label of Figures 5.9 and 5.12, as printed.
    public var labelDanish: String {
        switch self {
        case .under30k: "<30.000 indb."
        case .from30kTo50k: "30.000-50.000"
        case .from50kTo80k: "50.000-80.000"
        case .from80kTo120k: "80.000-120.000"
        case .over120k: "Over 120.000 indb."
        }
    }
}
