/// One variable of a panel in long form: row t is entity `entity[t]` in period `period[t]`.
/// NaN marks a missing value. Entities are reported in order of first appearance.
public struct PanelSeries: Sendable, Equatable {
    /// The variable's name (used in results and messages).
    public let name: String
    public let entity: [String]
    public let period: [Int]
    public let values: [Double]

    /// - Throws: ``DescriptiveError/lengthMismatch(_:)`` when the three arrays differ in length.
    public init(name: String, entity: [String], period: [Int], values: [Double]) throws(DescriptiveError) {
        guard entity.count == period.count, period.count == values.count else {
            throw .lengthMismatch("panel '\(name)': \(entity.count) entity labels, \(period.count) periods, \(values.count) values")
        }
        self.name = name
        self.entity = entity
        self.period = period
        self.values = values
    }

    /// Distinct entities in order of first appearance.
    public var entities: [String] {
        var seen = Set<String>()
        return entity.filter { seen.insert($0).inserted }
    }

    /// Distinct periods, ascending.
    public var periods: [Int] { Array(Set(period)).sorted() }

    /// Rows indexed by entity then period.
    /// - Throws: ``DescriptiveError/duplicateObservation(entity:period:)``.
    func cells() throws(DescriptiveError) -> [String: [Int: Int]] {
        var table: [String: [Int: Int]] = [:]
        for t in entity.indices {
            if table[entity[t], default: [:]].updateValue(t, forKey: period[t]) != nil {
                throw .duplicateObservation(entity: entity[t], period: period[t])
            }
        }
        return table
    }

    /// A per-entity quantity derived from the series, for grouping entities.
    /// - Throws: ``DescriptiveError/missingObservation(entity:period:variable:)`` when an entity lacks a
    ///   needed period (or its value is missing); ``DescriptiveError/zeroBase(entity:period:variable:)``
    ///   for growth from zero; ``DescriptiveError/duplicateObservation(entity:period:)``;
    ///   ``DescriptiveError/invalidPeriodRange(from:to:)``.
    public func perEntity(_ statistic: EntityStatistic) throws(DescriptiveError) -> EntityValues {
        let table = try cells()
        let labels = entities
        let panelPeriods = periods
        var result: [Double] = []
        result.reserveCapacity(labels.count)
        for label in labels {
            let rows = table[label] ?? [:]
            func value(_ p: Int) throws(DescriptiveError) -> Double {
                guard let t = rows[p], !values[t].isNaN else {
                    throw .missingObservation(entity: label, period: p, variable: name)
                }
                return values[t]
            }
            switch statistic {
            case .percentGrowth(let from, let to):
                let base = try value(from)
                let end = try value(to)
                guard base != 0 else { throw .zeroBase(entity: label, period: from, variable: name) }
                result.append(100 * (end - base) / base)
            case .level(let p):
                result.append(try value(p))
            case .value:
                guard let t = rows.values.first, rows.count == 1 else {
                    throw .lengthMismatch("entity '\(label)' has \(rows.count) periods; a cross-section value needs exactly one row per entity")
                }
                result.append(values[t])
            case .mean(let from, let to):
                guard to >= from else { throw .invalidPeriodRange(from: from, to: to) }
                let inRange = panelPeriods.filter { $0 >= from && $0 <= to }
                guard !inRange.isEmpty else { throw .invalidPeriodRange(from: from, to: to) }
                var sum = 0.0
                for p in inRange { sum += try value(p) }
                result.append(sum / Double(inRange.count))
            }
        }
        return EntityValues(variable: name, statistic: statistic, entities: labels, values: result)
    }
}

/// A quantity computed per entity from a panel variable.
public enum EntityStatistic: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    /// Percentage growth `100 (y_to − y_from) / y_from`.
    case percentGrowth(from: Int, to: Int)
    /// The value in one period.
    case level(at: Int)
    /// The unweighted mean of the values in the periods from `from` to `to` inclusive that occur
    /// in the panel (every entity must have each of them), e.g. each jobcentre's 2017–2019 mean.
    case mean(from: Int, to: Int)
    /// A cross-section: each unit's own (single) value, not derived from a panel.
    case value

    public var description: String {
        switch self {
        case .percentGrowth(let from, let to): return "% growth \(from)–\(to)"
        case .level(let p): return "value in \(p)"
        case .mean(let from, let to): return "mean \(from)–\(to)"
        case .value: return "value"
        }
    }
}

/// One value per entity, in the order of ``entities``.
public struct EntityValues: Sendable, Codable, Equatable {
    public let variable: String
    public let statistic: EntityStatistic
    public let entities: [String]
    public let values: [Double]

    public init(variable: String, statistic: EntityStatistic, entities: [String], values: [Double]) {
        self.variable = variable
        self.statistic = statistic
        self.entities = entities
        self.values = values
    }

    /// Groups the entities into `k` quantile groups of their values.
    public func quantileGroups(_ k: Int, rule: QuantileGroupRule = .pandasQcut) throws(DescriptiveError)
        -> EntityQuantileGroups
    {
        EntityQuantileGroups(key: self, groups: try QuantileGroups(values: values, groups: k, rule: rule))
    }
}

/// Entities grouped by quantiles of a per-entity quantity.
public struct EntityQuantileGroups: Sendable, Codable, Equatable {
    /// The quantity the entities were ranked by.
    public let key: EntityValues
    /// The grouping, unit i being `key.entities[i]`.
    public let groups: QuantileGroups

    /// Entity label → group number (1…k); entities with a missing key are absent.
    public var groupOfEntity: [String: Int] {
        var map: [String: Int] = [:]
        for (i, label) in key.entities.enumerated() {
            if let g = groups.group[i] { map[label] = g }
        }
        return map
    }
}
