#!/usr/bin/env python3
# oracle: linearmodels==7.1, pyfixest==0.60.0, pandas==3.1.1, numpy==2.4.6 (Python 3.11.7)
#
# Generates unbalanced panels (three seeds) and the expected values of the one-way within estimator
# for the fixtures in Tests/RegressionTests/Fixtures/fe/:
#   panel_seedS.csv          the data: id (string entity), year, region (cluster that nests the
#                            entity), state (cluster drawn per row, does not nest it), x1..x3, w, y
#   panel_seedS_python.json  expected values from three independent sources:
#     "linearmodels": PanelOLS(entity_effects=True) with a constant and year dummies; unadjusted,
#                     robust (heteroskedastic), clustered with its defaults (debiased=True, group_debias=False) and with
#                     group_debias=True, one-way by region and by state, two-way by region+state;
#                     weighted (weights=w) unadjusted and clustered.
#     "pyfixest":     feols("y ~ x1 + x2 + x3 + C(year) | id", fixef_rm="none") with its default ssc
#                     (fixest's default), iid, hetero and CRV1 by region, state and region+state, weighted;
#                     and fixef_rm="singleton" for the singleton count.
#     "stata":        Stata's xtreg, fe / areg formulas written out here in numpy (Stata itself is
#                     not available): the demeaned regression with grand means added back, its
#                     constant, e(df_r) = N - G - K, the conventional VCE s^2 (Z'WZ)^-1 with
#                     s^2 = RSS / (N - G - K), and the cluster VCE
#                         q (Z'WZ)^-1 [sum_g s_g s_g'] (Z'WZ)^-1,  s_g = sum_{i in g} w_i z_i e_i,
#                         q = G_c/(G_c - 1) * (N - 1)/(N - k),
#                     where k = K + 1 for xtreg when the entity is nested in the cluster (xtreg
#                     requires it; reghdfe's rule counts the absorbed levels otherwise: k = K + G)
#                     and k = K + G always for areg. Two-way clusters: V1 + V2 - V12, each scaled
#                     with the smallest G_c (as reghdfe/ivreg2). Also R^2 within/between/overall,
#                     sigma_u, sigma_e, rho, the F test that all u_i = 0 and the model F, as the
#                     xtreg manual defines them.
# Run from the repository root: python3 scripts/fe_panels.py   (then Rscript scripts/fe_panels_plm.R)
import json
import os
import warnings

import numpy as np
import pandas as pd
import linearmodels
import pyfixest as pf
from linearmodels import PanelOLS

warnings.filterwarnings("ignore")
OUT = "Tests/RegressionTests/Fixtures/fe"
YEARS = list(range(2001, 2011))


def generate(seed):
    rng = np.random.default_rng(1000 + seed)
    n_entities = 50 + 10 * seed
    rows = []
    alpha = rng.normal(0.0, 2.0, n_entities)
    region_of = rng.integers(0, 12, n_entities)
    gamma = rng.normal(0.0, 1.0, len(YEARS))
    shock = rng.normal(0.0, 0.5, 12)
    for i in range(n_entities):
        t_i = int(rng.integers(1, len(YEARS) + 1))   # 1..10 periods: unbalanced, some singletons
        years = sorted(rng.choice(YEARS, t_i, replace=False))
        for yr in years:
            rows.append((i, int(yr)))
    n = len(rows)
    ent = np.array([r[0] for r in rows])
    year = np.array([r[1] for r in rows])
    x1 = rng.normal(size=n) + 0.5 * alpha[ent]
    x2 = rng.normal(0.0, 2.0, n)
    x3 = rng.uniform(0.0, 1.0, n) * (year - 2000) / 10.0
    state = rng.integers(0, 15, n)
    w = rng.uniform(0.5, 2.0, n)
    e = rng.normal(size=n) * (1.0 + 0.5 * x3) + shock[region_of[ent]]
    y = alpha[ent] + 1.0 * x1 - 0.5 * x2 + 0.25 * x3 + gamma[year - 2001] + e
    df = pd.DataFrame({
        "id": [f"firm-{k:03d}" for k in ent],
        "year": year,
        "region": [f"R{region_of[k]:02d}" for k in ent],
        "state": [f"S{s:02d}" for s in state],
        "x1": x1, "x2": x2, "x3": x3, "w": w, "y": y,
    })
    return df


def design_terms(df):
    present = sorted(df["year"].unique())
    return ["(Intercept)", "x1", "x2", "x3"] + [f"factor(year){yr}" for yr in present[1:]]


def design(df, terms):
    cols = {"(Intercept)": np.ones(len(df))}
    for t in terms[1:]:
        if t.startswith("factor(year)"):
            cols[t] = (df["year"].values == int(t[len("factor(year)"):])).astype(float)
        else:
            cols[t] = df[t].values.astype(float)
    return pd.DataFrame(cols, index=df.index)


def as_dict(series, terms):
    return {t: float(series[t]) for t in terms}


