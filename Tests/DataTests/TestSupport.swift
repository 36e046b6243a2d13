@testable import PanelStatsData

/// The `DataError` thrown by `body`, if any (another error type fails the comparison).
func dataError(_ body: () throws -> Void) -> DataError? {
    do {
        try body()
        return nil
    } catch let error as DataError {
        return error
    } catch {
        return .invalidOptions("unexpected error \(error)")
    }
}

/// The `FormulaError` thrown by `body`, if any.
func formulaError(_ body: () throws -> Void) -> FormulaError? {
    do {
        try body()
        return nil
    } catch let error as FormulaError {
        return error
    } catch {
        return .syntax(message: "unexpected error \(error)", formula: "", position: 0)
    }
}
