// The kernels' bodies, included by Kernels.c once per instruction set with PS(name) giving each
// function its suffix. PS_LOAD and PS_HORIZONTAL are macros (Kernels.c): a function taking or returning
// a v4d would have a different ABI in the two compilations.

/// The loops over one entity's rows (often about 10) are written out in four lanes. clang's own
/// vector body (four registers of four, after run-time alias checks) would never run on 10 rows,
/// and a scalar remainder costs as much as the body: from 4 rows on, the last rows are taken as
/// the vector that ends at row n (overlapping the body; masked where the rows are summed).

/// Σ a[i] for i < n.
static inline double PS(sum)(const double *a, ptrdiff_t n) {
    if (n < 4) {
        double t = 0;
#pragma clang loop vectorize(disable) unroll(disable)
        for (ptrdiff_t i = 0; i < n; i++) t += a[i];
        return t;
    }
    v4d s = {0, 0, 0, 0};
    ptrdiff_t i = 0;
    for (; i + 4 <= n; i += 4) s += PS_LOAD(a + i);
    if (i < n) s += PS_LOAD(a + n - 4) * PS_LOAD(ps_tail_mask[n - i]);
    return PS_HORIZONTAL(s);
}

/// PS(sum)(a, n) / n as pass 1 forms an entity's mean (not inlined into the callers' loops).
static double PS(entity_mean)(const double *a, ptrdiff_t n) { return PS(sum)(a, n) * (1.0 / (double)n); }

/// Σ a[i]·b[i] and Σ b[i] for i < n.
static inline double PS(dot_and_sum)(const double *a, const double *b, ptrdiff_t n, double *sum) {
    if (n < 4) {
        double t = 0, v = 0;
#pragma clang loop vectorize(disable) unroll(disable)
        for (ptrdiff_t i = 0; i < n; i++) {
            t += a[i] * b[i];
            v += b[i];
        }
        *sum = v;
        return t;
    }
    v4d s = {0, 0, 0, 0}, u = s;
    ptrdiff_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const v4d bi = PS_LOAD(b + i);
        s += PS_LOAD(a + i) * bi;
        u += bi;
    }
    if (i < n) {
        const v4d bi = PS_LOAD(b + n - 4) * PS_LOAD(ps_tail_mask[n - i]);
        s += PS_LOAD(a + n - 4) * bi;
        u += bi;
    }
    *sum = PS_HORIZONTAL(u);
    return PS_HORIZONTAL(s);
}

/// target[i] = (x[i] − m) − level[i] for i < n (no `level`: x[i] − m); target and x do not overlap.
static inline void PS(centre)(double *target, const double *x, double m, const double *level, ptrdiff_t n) {
    if (n < 4) {
#pragma clang loop vectorize(disable) unroll(disable)
        for (ptrdiff_t i = 0; i < n; i++) target[i] = (x[i] - m) - (level != NULL ? level[i] : 0);
        return;
    }
    const v4d mv = {m, m, m, m};
    if (level != NULL) {
        for (ptrdiff_t i = 0; i + 4 <= n; i += 4) PS_STORE(target + i, (PS_LOAD(x + i) - mv) - PS_LOAD(level + i));
        PS_STORE(target + n - 4, (PS_LOAD(x + n - 4) - mv) - PS_LOAD(level + n - 4));
    } else {
        for (ptrdiff_t i = 0; i + 4 <= n; i += 4) PS_STORE(target + i, PS_LOAD(x + i) - mv);
        PS_STORE(target + n - 4, PS_LOAD(x + n - 4) - mv);
    }
}