# ---------------------------------------------------------------- linearmodels
def linearmodels_results(df, terms):
    pdf = df.set_index(["id", "year"], drop=False)
    X = design(pdf, terms)
    y = pdf["y"]
    out = {}

    def fit(key, weights=None, **kw):
        mod = PanelOLS(y, X, entity_effects=True, weights=weights)
        res = mod.fit(**kw)
        out[key] = {"params": as_dict(res.params, terms), "std_errors": as_dict(res.std_errors, terms),
                    "p_values": as_dict(res.pvalues, terms)}
        return res

    res = fit("unadjusted", cov_type="unadjusted")
    out["unadjusted"]["rsquared_within"] = float(res.rsquared)
    out["unadjusted"]["f_pooled"] = {"stat": float(res.f_pooled.stat), "df1": int(res.f_pooled.df),
                                     "df2": int(res.f_pooled.df_denom), "p_value": float(res.f_pooled.pval)}
    out["unadjusted"]["df_resid"] = int(res.df_resid)
    for cname in ["region", "state"]:
        clusters = pd.Series(pd.factorize(pdf[cname])[0], index=pdf.index, name=cname)
        fit(f"clustered_{cname}", cov_type="clustered", clusters=clusters)
        fit(f"clustered_{cname}_group_debias", cov_type="clustered", clusters=clusters, group_debias=True)
        fit(f"clustered_{cname}_not_debiased", cov_type="clustered", clusters=clusters, debiased=False)
    fit("robust", cov_type="robust")
    both = pd.DataFrame({c: pd.factorize(pdf[c])[0] for c in ["region", "state"]}, index=pdf.index)
    fit("clustered_region_state", cov_type="clustered", clusters=both)
    fit("clustered_region_state_group_debias", cov_type="clustered", clusters=both, group_debias=True)
    wts = pdf["w"]
    fit("weighted_unadjusted", weights=wts, cov_type="unadjusted")
    region = pd.Series(pd.factorize(pdf["region"])[0], index=pdf.index, name="region")
    fit("weighted_clustered_region_group_debias", weights=wts, cov_type="clustered", clusters=region,
        group_debias=True)
    return out


# ---------------------------------------------------------------- pyfixest
def pyfixest_results(df, terms):
    def name(coef):
        if coef.startswith("C(year)[T."):
            return "factor(year)" + coef[len("C(year)[T."):-1]
        return coef

    fml = "y ~ x1 + x2 + x3 + C(year) | id"
    out = {}

    def fit(key, vcov, data=df, **kw):
        f = pf.feols(fml, data=data, vcov=vcov, fixef_rm="none", **kw)
        tidy = f.tidy()
        params = {name(k): float(v) for k, v in tidy["Estimate"].items()}
        ses = {name(k): float(v) for k, v in tidy["Std. Error"].items()}
        pvals = {name(k): float(v) for k, v in tidy["Pr(>|t|)"].items()}
        out[key] = {"params": params, "std_errors": ses, "p_values": pvals, "df_t": int(f._df_t),
                    "nobs": int(f._N)}
        return f

    fit("iid", "iid")
    fit("hetero", "hetero")
    fit("crv1_region", {"CRV1": "region"})
    fit("crv1_state", {"CRV1": "state"})
    fit("crv1_region_state", {"CRV1": "region+state"})
    fit("weighted_crv1_region", {"CRV1": "region"}, weights="w")
    f = pf.feols(fml, data=df, vcov="iid", fixef_rm="singleton")
    out["singleton"] = {"nobs": int(f._N), "dropped": int(len(df) - f._N),
                        "params": {name(k): float(v) for k, v in f.coef().items()}}
    return out


# ---------------------------------------------------------------- Stata formulas
def group_mean(v, codes, w, G):
    return np.bincount(codes, weights=w * v, minlength=G) / np.bincount(codes, weights=w, minlength=G)


def cluster_meat(scores, codes):
    G = codes.max() + 1
    k = scores.shape[1]
    sums = np.zeros((G, k))
    np.add.at(sums, codes, scores)
    return sums.T @ sums, G


def nested(entity, cluster):
    pairs = pd.DataFrame({"e": entity, "c": cluster}).drop_duplicates()
    return pairs["e"].is_unique


