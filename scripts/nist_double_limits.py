#!/usr/bin/env python3
# What double precision *data* allow on NIST StRD: solves each least-squares problem exactly, in
# rational arithmetic, from the doubles a fit actually sees, and scores the exact solution against
# NIST's certified values (minimum log relative error, capped at 15). A fit that reaches these
# numbers has lost nothing to its arithmetic.
# oracle: CPython 3.11 standard library only (fractions, json, csv, math); no third-party package.
#
# Two variants per polynomial set:
#   powers  - the columns of NAME_powers.csv (correctly rounded powers of the decimal x), as the
#             numeric API is fed in NISTStRDTests' powers test;
#   formula - pow(fl(x), k) with the C library's pow (Python's float ** int), as the formula's
#             I(x^k) terms compute them.
# Run from the repository root: python3 scripts/nist_double_limits.py
import csv
import json
import math
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 60

FIXTURES = "Tests/RegressionTests/Fixtures/nist-strd/"


def read(path):
    with open(FIXTURES + path) as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    return {name: [float(r[j]) for r in body] for j, name in enumerate(header)}, header


def exact_fit(y, columns):
    n, k = len(y), len(columns)
    X = [[Fraction(c[i]) for c in columns] for i in range(n)]
    Y = [Fraction(v) for v in y]
    A = [[sum(X[i][a] * X[i][b] for i in range(n)) for b in range(k)] for a in range(k)]
    rhs = [sum(X[i][a] * Y[i] for i in range(n)) for a in range(k)]
    # Gauss-Jordan on [A | I | rhs] in exact arithmetic.
    M = [A[a] + [Fraction(int(a == b)) for b in range(k)] + [rhs[a]] for a in range(k)]
    for col in range(k):
        pivot = next(r for r in range(col, k) if M[r][col] != 0)
        M[col], M[pivot] = M[pivot], M[col]
        p = M[col][col]
        M[col] = [v / p for v in M[col]]
        for r in range(k):
            if r != col and M[r][col] != 0:
                f = M[r][col]
                M[r] = [a - f * b for a, b in zip(M[r], M[col])]
    beta = [M[a][-1] for a in range(k)]
    inverse = [[M[a][k + b] for b in range(k)] for a in range(k)]
    rss = sum((Y[i] - sum(X[i][j] * beta[j] for j in range(k))) ** 2 for i in range(n))
    return beta, inverse, rss, n - k


def exact_sqrt(x):
    """√x of a non-negative Fraction to 60 significant digits, as a Fraction."""
    root = (Decimal(x.numerator) / Decimal(x.denominator)).sqrt()
    return Fraction(root)


def lre(estimate, certified):
    c = Fraction(certified)
    estimate = Fraction(estimate)
    err = abs(estimate - c) / abs(c) if c != 0 else abs(estimate)
    if err == 0:
        return 15.0
    return min(15.0, max(0.0, -math.log10(err)))


def score(c, columns, y):
    beta, inverse, rss, df = exact_fit(y, columns)
    s2 = rss / df
    n = len(y)
    if c["intercept"]:
        mean = sum(Fraction(v) for v in y) / n
        tss = sum((Fraction(v) - mean) ** 2 for v in y)
    else:
        tss = sum(Fraction(v) ** 2 for v in y)
    coef = min(lre(b, s) for b, s in zip(beta, c["coef"]))
    se = min(lre(exact_sqrt(s2 * inverse[j][j]), c["se"][j]) for j in range(len(beta)))
    rsd = lre(exact_sqrt(s2), c["rsd"])
    r2 = lre(1 - rss / tss, c["r2"])
    return coef, se, rsd, r2


def main():
    certified = json.load(open(FIXTURES + "certified.json"))
    print("| dataset | variant | coefficients | SEs | residual SD | R² |")
    print("|---|---|---|---|---|---|")
    for name, c in certified.items():
        data, header = read(c["file"])
        y = data["y"]
        variants = []
        if c["degree"]:
            powers, pheader = read(c["powers_file"])
            cols = [powers[h] for h in pheader if h != "y"]
            variants.append(("powers", cols))
            x = data["x"]
            variants.append(("formula", [[v ** k for v in x] for k in range(1, c["degree"] + 1)]))
        else:
            variants.append(("data", [data[h] for h in header if h != "y"]))
        for label, cols in variants:
            if c["intercept"]:
                cols = [[1.0] * len(y)] + cols
            s = score(c, cols, y)
            print(f"| {name} | {label} | " + " | ".join(f"{v:.1f}" for v in s) + " |")


if __name__ == "__main__":
    main()
