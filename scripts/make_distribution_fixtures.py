#!/usr/bin/env python3
# oracle: scipy==1.17.1, numpy==2.4.6; second oracle: mpmath==1.3.0 (40-digit working precision)
"""Writes Tests/DistributionsTests/Fixtures/*.csv: reference values of the t, F, normal and chi-square
distributions (pdf, cdf, sf, quantile = scipy's ppf, isf) and of the special functions (betainc, betaincc,
betaincinv, betainccinv, gammainc, gammaincc, gammaincinv, gammainccinv).

Run from the repository root:  python3 scripts/make_distribution_fixtures.py [normal student_t chi_square
fisher_f special_functions]   (all of them by default; 10-30 minutes, mostly mpmath at large degrees of freedom)

Each row is `function,param1,param2,argument,scipy,mpmath`:
- `scipy` is the value scipy 1.17.1 returns (scipy.stats / scipy.special), the primary oracle;
- `mpmath` is the same quantity from mpmath 1.3.0 at 40-digit working precision (good to well over 20
  digits; quantiles are accepted only when they reproduce the target to 1e-21), rounded to double. It is
  there because scipy itself is not accurate to 1e-12 everywhere (e.g. scipy's t.cdf(-1e-8, 1) is off by
  1e-9 relative, f.cdf(1e20, 1, 1) returns 1.0 instead of 1 - 6.4e-11, t.isf(1e-300, 0.5) returns
  4.7e153 where the true value, ~1e600, overflows), so the tests can say which of two disagreeing
  oracles is right. The mpmath values use formulas chosen to be free of cancellation: the small side of
  every probability directly, the incomplete beta function as the positive-term Euler series
  x^a (1-x)^b / (a B(a,b)) 2F1(a+b, 1; a+1; x) on the side below the mean, the incomplete gamma functions
  by Kummer's positive series below the mean and mpmath's upper gammainc above; quantiles by Newton's
  method in 40-digit arithmetic on the log of the small tail, started at scipy's value, with a bisection
  fallback where scipy's value is NaN, infinite or far off.
Floats are written with repr (17 significant digits, round-trip exact). Points whose mpmath value is
below 1e-300 in magnitude (subnormal or underflowing) are left out.
"""
import csv
import math
import os
import sys

import mpmath as mp
import numpy as np
import scipy
from scipy import special, stats

PINNED = {"scipy": "1.17.1", "numpy": "2.4.6", "mpmath": "1.3.0"}
FOUND = {"scipy": scipy.__version__, "numpy": np.__version__, "mpmath": mp.__version__}
if FOUND != PINNED:
    sys.exit(f"oracle versions {FOUND} differ from the pinned {PINNED}")

mp.mp.dps = 40
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "DistributionsTests", "Fixtures")
HALF = mp.mpf(1) / 2
DOUBLE_MAX = mp.mpf(sys.float_info.max)

# Probabilities at which quantile and isf are checked (the brief's list plus intermediate points).
PROBABILITIES = [1e-300, 1e-250, 1e-200, 1e-100, 1e-50, 1e-15, 1e-10, 1e-6, 1e-3, 0.025, 0.1, 0.25, 0.3,
                 0.45, 0.49999, 0.5, 0.50001, 0.7, 0.75, 0.9, 0.975, 0.999, 1 - 1e-6, 1 - 1e-10]


# ---------------------------------------------------------------- mpmath special functions (small side)

def beta_lower(a, b, x, y):
    """I_x(a, b) (y = 1 - x) by the Euler-transformed hypergeometric series (all terms positive)."""
    if x <= 0:
        return mp.mpf(0)
    if y <= 0:
        return mp.mpf(1)
    log_prefactor = a * mp.log(x) + b * mp.log(y) - mp.log(a) - mp.log(mp.beta(a, b))
    if log_prefactor < -1000:
        # Below the double range whatever the (moderate, x < mean) hypergeometric factor; mpmath's hyp2f1
        # would spend minutes proving the value tiny.
        return mp.mpf(0)
    return mp.exp(log_prefactor) * mp.hyp2f1(a + b, 1, a + 1, x, maxterms=10**7)


def beta_pair(a, b, x, y):
    """(I_x(a,b), 1 - I_x(a,b)), the side below the mean computed directly; x and y = 1 - x are mpf's,
    both passed so that neither is formed by a subtraction that 40 digits cannot resolve."""
    if x < a / (a + b):
        value = beta_lower(a, b, x, y)
        return value, 1 - value
    complement = beta_lower(b, a, y, x)
    return 1 - complement, complement


def gamma_pair(a, x):
    """(P(a,x), Q(a,x)): below the mean a, P by Kummer's positive-term series
    x^a e^-x / Gamma(a+1) 1F1(1; a+1; x); above it, Q from mpmath's upper gammainc, checked against the
    Kummer value of P (P + Q = 1 to 30 digits) where Q is not too small for that check."""
    if x <= 0:
        return mp.mpf(0), mp.mpf(1)
    if x < a:
        p = kummer_lower(a, x)
        return p, 1 - p
    q = mp.gammainc(a, x, mp.inf, regularized=True)
    if q > 1e-8 and abs(kummer_lower(a, x) + q - 1) > mp.mpf(10) ** -30:
        sys.exit(f"mpmath upper gamma and Kummer's series disagree at a={a}, x={x}")
    return 1 - q, q


def kummer_lower(a, x):
    log_prefactor = a * mp.log(x) - x - mp.loggamma(a + 1)
    if log_prefactor < -1000:
        return mp.mpf(0)
    return mp.exp(log_prefactor) * mp.hyp1f1(1, a + 1, x, maxterms=10**7)


# ---------------------------------------------------------------- mpmath distributions

class MpNormal:
    def __init__(self, loc, scale):
        self.loc, self.scale = mp.mpf(loc), mp.mpf(scale)
        self.median = self.loc

    def pdf(self, x):
        z = (mp.mpf(x) - self.loc) / self.scale
        return mp.npdf(z) / self.scale

    def cdf(self, x):
        return mp.ncdf((mp.mpf(x) - self.loc) / self.scale)

    def sf(self, x):
        return mp.ncdf(-(mp.mpf(x) - self.loc) / self.scale)


class MpT:
    def __init__(self, df):
        self.df = mp.mpf(df)
        self.a = self.df / 2
        self.median = mp.mpf(0)

    def pdf(self, x):
        x = mp.mpf(x)
        return mp.exp(-(self.df + 1) / 2 * mp.log1p(x * x / self.df) - mp.log(self.df) / 2
                      - mp.log(mp.beta(self.a, HALF)))

    def upper(self, x):  # P(T > x) for x >= 0 as (tail, central = P(0 < T <= x))
        x = mp.mpf(x)
        outside, inside = beta_pair(self.a, HALF, self.df / (self.df + x * x), x * x / (self.df + x * x))
        return outside / 2, inside / 2

    def cdf(self, x):
        if x < 0:
            return self.upper(-x)[0]
        return HALF + self.upper(x)[1]

    def sf(self, x):
        if x > 0:
            return self.upper(x)[0]
        return HALF + self.upper(-x)[1]


class MpChi2:
    def __init__(self, df):
        self.df = mp.mpf(df)
        self.median = self.df * (1 - mp.mpf(2) / (9 * self.df)) ** 3

    def pdf(self, x):
        x, k = mp.mpf(x), self.df
        return mp.exp((k / 2 - 1) * mp.log(x) - x / 2 - k / 2 * mp.log(2) - mp.loggamma(k / 2))

    def cdf(self, x):
        return gamma_pair(self.df / 2, mp.mpf(x) / 2)[0]

    def sf(self, x):
        return gamma_pair(self.df / 2, mp.mpf(x) / 2)[1]


class MpF:
    def __init__(self, d1, d2):
        self.d1, self.d2 = mp.mpf(d1), mp.mpf(d2)
        self.median = mp.mpf(1)

    def pdf(self, x):
        x, d1, d2 = mp.mpf(x), self.d1, self.d2
        return mp.exp(d1 / 2 * mp.log(d1 / d2) + (d1 / 2 - 1) * mp.log(x) - (d1 + d2) / 2 * mp.log1p(d1 * x / d2)
                      - mp.log(mp.beta(d1 / 2, d2 / 2)))

    def pair(self, x):
        x = mp.mpf(x)
        w = self.d1 * x
        return beta_pair(self.d1 / 2, self.d2 / 2, w / (w + self.d2), self.d2 / (w + self.d2))

    def cdf(self, x):
        return self.pair(x)[0]

    def sf(self, x):
        return self.pair(x)[1]


def mp_root(function, derivative, target, start, increasing, median, positive_support, scale=mp.mpf(10) ** -300):
    """x with function(x) = target (function monotone), by Newton on log function from `start` (converged
    when a step is below 1e-24 of max(|x|, scale)); if that
    fails (scipy's start is NaN, infinite or far off), bisection on x = median ± exp(s) to ~1e-15, then
    Newton again. Returns an mpf (possibly beyond the double range)."""
    target = mp.mpf(target)
    log_target = mp.log(target)
    tolerance = mp.mpf(10) ** -24  # far below double precision, above mpmath's hypergeometric noise

    def newton(x):
        for _ in range(60):
            g = function(x)
            if not g > 0:
                return None
            slope = derivative(x) / g * (1 if increasing else -1)
            step = (mp.log(g) - log_target) / slope
            x_new = x - step
            if positive_support and x_new <= 0:
                return None
            if abs(step) <= tolerance * max(abs(x_new), scale):
                return x_new if abs(function(x_new) / target - 1) < mp.mpf(10) ** -21 else None
            x = x_new
        return None

    if start is not None and math.isfinite(start) and (start > 0 or not positive_support):
        root = newton(mp.mpf(start))
        if root is not None:
            return root
    # Bisection fallback: below the median if the cdf side is below it, else above.
    below = (increasing and target < function(median)) or (not increasing and target > function(median))
    sign = -1 if below else 1
    lo, hi = mp.mpf(-800), mp.mpf(1500)

    def point(s):  # moves away from the median as s grows
        if positive_support and below:
            return median / (1 + mp.exp(s))
        return median + sign * mp.exp(s)

    def too_far(s):  # True when point(s) lies beyond the root (away from the median)
        g = function(point(s))
        return g < target if (increasing == below) else g > target

    for _ in range(72):
        mid = (lo + hi) / 2
        if too_far(mid):
            hi = mid
        else:
            lo = mid
    x = point((lo + hi) / 2)
    if abs(x) > DOUBLE_MAX * 2:
        return x  # beyond the double range: precision is irrelevant
    root = newton(x)
    if root is None:
        print(f"  no 40-digit convergence for target {mp.nstr(target, 17)} near {mp.nstr(x, 17)}; point left out")
        return mp.nan
    return root


def to_double(value):
    if mp.isinf(value) or abs(value) > DOUBLE_MAX:
        return math.copysign(math.inf, float(mp.sign(value)))
    return float(value)


class Writer:
    def __init__(self, name):
        self.path = os.path.join(OUT, name)
        self.rows = []

    def add(self, function, p1, p2, argument, scipy_value, reference):
        if mp.isnan(reference) or (reference != 0 and abs(reference) < mp.mpf(10) ** -300):
            return  # left out: no reference, or a subnormal / underflowing true value
        reference = to_double(reference)
        scipy_value = float(scipy_value)
        self.rows.append((function, repr(float(p1)), "" if p2 is None else repr(float(p2)),
                          repr(float(argument)), repr(scipy_value), repr(reference)))

    def save(self):
        with open(self.path, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["function", "param1", "param2", "argument", "scipy", "mpmath"])
            w.writerows(self.rows)
        counts, disagreements = {}, {}
        for row in self.rows:
            counts[row[0]] = counts.get(row[0], 0) + 1
            s, m = float(row[4]), float(row[5])
            if s != m and (m == 0 or math.isinf(m) or abs(s - m) > 1e-13 * abs(m)):
                disagreements[row[0]] = disagreements.get(row[0], 0) + 1
        print(os.path.basename(self.path), "points:", counts, "scipy vs mpmath > 1e-13:", disagreements)


def add_forward(writer, scipy_dist, mp_dist, p1, p2, x):
    writer.add("pdf", p1, p2, x, scipy_dist.pdf(x), mp_dist.pdf(x))
    writer.add("cdf", p1, p2, x, scipy_dist.cdf(x), mp_dist.cdf(x))
    writer.add("sf", p1, p2, x, scipy_dist.sf(x), mp_dist.sf(x))


def add_quantiles(writer, scipy_dist, mp_dist, p1, p2, positive_support, probabilities=PROBABILITIES):
    for p in probabilities:
        exact = mp.mpf(p)
        for function in ("quantile", "isf"):
            scipy_value = scipy_dist.ppf(p) if function == "quantile" else scipy_dist.isf(p)
            lower = (exact <= HALF) == (function == "quantile")  # solve on the cdf side?
            target = exact if exact <= HALF else 1 - exact  # the small side, exactly
            if target == 0:
                continue
            if lower:
                root = mp_root(mp_dist.cdf, mp_dist.pdf, target, scipy_value, True, mp_dist.median, positive_support)
            else:
                root = mp_root(mp_dist.sf, mp_dist.pdf, target, scipy_value, False, mp_dist.median, positive_support)
            if exact == HALF and isinstance(mp_dist, (MpT, MpNormal)):
                root = mp_dist.median
            writer.add(function, p1, p2, p, scipy_value, root)


def normal():
    w = Writer("normal.csv")
    z = sorted(set(np.round(np.linspace(-38, 38, 191), 12).tolist()
                   + [0.0, 1e-300, -1e-300, 1e-10, -1e-10, 1e-3, -1e-3, 0.5, -0.5, 1.959963984540054,
                      -1.959963984540054, 37.5, -37.5, 37.9, -37.9]))
    extra = [10.0 ** -k for k in range(1, 308, 3)] + [1 - 10.0 ** -k for k in range(1, 16)]
    for loc, scale in [(0.0, 1.0), (3.0, 2.0), (-1000.0, 0.5), (1e6, 1e3)]:
        dist, reference = stats.norm(loc, scale), MpNormal(loc, scale)
        grid = z if (loc, scale) == (0.0, 1.0) else z[::6]
        for zi in grid:
            add_forward(w, dist, reference, loc, scale, loc + scale * zi)
        probabilities = PROBABILITIES + extra if (loc, scale) == (0.0, 1.0) else PROBABILITIES
        add_quantiles(w, dist, reference, loc, scale, False, probabilities)
    w.save()


T_DF = [0.5, 1, 1.5, 2, 2.5, 3, 4.7, 5, 10, 29.5, 30, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e10]
T_X = [0.0, 1e-8, 0.1, 0.5, 1, 1.5, 1.96, 2.5, 3, 5, 8, 10, 20, 37, 38, 50, 100, 300, 1000, 1e4, 1e6, 1e10, 1e100]


def student_t():
    w = Writer("t.csv")
    for df in T_DF:
        dist, reference = stats.t(df), MpT(df)
        for x in T_X:
            for xs in ([x] if x == 0 else [x, -x]):
                add_forward(w, dist, reference, df, None, xs)
        add_quantiles(w, dist, reference, df, None, False)
    w.save()


CHI2_DF = [0.5, 1, 2, 3, 5, 7.5, 10, 30, 100, 1000, 1e4, 1e5]


def chi_square():
    w = Writer("chi2.csv")
    for df in CHI2_DF:
        dist, reference = stats.chi2(df), MpChi2(df)
        xs = {1e-10, 1e-3, 0.5, 1, 3.84, 10, 50, 100, 500, 1000, 1400}
        xs |= {df * r for r in (1e-6, 1e-3, 0.01, 0.1, 0.5, 0.9, 1, 1.1, 2, 5, 10)}
        xs |= {df + k * math.sqrt(2 * df) for k in (-30, -10, -3, -1, 1, 3, 10, 30, 37)}
        for x in sorted(v for v in xs if v > 0):
            add_forward(w, dist, reference, df, None, x)
        add_quantiles(w, dist, reference, df, None, True)
    w.save()


F_DF = [(1, 1), (1, 10), (2, 5), (3, 7.5), (5, 2), (10, 10), (1, 1000), (4, 1e6), (10, 1e5), (100, 100),
        (1e3, 1e3), (1e6, 1e6), (0.5, 3), (20, 1)]