/// Adds the Gram entries of columns a0, a0 + stride, a0 + 2·stride (rows row0…row0 + 2 of `gram`)
/// against the `nb` (1 to 3) columns from b0 (columns col0…, all after the a columns) over
/// `rounded` rows: a 3 × nb tile in registers while four rows at a time stream past (six loads feed
/// nine multiply–adds when nb = 3).
static inline void PS(gram_tile)(const double *a0, const double *b0, ptrdiff_t stride, ptrdiff_t rounded, ptrdiff_t nb,
                                 double *gram, ptrdiff_t width, ptrdiff_t row0, ptrdiff_t col0) {
    // Pointers to the columns and Gram columns a tile has only (the others could lie past the arrays).
    const double *a1 = a0 + stride, *a2 = a1 + stride;
    double *g0 = gram + row0 + col0 * width;
    const v4d zero = {0, 0, 0, 0};
    if (nb == 3) {
        const double *b1 = b0 + stride, *b2 = b1 + stride;
        double *g1 = g0 + width, *g2 = g1 + width;
        v4d s00 = zero, s01 = zero, s02 = zero, s10 = zero, s11 = zero, s12 = zero, s20 = zero, s21 = zero, s22 = zero;
        for (ptrdiff_t i = 0; i < rounded; i += 4) {
            const v4d x0 = PS_LOAD(a0 + i), x1 = PS_LOAD(a1 + i), x2 = PS_LOAD(a2 + i);
            const v4d y0 = PS_LOAD(b0 + i), y1 = PS_LOAD(b1 + i), y2 = PS_LOAD(b2 + i);
            s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2;
            s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2;
            s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2;
        }
        g0[0] += PS_HORIZONTAL(s00); g0[1] += PS_HORIZONTAL(s10); g0[2] += PS_HORIZONTAL(s20);
        g1[0] += PS_HORIZONTAL(s01); g1[1] += PS_HORIZONTAL(s11); g1[2] += PS_HORIZONTAL(s21);
        g2[0] += PS_HORIZONTAL(s02); g2[1] += PS_HORIZONTAL(s12); g2[2] += PS_HORIZONTAL(s22);
    } else if (nb == 2) {
        const double *b1 = b0 + stride;
        double *g1 = g0 + width;
        v4d s00 = zero, s01 = zero, s10 = zero, s11 = zero, s20 = zero, s21 = zero;
        for (ptrdiff_t i = 0; i < rounded; i += 4) {
            const v4d x0 = PS_LOAD(a0 + i), x1 = PS_LOAD(a1 + i), x2 = PS_LOAD(a2 + i);
            const v4d y0 = PS_LOAD(b0 + i), y1 = PS_LOAD(b1 + i);
            s00 += x0 * y0; s01 += x0 * y1;
            s10 += x1 * y0; s11 += x1 * y1;
            s20 += x2 * y0; s21 += x2 * y1;
        }
        g0[0] += PS_HORIZONTAL(s00); g0[1] += PS_HORIZONTAL(s10); g0[2] += PS_HORIZONTAL(s20);
        g1[0] += PS_HORIZONTAL(s01); g1[1] += PS_HORIZONTAL(s11); g1[2] += PS_HORIZONTAL(s21);
    } else {
        v4d s00 = zero, s10 = zero, s20 = zero;
        for (ptrdiff_t i = 0; i < rounded; i += 4) {
            const v4d x0 = PS_LOAD(a0 + i), x1 = PS_LOAD(a1 + i), x2 = PS_LOAD(a2 + i), y0 = PS_LOAD(b0 + i);
            s00 += x0 * y0; s10 += x1 * y0; s20 += x2 * y0;
        }
        g0[0] += PS_HORIZONTAL(s00); g0[1] += PS_HORIZONTAL(s10); g0[2] += PS_HORIZONTAL(s20);
    }
}

/// Adds the upper triangle of the Gram matrix of the `n` (1 to 3) columns from a0 (columns
/// d0…d0 + n − 1) over `rounded` rows: only the entries r ≤ c are formed (six for n = 3).
static inline void PS(gram_diagonal)(const double *a0, ptrdiff_t stride, ptrdiff_t rounded, ptrdiff_t n, double *gram,
                                     ptrdiff_t width, ptrdiff_t d0) {
    double *g0 = gram + d0 + d0 * width;
    const v4d zero = {0, 0, 0, 0};
    if (n == 3) {
        const double *a1 = a0 + stride, *a2 = a1 + stride;
        double *g1 = g0 + width, *g2 = g1 + width;
        v4d s00 = zero, s01 = zero, s02 = zero, s11 = zero, s12 = zero, s22 = zero;
        for (ptrdiff_t i = 0; i < rounded; i += 4) {
            const v4d x0 = PS_LOAD(a0 + i), x1 = PS_LOAD(a1 + i), x2 = PS_LOAD(a2 + i);
            s00 += x0 * x0; s01 += x0 * x1; s02 += x0 * x2;
            s11 += x1 * x1; s12 += x1 * x2; s22 += x2 * x2;
        }
        g0[0] += PS_HORIZONTAL(s00);
        g1[0] += PS_HORIZONTAL(s01); g1[1] += PS_HORIZONTAL(s11);
        g2[0] += PS_HORIZONTAL(s02); g2[1] += PS_HORIZONTAL(s12); g2[2] += PS_HORIZONTAL(s22);
    } else if (n == 2) {
        const double *a1 = a0 + stride;
        double *g1 = g0 + width;
        v4d s00 = zero, s01 = zero, s11 = zero;
        for (ptrdiff_t i = 0; i < rounded; i += 4) {
            const v4d x0 = PS_LOAD(a0 + i), x1 = PS_LOAD(a1 + i);
            s00 += x0 * x0; s01 += x0 * x1; s11 += x1 * x1;
        }
        g0[0] += PS_HORIZONTAL(s00);
        g1[0] += PS_HORIZONTAL(s01); g1[1] += PS_HORIZONTAL(s11);
    } else {
        v4d s00 = zero;
        for (ptrdiff_t i = 0; i < rounded; i += 4) {
            const v4d x0 = PS_LOAD(a0 + i);
            s00 += x0 * x0;
        }
        g0[0] += PS_HORIZONTAL(s00);
    }
}

static void PS(gram_accumulate)(double *block, ptrdiff_t stride, ptrdiff_t width, ptrdiff_t paddedWidth,
                                ptrdiff_t rows, double *gram) {
    (void)paddedWidth;
    if (rows <= 0) return;
    ptrdiff_t rounded = (rows + 3) & ~(ptrdiff_t)3;
    for (ptrdiff_t j = 0; j < width; j++)
        for (ptrdiff_t i = rows; i < rounded; i++) block[j * stride + i] = 0;
    // The columns in groups of three (the last of one to three): each pair of groups is a tile of
    // the Gram matrix kept in registers, and a group with itself forms only its upper triangle, so
    // every entry r ≤ c is formed once (66 multiply–adds per row for 11 columns, not the 90 of
    // 3 × 3 tiles over 12 padded columns).
    const ptrdiff_t groups = (width + 2) / 3;
    for (ptrdiff_t tb = 0; tb < groups; tb++) {
        const ptrdiff_t nb = tb == groups - 1 ? width - 3 * tb : 3;
        for (ptrdiff_t ta = 0; ta < tb; ta++)
            PS(gram_tile)(block + 3 * ta * stride, block + 3 * tb * stride, stride, rounded, nb, gram, width, 3 * ta,
                          3 * tb);
        PS(gram_diagonal)(block + 3 * tb * stride, stride, rounded, nb, gram, width, 3 * tb);
    }
}

/// target[i] = x[i] − m for i < n, and with `accumulated`: accumulated[i] = target[i] (`first`) or
/// accumulated[i] += target[i]. target and x do not overlap; accumulated overlaps neither.
static inline void PS(centre_accumulating)(double *target, const double *x, double m, double *accumulated,
                                           int first, ptrdiff_t n) {
    if (n < 4) {
#pragma clang loop vectorize(disable) unroll(disable)
        for (ptrdiff_t i = 0; i < n; i++) {
            const double t = x[i] - m;
            target[i] = t;
            if (accumulated != NULL) accumulated[i] = first ? t : accumulated[i] + t;
        }
        return;
    }
    const v4d mv = {m, m, m, m};
    if (accumulated == NULL) {
        for (ptrdiff_t i = 0; i + 4 <= n; i += 4) PS_STORE(target + i, PS_LOAD(x + i) - mv);
        PS_STORE(target + n - 4, PS_LOAD(x + n - 4) - mv);
    } else if (first) {
        for (ptrdiff_t i = 0; i + 4 <= n; i += 4) {
            const v4d t = PS_LOAD(x + i) - mv;
            PS_STORE(target + i, t);
            PS_STORE(accumulated + i, t);
        }
        const v4d t = PS_LOAD(x + n - 4) - mv;
        PS_STORE(target + n - 4, t);
        PS_STORE(accumulated + n - 4, t);
    } else {
        // The last vector's sums are formed before the body adds to the rows it overlaps.
        const v4d tailTerms = PS_LOAD(x + n - 4) - mv, tail = PS_LOAD(accumulated + n - 4) + tailTerms;
        for (ptrdiff_t i = 0; i + 4 <= n; i += 4) {
            const v4d t = PS_LOAD(x + i) - mv;
            PS_STORE(target + i, t);
            PS_STORE(accumulated + i, PS_LOAD(accumulated + i) + t);
        }
        PS_STORE(target + n - 4, tailTerms);
        PS_STORE(accumulated + n - 4, tail);
    }
}

