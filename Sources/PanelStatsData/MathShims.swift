#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The C library's elementary functions under names that do not collide with the formula
// functions' Swift spellings.
@inline(__always) func naturalLogarithm(_ x: Double) -> Double { log(x) }
@inline(__always) func exponential(_ x: Double) -> Double { exp(x) }
/// `x^y` as R computes it (C `pow`: x^0 = 1 for any x, integral powers of negative x defined).
@inline(__always) func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }
