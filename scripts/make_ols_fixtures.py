#!/usr/bin/env python3
# Generates the OLS oracle fixtures for Tests/RegressionTests.
# oracle: statsmodels==0.15.0, numpy==2.4.6, pandas==3.1.1, patsy==1.0.3, scipy==1.17.1
#   pip install statsmodels==0.15.0 numpy==2.4.6 pandas==3.1.1 patsy==1.0.3 scipy==1.17.1
#
# Writes
#   Tests/RegressionTests/Fixtures/ols/ols_data.csv   seeded data: y, x1, x2, x3 = x1 + x2 (exactly
#                                                     collinear), w (analytic weights), firm (15 clusters)
#   Tests/RegressionTests/Fixtures/ols/statsmodels.json
# with statsmodels' estimates, SEs, t, p, 95% CIs, R², adjusted R², F and its p-value for every
# covariance type PanelStats offers: nonrobust (iid), HC0-HC3, and cluster (CR1, statsmodels'
# default correction G/(G-1)·(N-1)/(N-K), t(G-1) inference via use_t=True).
# The collinear design y ~ x1 + x2 + x3 is not fitted here: statsmodels would solve it by
# pseudo-inverse; the test checks that PanelStats omits x3 and otherwise equals y ~ x1 + x2.
#
# Run from the repository root:  python3 scripts/make_ols_fixtures.py
import json
import os

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.formula.api as smf

OUT = os.path.join("Tests", "RegressionTests", "Fixtures", "ols")
SEED = 20240611
N = 200
CLUSTERS = 15


def make_data() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    code = rng.integers(0, CLUSTERS, N)
    effect = rng.normal(0, 1.0, CLUSTERS)[code]
    x1 = rng.normal(0, 1, N) + 0.5 * effect
    x2 = rng.uniform(0, 10, N)
    noise = rng.normal(0, 1, N) * (0.5 + np.abs(x1))
    y = 1.5 + 0.8 * x1 - 0.3 * x2 + effect + noise
    return pd.DataFrame({
        "y": y,
        "x1": x1,
        "x2": x2,
        "x3": x1 + x2,
        "w": rng.uniform(0.5, 2.0, N),
        "firm": 101 + 7 * code,  # non-dense identifiers, as real data have
    })


def panelstats_term(name: str) -> str:
    """statsmodels/patsy term name -> PanelStats' (R-style) name."""
    if name == "Intercept":
        return "(Intercept)"
    if name.startswith("C(firm, Treatment(108))[T."):
        return "factor(firm)" + name[len("C(firm, Treatment(108))[T."):-1]
    if name.startswith("np.log("):
        return name[len("np."):]
    return name


def summary(res) -> dict:
    ci = np.asarray(res.conf_int(alpha=0.05))
    return {
        "params": list(map(float, res.params)),
        "bse": list(map(float, res.bse)),
        "tvalues": list(map(float, res.tvalues)),
        "pvalues": list(map(float, res.pvalues)),
        "ci_low": list(map(float, ci[:, 0])),
        "ci_high": list(map(float, ci[:, 1])),
        # With cluster SEs and more restrictions than G - 1 the Wald matrix is singular; statsmodels
        # still reports a number (with a rank warning), Stata and PanelStats report none.
        "fvalue": float(res.fvalue),
        "f_pvalue": float(res.f_pvalue),
        "df_inference": float(getattr(res, "df_resid_inference", res.df_resid)),
    }


def fit_all(formula: str, df: pd.DataFrame, weights=None, panelstats_formula=None) -> dict:
    def fit(**kw):
        model = smf.ols(formula, df) if weights is None else smf.wls(formula, df, weights=df[weights])
        return model.fit(use_t=True, **kw)

    base = fit()
    out = {
        "formula": panelstats_formula or formula,
        "statsmodels_formula": formula,
        "weights": weights,
        "terms": [panelstats_term(t) for t in base.params.index],
        "nobs": int(base.nobs),
        "df_resid": float(base.df_resid),
        "rss": float(base.ssr),
        "r2": float(base.rsquared),
        "adj_r2": float(base.rsquared_adj),
        "rmse": float(np.sqrt(base.mse_resid)),
        "covariances": {"iid": summary(base)},
    }
    for name in ["HC0", "HC1", "HC2", "HC3"]:
        out["covariances"][name.lower()] = summary(fit(cov_type=name))
    out["covariances"]["cluster:firm"] = summary(fit(cov_type="cluster", cov_kwds={"groups": df["firm"]}))
    return out


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    df = make_data()
    df.to_csv(os.path.join(OUT, "ols_data.csv"), index=False, float_format="%.17g")
    # Re-read so the oracle fits exactly the doubles the Swift tests parse.
    df = pd.read_csv(os.path.join(OUT, "ols_data.csv"))
    fixture = {
        "oracle": f"statsmodels {statsmodels.__version__}, numpy {np.__version__}, pandas {pd.__version__}",
        "seed": SEED,
        "data": "ols_data.csv",
        "clusters": int(df["firm"].nunique()),
        "models": {
            "intercept": fit_all("y ~ x1 + x2", df),
            "no_intercept": fit_all("y ~ x1 + x2 - 1", df),
            "weighted": fit_all("y ~ x1 + x2", df, weights="w"),
            # Factor with a chosen reference level and a log term, through each side's formula syntax.
            "factors": fit_all(
                "y ~ x1 + np.log(x2) + C(firm, Treatment(108))", df,
                panelstats_formula="y ~ x1 + log(x2) + factor(firm, ref=108)"),
        },
    }
    with open(os.path.join(OUT, "statsmodels.json"), "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