/// Entities of a run taken together in pass 1: at most this many (a longer run is cut).
#define PS_MOMENTS_CHUNK 256

/// The end of the group that starts at entity g: the entities after it, before `limit`, of the same
/// size and (with `codes`) the same sequence of codes.
static inline ptrdiff_t PS(group_end)(const ptrdiff_t *starts, const int32_t *codes, ptrdiff_t g, ptrdiff_t limit) {
    const ptrdiff_t size = starts[g + 1] - starts[g];
    const int32_t *pattern = codes != NULL ? codes + starts[g] : NULL;
    ptrdiff_t end = g + 1;
    while (end < limit && starts[end + 1] - starts[end] == size &&
           (pattern == NULL || memcmp(codes + starts[end], pattern, (size_t)size * sizeof(int32_t)) == 0))
        end++;
    return end;
}

/// Pass 1 in column j for the entities g..<end of one group, which all have `size` rows (with
/// `scatter`, the same level sequence too): each entity's mean from the column, its rows written
/// demeaned into the block (and, for a group of several with `scatter`, summed position by
/// position), then the group's sums added to the level sums. `ahead` is the run's row count: the
/// rows that far on (the next run's, about) are prefetched. Always inlined: ``PS_BY_SIZE`` gives it
/// a constant `size` for the common entity sizes (see there).
static inline __attribute__((always_inline)) void PS(moments_group)(const PSMomentsRun *run, const ptrdiff_t *starts,
                                                                 ptrdiff_t first, ptrdiff_t g, ptrdiff_t end, ptrdiff_t j,
                                                                 ptrdiff_t r0, ptrdiff_t filled, int scatter,
                                                                 ptrdiff_t ahead, ptrdiff_t size) {
    const ptrdiff_t w = run->width, stride = run->stride;
    const double *source = run->columns[j] + r0;
    double *column = run->block + j * stride + filled;
    double *accumulated = run->patternSums + j * stride;
    const int together = scatter && end - g > 1;
    // Up to 16 rows, the group's position sums are made afterwards from the block, in registers.
    // Summed in memory while the rows are written, each entity's sums wait on the stores of the
    // one before: a chain through store forwarding that cost about 30 % of pass 1 on cached data.
    const int inRegisters = together && size >= 4 && size <= 16;
    const double inverseSize = 1.0 / (double)size;
    for (ptrdiff_t h = g; h < end; h++) {
        const ptrdiff_t offset = starts[h] - r0;
        // The hardware prefetcher loses the column's stream while the other columns are read; the
        // next run's rows asked for now, a little at each entity, arrive before they are needed
        // (a prefetch past the column's end is ignored, never a fault).
        __builtin_prefetch(source + offset + ahead);
        __builtin_prefetch(source + offset + ahead + 8);
        const double m = PS(sum)(source + offset, size) * inverseSize;
        run->means[(h - first) * w + j] = m;
        PS(centre_accumulating)(column + offset, source + offset, m, together && !inRegisters ? accumulated : NULL,
                                h == g, size);
    }
    if (inRegisters) {
        // Entity by entity in order (the same sums, in the same order, as accumulating while
        // writing): up to three whole vectors, and the vector that ends at the last row for the
        // rest (rows it shares with a whole vector get the same sums twice).
        const double *rows = column + (starts[g] - r0);
        const ptrdiff_t whole = size / 4, tail = size - 4;
        v4d sum0 = PS_LOAD(rows), sum1 = sum0, sum2 = sum0, sumTail = PS_LOAD(rows + tail);
        if (whole > 1) sum1 = PS_LOAD(rows + 4);
        if (whole > 2) sum2 = PS_LOAD(rows + 8);
        for (ptrdiff_t h = 1; h < end - g; h++) {
            const double *entity = rows + h * size;
            sum0 += PS_LOAD(entity);
            if (whole > 1) sum1 += PS_LOAD(entity + 4);
            if (whole > 2) sum2 += PS_LOAD(entity + 8);
            sumTail += PS_LOAD(entity + tail);
        }
        PS_STORE(accumulated, sum0);
        if (whole > 1) PS_STORE(accumulated + 4, sum1);
        if (whole > 2) PS_STORE(accumulated + 8, sum2);
        PS_STORE(accumulated + tail, sumTail);
    }
    if (scatter) {
        const int32_t *pattern = run->codes + starts[g];
        const double *sums = together ? accumulated : column + (starts[g] - r0);
        for (ptrdiff_t t = 0; t < size; t++) run->levelSums[(ptrdiff_t)pattern[t] * w + j] += sums[t];
    }
}

