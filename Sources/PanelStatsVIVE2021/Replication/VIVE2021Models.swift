/// The three estimation periods of Table 5.8 with the report's year dummies and reference years
/// (L3656-3658): 2015–2019 against 2014; 2015–2016 against 2014; 2018–2019 against 2017.
public enum VIVE2021Period: String, Sendable, Codable, CaseIterable {
    case full = "2014-2019"
    case early = "2014-2016"
    case late = "2017-2019"

    /// The years in the period.
    public var years: ClosedRange<Int> {
        switch self {
        case .full: 2014...2019
        case .early: 2014...2016
        case .late: 2017...2019
        }
    }

    /// The omitted year ("(ref.)" in the table).
    public var referenceYear: Int { years.lowerBound }

    /// The years with a dummy.
    public var dummyYears: [Int] { Array(years.dropFirst()) }

    /// Printed header, with an en dash.
    public var label: String { "\(years.lowerBound)–\(years.upperBound)" }
}

/// The three dependent variables of Table 5.8, in the table's order.
public enum VIVE2021Dependent: String, Sendable, Codable, CaseIterable {
    case total, hk6, hk5

    /// The variable name of Table 5.7 (`total_per_ftu`, ...).
    public var variable: String { rawValue + "_per_ftu" }

    /// The column header of Table 5.8.
    public var header: String {
        switch self {
        case .total: "I alt"
        case .hk6: "HK6"
        case .hk5: "HK5"
        }
    }

    /// The values from the derived variables.
    func values(_ derived: VIVE2021DerivedVariables) -> [Double] {
        switch self {
        case .total: derived.totalPerFTU
        case .hk6: derived.hk6PerFTU
        case .hk5: derived.hk5PerFTU
        }
    }
}

extension VIVE2021Regressor {
    /// The row label of Table 5.8, as printed.
    public var labelDanish: String {
        switch self {
        case .shareUnemploymentBenefit: "Andel dagpengemodtagere"
        case .shareCashEducationBenefit: "Andel kontant- og uddannelseshjælpsmodtagere"
        case .shareVocationalRehabilitation: "Andel revalidender/for-revalidender"
        case .shareResourceCourse: "Andel modtagere af ressourceforløb"
        case .ftuPercentOfPopulation17to64: "Fuldtidsledige i alt i 6 målgrupper i % af antal 17-64 årige"
        case .lnPopulation: "Kommunestørrelse (ln)"
        case .economicPressureIndex: "Økonomisk pres (indeks)"
        case .disabilityPensionPercentOfPopulation17to64: "Fuldtidsledige på førtidspension i % af antal 17-64 årige"
        }
    }
}
