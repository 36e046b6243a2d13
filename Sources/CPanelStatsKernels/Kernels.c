#include "PanelStatsKernels.h"

#include <stdatomic.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

// Four doubles; aligned(8) so that a pointer to one may point into a column at any row.
typedef double v4d __attribute__((vector_size(32), aligned(8)));

/// Four doubles from `p` (unaligned: the block's columns are 16-byte aligned only).
#define PS_LOAD(p) ({ v4d loaded_; memcpy(&loaded_, (p), sizeof loaded_); loaded_; })
/// Stores four doubles at `p` (unaligned).
#define PS_STORE(p, v) do { v4d stored_ = (v); memcpy((p), &stored_, sizeof stored_); } while (0)
/// The sum of a v4d's lanes.
#define PS_HORIZONTAL(v) ((((v)[0]) + ((v)[1])) + (((v)[2]) + ((v)[3])))

/// Row i keeps the last i lanes of a vector: the rows of a remainder read as the vector ending at row n.
static const double ps_tail_mask[4][4] = {{0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 1}, {0, 1, 1, 1}};

#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define PS(name) ps_avx2_##name
#include "KernelsBody.h"
#undef PS
#pragma clang attribute pop
#endif

#define PS(name) ps_baseline_##name
#include "KernelsBody.h"
#undef PS

/// AVX2 and FMA in the CPU, and YMM state saved by the operating system (XCR0 bits 1 and 2).
static int ps_detect(void) {
#if defined(__x86_64__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const unsigned fma = 1u << 12, osxsave = 1u << 27, avx = 1u << 28;
    if ((c & (fma | osxsave | avx)) != (fma | osxsave | avx)) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6u) != 6u) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & (1u << 5)) ? 1 : 0;
#else
    return 0;
#endif
}

int ps_kernels_instruction_set(void) {
    // Detected once; threads that race only repeat the detection, which gives the same answer.
    static _Atomic int detected = -1;
    int value = atomic_load_explicit(&detected, memory_order_relaxed);
    if (value < 0) {
        value = ps_detect();
        atomic_store_explicit(&detected, value, memory_order_relaxed);
    }
    return value;
}

/// The kernels of `requested` when this CPU can run them, else the baseline's: a request for AVX2
/// on a CPU without it (or off x86-64) runs the baseline, never an illegal instruction.
#if defined(__x86_64__)
static int ps_usable(int requested) { return requested == 1 && ps_kernels_instruction_set() == 1 ? 1 : 0; }
#endif

/// Calls kernel `name` in the build ``ps_usable`` picks for `set`. An expression of the kernel's
/// own type: `return PS_DISPATCH(...)` for a kernel that gives a value.
#if defined(__x86_64__)
#define PS_DISPATCH(set, name, ...) \
    (ps_usable(set) == 1 ? ps_avx2_##name(__VA_ARGS__) : ps_baseline_##name(__VA_ARGS__))
#else
#define PS_DISPATCH(set, name, ...) ps_baseline_##name(__VA_ARGS__)
#endif

void ps_gram_accumulate_with(int instructionSet, double *block, ptrdiff_t stride, ptrdiff_t width,
                             ptrdiff_t paddedWidth, ptrdiff_t rows, double *gram) {
    PS_DISPATCH(instructionSet, gram_accumulate, block, stride, width, paddedWidth, rows, gram);
}

void ps_gram_accumulate(double *block, ptrdiff_t stride, ptrdiff_t width, ptrdiff_t paddedWidth, ptrdiff_t rows,
                        double *gram) {
    ps_gram_accumulate_with(ps_kernels_instruction_set(), block, stride, width, paddedWidth, rows, gram);
}

double ps_entity_mean_with(int instructionSet, const double *a, ptrdiff_t n) {
    return PS_DISPATCH(instructionSet, entity_mean, a, n);
}

double ps_entity_mean(const double *a, ptrdiff_t n) {
    return ps_entity_mean_with(ps_kernels_instruction_set(), a, n);
}

void ps_moments_run_with(int instructionSet, const PSMomentsRun *run, const ptrdiff_t *starts, ptrdiff_t first,
                         ptrdiff_t last, ptrdiff_t filled) {
    PS_DISPATCH(instructionSet, moments_run, run, starts, first, last, filled);
}

void ps_moments_run(const PSMomentsRun *run, const ptrdiff_t *starts, ptrdiff_t first, ptrdiff_t last,
                    ptrdiff_t filled) {
    ps_moments_run_with(ps_kernels_instruction_set(), run, starts, first, last, filled);
}

void ps_residual_run_with(int instructionSet, const PSResidualRun *run, const ptrdiff_t *starts, ptrdiff_t first,
                          ptrdiff_t last, PSResidualSums *sums, double *scores, ptrdiff_t scoreStride,
                          ptrdiff_t scoreRow) {
    PS_DISPATCH(instructionSet, residual_run, run, starts, first, last, sums, scores, scoreStride, scoreRow);
}

void ps_residual_run(const PSResidualRun *run, const ptrdiff_t *starts, ptrdiff_t first, ptrdiff_t last,
                     PSResidualSums *sums, double *scores, ptrdiff_t scoreStride, ptrdiff_t scoreRow) {
    ps_residual_run_with(ps_kernels_instruction_set(), run, starts, first, last, sums, scores, scoreStride, scoreRow);
}