/// The entity sizes for which the group bodies are compiled with the size a constant (the kernels'
/// code for both instruction sets grows from 21 to 135 KB). An entity's rows are handled in loops of a few vectors; with
/// the size known, clang unrolls them and drops the branches on the size, which cost more than the
/// arithmetic in panels of about 10 periods. Measured with 10⁶ rows in entities of 10, K = 10:
/// under callgrind, pass 1 went from about 109 to 52 instructions per row and pass 2 from 151 to
/// 103. Together with the register sums and the prefetch in ``PS(moments_group)``, the library's
/// fit went from 46–47 to 36–37 ms (the Benchmarks package, p50 of 5, builds alternated twice).
/// Other sizes take the same body with the size a variable.
#define PS_SPECIALISED_SIZES(X) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) X(16)

/// `call(size)` with `size` a constant when it is one of ``PS_SPECIALISED_SIZES``, else `call(value)`.
#define PS_SIZE_CASE(T) case T: PS_BY_SIZE_CALL(T); break;
#define PS_BY_SIZE(value)                              \
    switch (value) {                                   \
        PS_SPECIALISED_SIZES(PS_SIZE_CASE)             \
        default: PS_BY_SIZE_CALL(value); break;        \
    }

static void PS(moments_run)(const PSMomentsRun *run, const ptrdiff_t *starts, ptrdiff_t first, ptrdiff_t last,
                            ptrdiff_t filled) {
    const ptrdiff_t w = run->width, r0 = starts[first], ahead = starts[last] - r0;
    const int scatter = run->codes != NULL && run->levelSums != NULL;
    // Consecutive entities of the same size (with the level sums: and the same sequence of levels;
    // in a balanced panel: all) form a group, taken together by one body of ``PS(moments_group)``;
    // with the level sums, their demeaned rows are summed position by position while they are
    // written, so the scatter to the levels is paid once per group. The groups are found once,
    // before the columns.
    ptrdiff_t groupEnds[PS_MOMENTS_CHUNK];
    for (ptrdiff_t chunk = first; chunk < last; chunk += PS_MOMENTS_CHUNK) {
        const ptrdiff_t chunkEnd = last - chunk < PS_MOMENTS_CHUNK ? last : chunk + PS_MOMENTS_CHUNK;
        ptrdiff_t groups = 0;
        for (ptrdiff_t g = chunk; g < chunkEnd;) {
            g = PS(group_end)(starts, scatter ? run->codes : NULL, g, chunkEnd);
            groupEnds[groups++] = g;
        }
        // Column by column (one stream at a time: rows read across the column arrays would alias in
        // the L1 cache), each entity's values are summed from the column and written demeaned into
        // the block from row `filled` in one more read of the same, now cached, rows.
        for (ptrdiff_t j = 0; j < w; j++) {
            ptrdiff_t g = chunk;
            for (ptrdiff_t q = 0; q < groups; q++) {
                const ptrdiff_t end = groupEnds[q];
#define PS_BY_SIZE_CALL(size) PS(moments_group)(run, starts, first, g, end, j, r0, filled, scatter, ahead, size)
                PS_BY_SIZE(starts[g + 1] - starts[g])
#undef PS_BY_SIZE_CALL
                g = end;
            }
        }
    }
}

