#!/usr/bin/env python3
# oracle: pyfixest==0.60.0, pandas==3.1.1, numpy==2.4.6 (Python 3.11.7)
#
# Multi-way absorbed fixed effects. Writes to Tests/RegressionTests/Fixtures/fe/:
#   multiway.csv        12,000 rows; three crossed factors a, b, c with more than 1,000 levels each
#                       (drawn at random, so the levels are connected), a cluster variable g
#                       (300 levels), x1..x3, w (analytic weights) and y.
#   multiway_pyfixest.json
#                       pyfixest feols "y ~ x1 + x2 + x3 | a + b" and "| a + b + c" with fixef_rm="none",
#                       its default ssc (fixest's default: k_adj, k_fixef="nonnested", G_adj, G_df="min"),
#                       iid and CRV1 by g, by a (a FE nested in the cluster) and by g+a (two-way); the
#                       weighted two-way fit; fixef() of the iid fits (lsqr at 1e-14); demeaning by MAP with fixef_tol=1e-13 so that the oracle's
#                       own convergence error is far below the test tolerance.
#   components.csv / components.json
#                       a small two-FE design made of three disconnected blocks: the rank of the
#                       dummy matrix [D_a D_b] from numpy (an SVD), so that the redundant levels
#                       are G_a + G_b - rank (reghdfe counts them by connected components: 3 here).
# Run from the repository root: python3 scripts/fe_multiway.py
import json

import numpy as np
import pandas as pd
import pyfixest as pf
from pyfixest.demeaners import MapDemeaner

OUT = "Tests/RegressionTests/Fixtures/fe"


def generate():
    rng = np.random.default_rng(20240611)
    n = 12_000
    a = rng.integers(0, 1_200, n)
    b = rng.integers(0, 1_100, n)
    c = rng.integers(0, 1_050, n)
    g = rng.integers(0, 300, n)
    fa = rng.normal(0, 1.0, 1_200)
    fb = rng.normal(0, 1.0, 1_100)
    fc = rng.normal(0, 1.0, 1_050)
    x1 = rng.normal(size=n) + 0.5 * fa[a]
    x2 = rng.normal(size=n) - 0.3 * fb[b]
    x3 = rng.normal(size=n) + 0.2 * fc[c]
    w = rng.uniform(0.5, 2.0, n)
    y = 1.5 * x1 - 0.7 * x2 + 0.3 * x3 + fa[a] + fb[b] + fc[c] + rng.normal(size=n)
    return pd.DataFrame({"a": [f"a{k}" for k in a], "b": [f"b{k}" for k in b], "c": [f"c{k}" for k in c],
                         "g": g, "x1": x1, "x2": x2, "x3": x3, "w": w, "y": y})


def tidy(f):
    t = f.tidy()
    return {"params": {k: float(v) for k, v in t["Estimate"].items()},
            "std_errors": {k: float(v) for k, v in t["Std. Error"].items()},
            "p_values": {k: float(v) for k, v in t["Pr(>|t|)"].items()},
            "df_t": int(f._df_t), "nobs": int(f._N)}


def main():
    df = generate()
    df.to_csv(f"{OUT}/multiway.csv", index=False, float_format="%.17g")
    df = pd.read_csv(f"{OUT}/multiway.csv")
    dm = MapDemeaner(fixef_tol=1e-13, fixef_maxiter=100_000)
    out = {"oracle": f"pyfixest=={pf.__version__}, pandas=={pd.__version__}, numpy=={np.__version__}",
           "levels": {k: int(df[k].nunique()) for k in ["a", "b", "c", "g"]}}
    for name, fe in [("twoway", "a + b"), ("threeway", "a + b + c")]:
        fml = f"y ~ x1 + x2 + x3 | {fe}"
        out[name] = {}
        for key, vcov in [("iid", "iid"), ("crv1_g", {"CRV1": "g"}), ("crv1_a", {"CRV1": "a"}),
                          ("crv1_g_a", {"CRV1": "g+a"})]:
            out[name][key] = tidy(pf.feols(fml, data=df, vcov=vcov, fixef_rm="none", demeaner=dm))
        f = pf.feols(fml, data=df, vcov="iid", fixef_rm="none", demeaner=dm)
        # fixef(): dummy coding -1 + C(a) + C(b) (+ C(c)), solved by scipy's lsqr at 1e-14
        out[name]["fixef"] = {k[2:-1]: {lab: float(v) for lab, v in levels.items()}
                              for k, levels in f.fixef(atol=1e-14, btol=1e-14).items()}
        out[name]["weighted_crv1_g"] = tidy(pf.feols(fml, data=df, vcov={"CRV1": "g"}, weights="w",
                                                     fixef_rm="none", demeaner=dm))
    with open(f"{OUT}/multiway_pyfixest.json", "w") as fh:
        json.dump(out, fh, indent=1, allow_nan=False)

    # three disconnected blocks of (a, b) levels
    rng = np.random.default_rng(7)
    rows = []
    for block, (na, nb) in enumerate([(5, 4), (3, 6), (4, 4)]):
        for _ in range(40):
            rows.append((f"A{block}_{rng.integers(0, na)}", f"B{block}_{rng.integers(0, nb)}"))
    small = pd.DataFrame(rows, columns=["a", "b"])
    small["x"] = rng.normal(size=len(small))
    small["y"] = 2.0 * small["x"] + rng.normal(size=len(small))
    small.to_csv(f"{OUT}/components.csv", index=False, float_format="%.17g")
    da = pd.get_dummies(small["a"]).values.astype(float)
    db = pd.get_dummies(small["b"]).values.astype(float)
    rank = int(np.linalg.matrix_rank(np.hstack([da, db])))
    with open(f"{OUT}/components.json", "w") as fh:
        json.dump({"oracle": f"numpy=={np.__version__} matrix_rank (SVD)", "levels_a": da.shape[1],
                   "levels_b": db.shape[1], "rank": rank,
                   "redundant": da.shape[1] + db.shape[1] - rank}, fh, indent=1)
    print(out["levels"], rank)


if __name__ == "__main__":
    main()
