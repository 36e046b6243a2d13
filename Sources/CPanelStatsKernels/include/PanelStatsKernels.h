// Row kernels of the entity-block within estimator (PanelStatsRegression's EntityBlockWithin),
// compiled twice — for AVX2 + FMA and for the baseline x86-64 (SSE2) or any other CPU — and
// chosen once at run time by CPUID. Swift cannot do this itself: its SIMD types compile to the
// target's baseline (SSE2 on x86-64) and `-target-cpu` needs `unsafeFlags`, which SwiftPM refuses
// in a dependency. The arithmetic is the caller's; see EntityBlockWithin.swift for what is summed.
#ifndef PANELSTATS_KERNELS_H
#define PANELSTATS_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The instruction set the kernels run with: 1 for AVX2 + FMA, 0 for the baseline.
int ps_kernels_instruction_set(void);

// Each kernel also has a `_with` form that takes the instruction set (0 or 1) instead of detecting
// it, so that tests run the baseline build on an AVX2 machine too.

/// Adds the upper triangle of `ZᵀZ` over the first `rows` rows of a column-major block
/// (`width` columns of `stride` doubles, room for `rows` rounded up to 4 in every column, which is
/// zeroed here) to `gram` (`width × width`, column-major; only entries `r ≤ c`). `paddedWidth` (the
/// block's columns, a multiple of 3) is not read: columns past `width` are never touched.
void ps_gram_accumulate(double *block, ptrdiff_t stride, ptrdiff_t width, ptrdiff_t paddedWidth,
                        ptrdiff_t rows, double *gram);
/// ``ps_gram_accumulate`` with the given instruction set (0 baseline, 1 AVX2 + FMA; 1 on a CPU
/// without AVX2 + FMA runs the baseline).
void ps_gram_accumulate_with(int instructionSet, double *block, ptrdiff_t stride, ptrdiff_t width,
                             ptrdiff_t paddedWidth, ptrdiff_t rows, double *gram);

/// The mean of `a[0..<n]` (n ≥ 1) by the same additions as ``ps_moments_run`` makes an entity's
/// means (for a caller that must make them again, bit for bit).
double ps_entity_mean(const double *a, ptrdiff_t n);
/// ``ps_entity_mean`` with the given instruction set (0 baseline, 1 AVX2 + FMA).
double ps_entity_mean_with(int instructionSet, const double *a, ptrdiff_t n);

/// Pass 1 of the entity-block fit over a run of whole entities that fits in the block.
typedef struct PSMomentsRun {
    /// The panel's `width` columns (x_1 … x_K, y), entity-sorted.
    const double *const *columns;
    ptrdiff_t width;
    /// The Gram block: `width` columns of `stride` doubles.
    double *block;
    ptrdiff_t stride;
    /// The run's entity means, entity-major (`width` per entity, entity `first` at 0), written.
    double *means;
    /// Codes of the second absorbed factor, or NULL.
    const int32_t *codes;
    /// Per level, the sums of the demeaned columns (level-major, `width` per level), added to.
    double *levelSums;
    /// Scratch of `width × stride` doubles (the sums of entities with the same level sequence).
    double *patternSums;
} PSMomentsRun;

/// Writes each entity's means for entities `first..<last` (rows `starts[first]..<starts[last]`; the
/// means of entity g at `(g − first) · width`),
/// its rows demeaned into the block from row `filled` (column by column), and adds the demeaned
/// rows to the level sums. Consecutive entities with the same level sequence are summed together
/// before they are added to the levels, within chunks of 256 entities (a run of at most 256
/// entities, as the fit's 256-row block gives, sums in entity order; a longer run differs from that
/// by rounding only).
void ps_moments_run(const PSMomentsRun *run, const ptrdiff_t *starts, ptrdiff_t first, ptrdiff_t last,
                    ptrdiff_t filled);
/// ``ps_moments_run`` with the given instruction set (0 baseline, 1 AVX2 + FMA; 1 on a CPU
/// without AVX2 + FMA runs the baseline).
void ps_moments_run_with(int instructionSet, const PSMomentsRun *run, const ptrdiff_t *starts, ptrdiff_t first,
                         ptrdiff_t last, ptrdiff_t filled);

/// Pass 2 of the entity-block fit over a run of whole entities.
typedef struct PSResidualRun {
    /// The `kept` kept regressors' columns, then y (`kept + 1` pointers).
    const double *const *columns;
    ptrdiff_t kept;
    /// Scratch for the run's entity means of those columns, made again from the rows as pass 1
    /// made them (the same sums: the same values): `kept + 1` per entity, entity `first` at 0.
    double *means;
    /// β of the kept regressors.
    const double *beta;
    /// The second factor's codes, γ per level and Π (level-major, `kept` per level), or NULL.
    const int32_t *codes;
    const double *gamma;
    const double *pi;
    /// The grand means of x'β (raw x) and of y.
    double xbMean;
    double yMean;
    /// Outputs: per row, per entity.
    double *residuals;
    double *effects;
    /// Scratch: `2·kept + 6` columns of `stride` doubles (stride at least the run's rows).
    double *block;
    ptrdiff_t stride;
} PSResidualRun;

/// Running sums of pass 2: RSS and the three sums of the overall R².
typedef struct PSResidualSums {
    double rss, xy, xx, yy;
} PSResidualSums;

/// Residuals, entity effects and sums for entities `first..<last`; when `scores` is
/// not NULL, each entity's score `Σ_t e·[1, ẍ]` as row `scoreRow + (g − first)` of the column-major
/// `scores` block (`kept + 1` columns of `scoreStride` doubles).
void ps_residual_run(const PSResidualRun *run, const ptrdiff_t *starts, ptrdiff_t first, ptrdiff_t last,
                     PSResidualSums *sums, double *scores, ptrdiff_t scoreStride, ptrdiff_t scoreRow);
/// ``ps_residual_run`` with the given instruction set (0 baseline, 1 AVX2 + FMA; 1 on a CPU
/// without AVX2 + FMA runs the baseline).
void ps_residual_run_with(int instructionSet, const PSResidualRun *run, const ptrdiff_t *starts, ptrdiff_t first,
                          ptrdiff_t last, PSResidualSums *sums, double *scores, ptrdiff_t scoreStride,
                          ptrdiff_t scoreRow);

#ifdef __cplusplus
}
#endif

#endif
