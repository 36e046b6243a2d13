import PanelStatsData

/// A panel declaration (Stata's `xtset entity time`, plm's `index = c("entity", "time")`): which
/// observation belongs to which entity and, optionally, to which period.
///
/// Identifiers can be of any type that can be hashed, ordered and printed (`String`, `Int`,
/// `Double`, ...). Levels are numbered in their sort order, so fixed effects are listed as plm and
/// Stata list them (firm 1, 2, …, 10 — numerically, not as text, for numeric identifiers). The
/// panel may be unbalanced. Every observation must carry an entity (and, when declared, a time)
/// identifier, and with a time variable no (entity, time) pair may occur twice.
public struct PanelDeclaration: Sendable, Equatable {
    /// The entity identifier as dense codes with labels.
    public let entity: GroupIndex
    /// The time identifier, if declared.
    public let time: GroupIndex?

    /// Declares a panel from identifier values; `nil` marks a missing identifier.
    /// - Throws: ``FixedEffectsError/missingIdentifier(variable:row:)`` naming the first row without
    ///   an identifier; ``FixedEffectsError/duplicatePanelObservation(entityVariable:entity:timeVariable:time:firstRow:secondRow:)``
    ///   naming the entity, the period and both rows; ``FixedEffectsError/dimensionMismatch(_:)``
    ///   when the two lists differ in length.
    public init<Entity: Hashable & Comparable & CustomStringConvertible, Time: Hashable & Comparable & CustomStringConvertible>(
        entityVariable: String, entities: [Entity?], timeVariable: String, times: [Time?]
    ) throws(FixedEffectsError) {
        guard entities.count == times.count else {
            throw .dimensionMismatch("\(entities.count) values of \(entityVariable), \(times.count) of \(timeVariable)")
        }
        try self.init(entity: Self.encode(entities, variable: entityVariable),
                      time: Self.encode(times, variable: timeVariable))
    }

    /// Declares a panel by entity only (no time variable: repeated observations of an entity are
    /// allowed, as in `xtset entity`).
    public init<Entity: Hashable & Comparable & CustomStringConvertible>(
        entityVariable: String, entities: [Entity?]
    ) throws(FixedEffectsError) {
        try self.init(entity: Self.encode(entities, variable: entityVariable), time: nil)
    }

    /// Declares a panel from group indices (e.g. ``ModelFrame/groups(_:)``); a negative code marks
    /// a missing identifier.
    public init(entity: GroupIndex, time: GroupIndex?) throws(FixedEffectsError) {
        if let row = entity.codes.firstIndex(where: { $0 < 0 || Int($0) >= entity.count }) {
            throw .missingIdentifier(variable: entity.name, row: row + 1)
        }
        if let time {
            guard time.codes.count == entity.codes.count else {
                throw .dimensionMismatch("\(entity.codes.count) values of \(entity.name), \(time.codes.count) of \(time.name)")
            }
            if let row = time.codes.firstIndex(where: { $0 < 0 || Int($0) >= time.count }) {
                throw .missingIdentifier(variable: time.name, row: row + 1)
            }
            var firstRow: [Int: Int] = [:]
            firstRow.reserveCapacity(entity.codes.count)
            for i in entity.codes.indices {
                let key = Int(entity.codes[i]) * time.count + Int(time.codes[i])
                if let previous = firstRow[key] {
                    throw .duplicatePanelObservation(
                        entityVariable: entity.name, entity: entity.label(Int(entity.codes[i])),
                        timeVariable: time.name, time: time.label(Int(time.codes[i])),
                        firstRow: previous + 1, secondRow: i + 1)
                }
                firstRow[key] = i
            }
        }
        self.entity = entity
        self.time = time
    }

    /// Number of observations.
    public var observations: Int { entity.codes.count }
    /// Number of entities.
    public var entities: Int { entity.count }

    /// Observations per entity: the smallest, the mean and the largest (Stata's "Obs per group").
    public var observationsPerEntity: (min: Int, mean: Double, max: Int) {
        let sizes = entity.sizes()
        return (sizes.min() ?? 0, entity.count > 0 ? Double(observations) / Double(entity.count) : 0, sizes.max() ?? 0)
    }

    /// Whether every entity is observed in every period (requires a time variable; without one,
    /// whether every entity has the same number of observations).
    public var isBalanced: Bool {
        let sizes = entity.sizes()
        guard let first = sizes.first else { return true }
        if let time { return sizes.allSatisfy { $0 == time.count } }
        return sizes.allSatisfy { $0 == first }
    }

    /// Dense codes in the sort order of the values.
    static func encode<Value: Hashable & Comparable & CustomStringConvertible>(
        _ values: [Value?], variable: String
    ) throws(FixedEffectsError) -> GroupIndex {
        var firstCode: [Value: Int32] = [:]
        var uniques: [Value] = []
        var codes = [Int32](repeating: 0, count: values.count)
        for (i, value) in values.enumerated() {
            guard let value else { throw .missingIdentifier(variable: variable, row: i + 1) }
            if let code = firstCode[value] {
                codes[i] = code
            } else {
                guard uniques.count < Int(Int32.max) else {
                    throw .dimensionMismatch("\(variable) has more than \(Int32.max) distinct values")
                }
                let code = Int32(uniques.count)
                firstCode[value] = code
                uniques.append(value)
                codes[i] = code
            }
        }
        let order = uniques.indices.sorted { uniques[$0] < uniques[$1] }
        var rank = [Int32](repeating: 0, count: uniques.count)
        for (new, old) in order.enumerated() { rank[old] = Int32(new) }
        for i in codes.indices { codes[i] = rank[Int(codes[i])] }
        return GroupIndex(name: variable, codes: codes, count: uniques.count, labels: order.map { uniques[$0].description })
    }
}