/// The lane sums of four vectors as one: lane c is PS_HORIZONTAL(v_c), the same additions in the same order.
#define PS_HORIZONTAL4(v0, v1, v2, v3) ({                                                                  \
    const v4d p01_ = __builtin_shufflevector(v0, v1, 0, 4, 2, 6) + __builtin_shufflevector(v0, v1, 1, 5, 3, 7); \
    const v4d p23_ = __builtin_shufflevector(v2, v3, 0, 4, 2, 6) + __builtin_shufflevector(v2, v3, 1, 5, 3, 7); \
    __builtin_shufflevector(p01_, p23_, 0, 1, 4, 5) + __builtin_shufflevector(p01_, p23_, 2, 3, 6, 7);          \
})

/// For the four columns b, b + stride, b + 2·stride, b + 3·stride: lane c of `dots` is Σ a[i]·b_c[i]
/// and of `sums` Σ b_c[i], i < n (n ≥ 4); each the same sums as ``PS(dot_and_sum)``.
static inline void PS(dots_and_sums4)(const double *a, const double *b, ptrdiff_t stride, ptrdiff_t n, v4d *dots,
                                      v4d *sums) {
    const double *b1 = b + stride, *b2 = b1 + stride, *b3 = b2 + stride;
    v4d s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
    ptrdiff_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const v4d ai = PS_LOAD(a + i), c0 = PS_LOAD(b + i), c1 = PS_LOAD(b1 + i), c2 = PS_LOAD(b2 + i),
                  c3 = PS_LOAD(b3 + i);
        s0 += ai * c0; s1 += ai * c1; s2 += ai * c2; s3 += ai * c3;
        u0 += c0; u1 += c1; u2 += c2; u3 += c3;
    }
    if (i < n) {
        const ptrdiff_t l = n - 4;
        const v4d mask = PS_LOAD(ps_tail_mask[n - i]), ai = PS_LOAD(a + l);
        const v4d c0 = PS_LOAD(b + l) * mask, c1 = PS_LOAD(b1 + l) * mask, c2 = PS_LOAD(b2 + l) * mask,
                  c3 = PS_LOAD(b3 + l) * mask;
        s0 += ai * c0; s1 += ai * c1; s2 += ai * c2; s3 += ai * c3;
        u0 += c0; u1 += c1; u2 += c2; u3 += c3;
    }
    *dots = PS_HORIZONTAL4(s0, s1, s2, s3);
    *sums = PS_HORIZONTAL4(u0, u1, u2, u3);
}

/// One entity's residuals e[t] = (ỹ[t] − f[t]) − c[t] + γ̄ (also written to `out`) and the overall
/// R²'s a[t] = f[t] + (Πβ)[t] + shift, for t < n; returns Σ e[t]. The outputs overlap none of the inputs.
static inline double PS(residuals)(double *e, double *a, double *out, const double *yt, const double *f,
                                   const double *c, const double *piBeta, double gammaMean, double shift, ptrdiff_t n) {
    if (n < 4) {
        double total = 0;
#pragma clang loop vectorize(disable) unroll(disable)
        for (ptrdiff_t t = 0; t < n; t++) {
            const double residual = (yt[t] - f[t]) - c[t] + gammaMean;
            e[t] = residual;
            out[t] = residual;
            a[t] = f[t] + piBeta[t] + shift;
            total += residual;
        }
        return total;
    }
    const v4d gm = {gammaMean, gammaMean, gammaMean, gammaMean}, sh = {shift, shift, shift, shift};
    v4d sum = {0, 0, 0, 0};
    ptrdiff_t t = 0;
    for (; t + 4 <= n; t += 4) {
        const v4d ft = PS_LOAD(f + t), residual = ((PS_LOAD(yt + t) - ft) - PS_LOAD(c + t)) + gm;
        PS_STORE(e + t, residual);
        PS_STORE(out + t, residual);
        PS_STORE(a + t, (ft + PS_LOAD(piBeta + t)) + sh);
        sum += residual;
    }
    if (t < n) {
        // The vector that ends at the last row: rows it shares with the body get the same values again.
        const ptrdiff_t l = n - 4;
        const v4d ft = PS_LOAD(f + l), residual = ((PS_LOAD(yt + l) - ft) - PS_LOAD(c + l)) + gm;
        PS_STORE(e + l, residual);
        PS_STORE(out + l, residual);
        PS_STORE(a + l, (ft + PS_LOAD(piBeta + l)) + sh);
        sum += residual * PS_LOAD(ps_tail_mask[n - t]);
    }
    return PS_HORIZONTAL(sum);
}