def stata_results(df, terms, weighted):
    ent = pd.factorize(df["id"])[0]
    G = ent.max() + 1
    N = len(df)
    w = df["w"].values if weighted else np.ones(N)
    w = w * N / w.sum()    # Stata normalises aweights to sum to N
    Xfull = design(df, terms).values
    X = Xfull[:, 1:]
    y = df["y"].values
    K = X.shape[1]
    ybar = np.sum(w * y) / np.sum(w)
    xbar = X.T @ w / np.sum(w)
    yt = y - group_mean(y, ent, w, G)[ent] + ybar
    Xt = np.column_stack([X[:, j] - group_mean(X[:, j], ent, w, G)[ent] + xbar[j] for j in range(K)])
    Z = np.column_stack([np.ones(N), Xt])
    sw = np.sqrt(w)
    b, *_ = np.linalg.lstsq(Z * sw[:, None], yt * sw, rcond=None)
    e = yt - Z @ b
    rss = float(np.sum(w * e * e))
    df_r = N - G - K
    bread = np.linalg.inv(Z.T @ (Z * w[:, None]))
    s2 = rss / df_r
    out = {"params": dict(zip(terms, map(float, b))),
           "std_errors_iid": dict(zip(terms, map(float, np.sqrt(np.diag(s2 * bread))))),
           "df_resid": int(df_r), "nobs": N, "groups": int(G)}
    beta = b[1:]
    # model F (conventional VCE), Wald test of every coefficient but the constant, F(K, N - G - K)
    Vb = (s2 * bread)[1:, 1:]
    out["model_f_iid"] = float(beta @ np.linalg.solve(Vb, beta) / K)
    tss_w = float(np.sum(w * (yt - ybar) ** 2))
    out["r2_within"] = 1.0 - rss / tss_w
    out["adj_r2"] = 1.0 - (1.0 - out["r2_within"]) * (N - 1) / df_r
    xb = X @ beta
    ybar_i = group_mean(y, ent, w, G)
    xbbar_i = group_mean(xb, ent, w, G)
    out["r2_between"] = float(np.corrcoef(xbbar_i, ybar_i)[0, 1] ** 2)
    out["r2_overall"] = float(np.corrcoef(xb, y)[0, 1] ** 2) if not weighted else None
    u = ybar_i - xbbar_i - b[0]
    out["sigma_u"] = float(np.std(u, ddof=1))
    out["sigma_e"] = float(np.sqrt(s2))
    out["rho"] = out["sigma_u"] ** 2 / (out["sigma_u"] ** 2 + out["sigma_e"] ** 2)
    # F test that all u_i = 0: pooled OLS of y on [1, X] against the within fit
    P = np.column_stack([np.ones(N), X])
    bp, *_ = np.linalg.lstsq(P * sw[:, None], y * sw, rcond=None)
    rss_p = float(np.sum(w * (y - P @ bp) ** 2))
    out["f_fe"] = {"stat": ((rss_p - rss) / (G - 1)) / (rss / df_r), "df1": int(G - 1), "df2": int(df_r)}
    out["fixed_effects"] = {lab: float(ybar_i[k] - xbbar_i[k]) for k, lab in enumerate(pd.factorize(df["id"])[1])}
    scores = Z * (w * e)[:, None]
    for cnames in [["region"], ["state"], ["region", "state"]]:
        codes = [pd.factorize(df[c])[0] for c in cnames]
        is_nested = any(nested(ent, c) for c in codes)
        if len(codes) == 2:
            inter = pd.factorize(pd.Series(codes[0]).astype(str) + "-" + pd.Series(codes[1]).astype(str))[0]
            parts = [(codes[0], 1), (codes[1], 1), (inter, -1)]
        else:
            parts = [(codes[0], 1)]
        Gs = [c.max() + 1 for c, _ in parts]
        Gmin = min(Gs[:len(codes)])
        meat = sum(sign * cluster_meat(scores, c)[0] for c, sign in parts)
        for rule in ["xtreg", "areg"]:
            k = (K + 1) if (rule == "xtreg" and is_nested) else (K + G)
            q = Gmin / (Gmin - 1) * (N - 1) / (N - k)
            V = q * bread @ meat @ bread
            key = f"{rule}_cluster_{'_'.join(cnames)}"
            out[key] = {"std_errors": dict(zip(terms, map(float, np.sqrt(np.diag(V))))),
                        "clusters": int(Gmin), "nested": bool(is_nested),
                        "model_f": float(beta @ np.linalg.solve(V[1:, 1:], beta) / K)}
    return out


def finite_or_none(obj):
    """JSON has no NaN: a variance that came out negative (two-way clusters) is written as null."""
    if isinstance(obj, dict):
        return {k: finite_or_none(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [finite_or_none(v) for v in obj]
    if isinstance(obj, float) and not np.isfinite(obj):
        return None
    return obj


def main():
    os.makedirs(OUT, exist_ok=True)
    for seed in (1, 2, 3):
        df = generate(seed)
        df.to_csv(f"{OUT}/panel_seed{seed}.csv", index=False, float_format="%.17g")
        df = pd.read_csv(f"{OUT}/panel_seed{seed}.csv")   # fit exactly what the CSV holds
        terms = design_terms(df)
        result = {
            "oracle": f"linearmodels=={linearmodels.__version__}, pyfixest=={pf.__version__}, "
                      f"pandas=={pd.__version__}, numpy=={np.__version__}",
            "seed": seed, "nobs": len(df), "entities": int(df["id"].nunique()), "terms": terms,
            "linearmodels": linearmodels_results(df, terms),
            "pyfixest": pyfixest_results(df, terms),
            "stata": stata_results(df, terms, weighted=False),
            "stata_weighted": stata_results(df, terms, weighted=True),
        }
        with open(f"{OUT}/panel_seed{seed}_python.json", "w") as fh:
            json.dump(finite_or_none(result), fh, indent=1, allow_nan=False)
        print(seed, len(df), df["id"].nunique())


if __name__ == "__main__":
    main()
