import CPanelStatsKernels

/// The instruction set the entity-block fit's C row kernels run with on this machine, chosen once
/// per process from CPUID (see CPanelStatsKernels). Both builds compute the same sums; they differ
/// in speed and, through fused multiply–adds, in the last bits. Benchmarks report it so that a
/// figure names the build that produced it.
public enum RowKernelInstructionSet: String, Sendable, CaseIterable {
    /// x86-64's baseline (SSE2), or any CPU that is not x86-64.
    case baseline
    /// AVX2 with FMA (most x86-64 CPUs since Intel Haswell, 2013, and AMD Excavator, 2015; not
    /// some Pentium, Celeron and Atom parts), when the operating system saves the YMM registers.
    case avx2FMA = "avx2+fma"

    /// The set detected on this CPU.
    public static var current: RowKernelInstructionSet {
        ps_kernels_instruction_set() == 1 ? .avx2FMA : .baseline
    }
}