def fisher_f():
    w = Writer("f.csv")
    for d1, d2 in F_DF:
        dist, reference = stats.f(d1, d2), MpF(d1, d2)
        xs = {1e-10, 1e-5, 0.01, 0.1, 0.5, 0.9, 1, 1.1, 2, 3, 5, 10, 100, 1e4, 1e8, 1e20}
        spread = math.sqrt(2 / d1 + 2 / d2)
        xs |= {1 + k * spread for k in (-5, -3, -1, 1, 3, 5, 10, 37)}
        for x in sorted(v for v in xs if v > 0):
            add_forward(w, dist, reference, d1, d2, x)
        add_quantiles(w, dist, reference, d1, d2, True)
    w.save()


def special_functions():
    w = Writer("special.csv")
    for a, b in [(0.5, 0.5), (1, 1), (2, 3), (0.5, 50), (50, 0.5), (5, 1e6), (1e6, 5), (300, 400), (1e4, 1e4),
                 (0.1, 10), (7.5, 2.5)]:
        ma, mb = mp.mpf(a), mp.mpf(b)
        for x in (1e-30, 1e-10, 1e-3, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999999, a / (a + b)):
            value, complement = beta_pair(ma, mb, mp.mpf(x), 1 - mp.mpf(x))
            w.add("betainc", a, b, x, special.betainc(a, b, x), value)
            w.add("betaincc", a, b, x, special.betaincc(a, b, x), complement)

        # Inverses in the log-odds s = log(x/(1-x)), where the beta density is log-concave.
        def lower(s):
            return beta_pair(ma, mb, 1 / (1 + mp.exp(-s)), 1 / (1 + mp.exp(s)))[0]

        def upper(s):
            return beta_pair(ma, mb, 1 / (1 + mp.exp(-s)), 1 / (1 + mp.exp(s)))[1]

        def density(s):  # d/ds I = x^a y^b / B
            return mp.exp(-ma * mp.log1p(mp.exp(-s)) - mb * mp.log1p(mp.exp(s)) - mp.log(mp.beta(ma, mb)))

        for p in (1e-300, 1e-100, 1e-10, 0.01, 0.3, 0.5, 0.9, 0.999):
            for function, scipy_value in (("betaincinv", special.betaincinv(a, b, p)),
                                          ("betainccinv", special.betainccinv(a, b, p))):
                lower_side = (p <= 0.5) == (function == "betaincinv")
                target = mp.mpf(p) if p <= 0.5 else 1 - mp.mpf(p)
                start = None
                if 0 < scipy_value < 1:
                    start = float(mp.log(mp.mpf(scipy_value) / (1 - mp.mpf(scipy_value))))
                s = mp_root(lower if lower_side else upper, density, target, start, lower_side, mp.mpf(0), False,
                            scale=mp.mpf(1))  # log-odds: an absolute tolerance (the root may be 0)
                w.add(function, a, b, p, scipy_value, 1 / (1 + mp.exp(-s)))
    for a in (0.5, 1, 2.5, 10, 100, 1e4, 1e5):
        ma = mp.mpf(a)
        for x in (1e-10, 1e-3, 0.1, 1, a / 2, a, a + 1, 2 * a, a + 10 * math.sqrt(a), 5 * a + 50, 700):
            p, q = gamma_pair(ma, mp.mpf(x))
            w.add("gammainc", a, None, x, special.gammainc(a, x), p)
            w.add("gammaincc", a, None, x, special.gammaincc(a, x), q)
        gamma = MpChi2(2 * a)  # P(a, x) = chi2(2a).cdf(2x)
        for p in (1e-300, 1e-100, 1e-10, 0.01, 0.3, 0.5, 0.9, 0.999):
            for function, scipy_value in (("gammaincinv", special.gammaincinv(a, p)),
                                          ("gammainccinv", special.gammainccinv(a, p))):
                lower_side = (p <= 0.5) == (function == "gammaincinv")
                target = mp.mpf(p) if p <= 0.5 else 1 - mp.mpf(p)
                fn = gamma.cdf if lower_side else gamma.sf
                root = mp_root(fn, gamma.pdf, target, 2 * scipy_value, lower_side, gamma.median, True)
                w.add(function, a, None, p, scipy_value, root / 2)
    w.save()


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    only = sys.argv[1:]
    for job in (normal, student_t, chi_square, fisher_f, special_functions):
        if not only or job.__name__ in only:
            job()
