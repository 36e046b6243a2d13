import CLAPACK

/// Converts a dimension to LAPACK's 32-bit integer, refusing what does not fit.
@usableFromInline
func lapackInt(_ value: Int, _ what: @autoclosure () -> String) throws(LinearAlgebraError) -> lapack_int {
    guard value >= 0, value <= Int(Int32.max) else { throw .tooLarge("\(what()) = \(value)") }
    return lapack_int(value)
}

/// Maps a LAPACK `info` code to a typed error; `positive` describes what `info > 0` means.
func check(
    _ info: lapack_int, _ routine: String, positive: (Int) -> LinearAlgebraError
) throws(LinearAlgebraError) {
    if info < 0 { throw .illegalArgument(routine: routine, argument: Int(-info)) }
    if info > 0 { throw positive(Int(info)) }
}

/// Fortran character argument: a pointer to one byte, with hidden length 1.
@usableFromInline
let characterLength = 1

@inline(__always)
func withCharacter<R>(_ c: Character, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
    var byte = CChar(c.asciiValue ?? 32)
    return try withUnsafePointer(to: &byte) { try body($0) }
}