/// Pass 2 for the entities g..<end of one group, which all have `size` rows (with the second
/// factor, the same level sequence too), of the run that starts at row r0 (`first` its first
/// entity); `ahead` is the run's row count (how far on the rows are prefetched). Always inlined,
/// with a constant `size` for the common sizes (``PS_BY_SIZE``).
static inline __attribute__((always_inline)) void PS(residual_group)(const PSResidualRun *run, const ptrdiff_t *starts,
                                                                  ptrdiff_t g, ptrdiff_t end, ptrdiff_t first,
                                                                  ptrdiff_t r0, double *scores, ptrdiff_t scoreStride,
                                                                  ptrdiff_t scoreRow, ptrdiff_t ahead, ptrdiff_t size) {
    const ptrdiff_t k = run->kept, p = k + 1, stride = run->stride;
    // Scratch columns: u (k), ỹ, x̃ᵀβ, e, a, then per position of a level pattern Π_t (k), c_t, (Πβ)_t.
    double *const block = run->block, *const yt = block + k * stride, *const fit = yt + stride, *const e = fit + stride,
                 *const a = e + stride, *const piColumns = a + stride, *const levelShift = piColumns + k * stride,
                 *const piBeta = levelShift + stride;
    const int32_t *codes = run->codes;
    const double *gamma = run->gamma, *pi = run->pi, *beta = run->beta;
    const int second = codes != NULL && gamma != NULL && pi != NULL;
    double gammaMean = 0;
    if (second) {
        const int32_t *pattern = codes + starts[g];
        for (ptrdiff_t t = 0; t < size; t++) {
            const double *level = pi + (ptrdiff_t)pattern[t] * k;
            double product = 0;
            for (ptrdiff_t j = 0; j < k; j++) {
                piColumns[j * stride + t] = level[j];
                product += level[j] * beta[j];
            }
            piBeta[t] = product;
            levelShift[t] = gamma[pattern[t]] + product;
            gammaMean += gamma[pattern[t]];
        }
        gammaMean /= (double)size;
    } else {
        for (ptrdiff_t t = 0; t < size; t++) piBeta[t] = levelShift[t] = 0;
    }
    const double inverseSize = 1.0 / (double)size;
    for (ptrdiff_t j = 0; j <= k; j++) {
        const double *column = run->columns[j];
        double *target = block + j * stride;
        const double *level = piColumns + j * stride;
        for (ptrdiff_t h = g; h < end; h++) {
            const ptrdiff_t row = starts[h], position = row - r0;
            // The entity's mean as ``PS(moments_group)`` made it in pass 1 (same sum, same order).
            const double m = PS(sum)(column + row, size) * inverseSize;
            run->means[(h - first) * p + j] = m;
            // As in pass 1 (``PS(moments_group)``): the next run's rows of this column, asked for
            // now. Without it each run's short streams (a few KB per column) wait on memory: on
            // 10⁶ rows, one thread, this kernel went from 14–15 to 10 ns per row.
            __builtin_prefetch(column + row + ahead);
            __builtin_prefetch(column + row + ahead + 8);
            PS(centre)(target + position, column + row, m, second && j < k ? level : NULL, size);
        }
    }
    const ptrdiff_t groupStart = starts[g] - r0, groupRows = starts[end] - starts[g];
    for (ptrdiff_t q = groupStart; q < groupStart + groupRows; q++) fit[q] = 0;
    for (ptrdiff_t j = 0; j < k; j++) {
        const double b = beta[j], *u = block + j * stride;
        for (ptrdiff_t q = groupStart; q < groupStart + groupRows; q++) fit[q] += b * u[q];
    }
    for (ptrdiff_t h = g; h < end; h++) {
        const ptrdiff_t row = starts[h], position = row - r0;
        const double *mean = run->means + (h - first) * p;
        double meanFit = 0;
        for (ptrdiff_t j = 0; j < k; j++) meanFit += beta[j] * mean[j];
        run->effects[h] = mean[k] - meanFit - gammaMean;
        const double shift = meanFit - run->xbMean;
        // e = ỹ − x̃ᵀβ − (γ_t − γ̄_i); a = x̃ᵀβ + x̄_iᵀβ − m_xb (the overall R²'s fitted value, centred).
        const double total = PS(residuals)(e + position, a + position, run->residuals + row, yt + position,
                                           fit + position, levelShift, piBeta, gammaMean, shift, size);
        if (scores == NULL) continue;
        // s = Σ_t e·[1, ẍ] = [Σ e, Σ e u − ū Σ e].
        const ptrdiff_t r = scoreRow + (h - first);
        scores[r] = total;
        const double meanResidual = total / (double)size;
        ptrdiff_t j = 0;
        if (size >= 4) {
            for (; j + 4 <= k; j += 4) {
                v4d dots, sums;
                PS(dots_and_sums4)(e + position, block + j * stride + position, stride, size, &dots, &sums);
                const v4d sv = dots - sums * (v4d){meanResidual, meanResidual, meanResidual, meanResidual};
                for (ptrdiff_t c = 0; c < 4; c++) scores[(j + c + 1) * scoreStride + r] = sv[c];
            }
        }
        for (; j < k; j++) {
            double sum;
            const double s = PS(dot_and_sum)(e + position, block + j * stride + position, size, &sum);
            scores[(j + 1) * scoreStride + r] = s - sum * meanResidual;
        }
    }
}

static void PS(residual_run)(const PSResidualRun *run, const ptrdiff_t *starts, ptrdiff_t first, ptrdiff_t last,
                             PSResidualSums *sums, double *scores, ptrdiff_t scoreStride, ptrdiff_t scoreRow) {
    const ptrdiff_t k = run->kept, stride = run->stride, r0 = starts[first], n = starts[last] - r0;
    double *const e = run->block + (k + 2) * stride, *const a = e + stride;
    const double *y = run->columns[k];
    const int second = run->codes != NULL && run->gamma != NULL && run->pi != NULL;
    // Entities of the same size with the same sequence of levels (in a balanced panel: all) are
    // taken together: their Π_t, γ_t + (Πβ)_t and γ̄ are looked up once. With u = x̃ − Π_t (x̃ formed
    // first: exact for large means), ẍ = u − ū_i (the entity mean of x̃ is 0, so Π̄_i = −ū_i) and
    // x̃ᵀβ = uᵀβ + (Πβ)_t.
    ptrdiff_t g = first;
    while (g < last) {
        const ptrdiff_t size = starts[g + 1] - starts[g], end = PS(group_end)(starts, second ? run->codes : NULL, g, last);
#define PS_BY_SIZE_CALL(size) PS(residual_group)(run, starts, g, end, first, r0, scores, scoreStride, scoreRow, n, size)
        PS_BY_SIZE(size)
#undef PS_BY_SIZE_CALL
        g = end;
    }
    // RSS and the overall R²'s sums over the run, in four lanes.
    v4d rss = {0, 0, 0, 0}, xy = rss, xx = rss, yy = rss;
    const v4d yMean = {run->yMean, run->yMean, run->yMean, run->yMean};
    const double *yRun = y + r0;
    ptrdiff_t q = 0;
    for (; q + 4 <= n; q += 4) {
        const v4d eq = PS_LOAD(e + q), aq = PS_LOAD(a + q), cq = PS_LOAD(yRun + q) - yMean;
        rss += eq * eq;
        xy += aq * cq;
        xx += aq * aq;
        yy += cq * cq;
    }
    double rssSum = PS_HORIZONTAL(rss), xySum = PS_HORIZONTAL(xy), xxSum = PS_HORIZONTAL(xx), yySum = PS_HORIZONTAL(yy);
    for (; q < n; q++) {
        const double c = yRun[q] - run->yMean;
        rssSum += e[q] * e[q];
        xySum += a[q] * c;
        xxSum += a[q] * a[q];
        yySum += c * c;
    }
    sums->rss += rssSum;
    sums->xy += xySum;
    sums->xx += xxSum;
    sums->yy += yySum;
}
