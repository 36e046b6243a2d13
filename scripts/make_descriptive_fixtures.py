#!/usr/bin/env python3
# Fixtures for Tests/DescriptiveTests: correlation, quantiles, quantile groups, descriptives,
# histograms, group-by-period means and variance inflation factors, each computed by an
# independent oracle on generated data with ties and missing values.
#
# oracle: scipy==1.17.1, numpy==2.4.6, pandas==3.1.1, statsmodels==0.15.0 (Python 3.11)
#
#   pip install scipy==1.17.1 numpy==2.4.6 pandas==3.1.1 statsmodels==0.15.0
#   python3 scripts/make_descriptive_fixtures.py      # writes Tests/DescriptiveTests/Fixtures/*.json
#
# Missing values are NaN in the data and null in the JSON. Floats are written with repr(), which
# round-trips exactly, so the Swift tests compare against the oracle's own doubles.
import json
import math
import os
import sys

import numpy as np
import pandas as pd
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.outliers_influence import variance_inflation_factor
import statsmodels.api as sm

PINNED = {"scipy": "1.17.1", "numpy": "2.4.6", "pandas": "3.1.1", "statsmodels": "0.15.0"}
for name, module in [("scipy", scipy), ("numpy", np), ("pandas", pd), ("statsmodels", statsmodels)]:
    if module.__version__ != PINNED[name]:
        sys.exit(f"{name} {module.__version__} installed, fixtures are pinned to {PINNED[name]}")

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "DescriptiveTests", "Fixtures")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20210604)


def clean(x):
    """JSON-ready: NaN -> None, numpy scalars -> Python."""
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple, np.ndarray)):
        return [clean(v) for v in x]
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        return None if math.isnan(x) else float(x)
    return x


def write(name, payload):
    payload = {"oracle": {k: v for k, v in PINNED.items()}, **payload}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(clean(payload), f, indent=1, allow_nan=False)
    print("wrote", name)


# --- correlation -------------------------------------------------------------------------------
# Five variables, 60 observations: correlated normals, two rounded to create ties (Spearman's
# average ranks), a few NaN scattered so listwise and pairwise samples differ.
n = 60
z = rng.normal(size=(n, 3))
a = 10 + 2 * z[:, 0]
b = np.round(0.6 * z[:, 0] + 0.8 * z[:, 1], 1)            # ties
c = 1000 + 50 * (0.3 * z[:, 1] + z[:, 2])
d = np.round(3 * z[:, 2] - z[:, 0])                       # heavy ties (integers)
e = rng.normal(size=n)                                     # unrelated: large p-values
data = np.column_stack([a, b, c, d, e])
for col, rows in [(0, [3, 17]), (1, [5, 40, 41]), (2, [9]), (3, [22, 23, 58]), (4, [0, 33])]:
    data[rows, col] = np.nan
names = ["a", "b", "c", "d", "e"]
k = len(names)

listwise_mask = ~np.isnan(data).any(axis=1)
listwise = data[listwise_mask]


def matrices(method, pairwise):
    r = np.eye(k)
    p = np.zeros((k, k))
    counts = np.zeros((k, k), dtype=int)
    for i in range(k):
        counts[i, i] = (~np.isnan(data[:, i])).sum() if pairwise else listwise.shape[0]
        for j in range(i + 1, k):
            if pairwise:
                m = ~np.isnan(data[:, i]) & ~np.isnan(data[:, j])
                x, y = data[m, i], data[m, j]
            else:
                x, y = listwise[:, i], listwise[:, j]
            if method == "pearson":
                res = stats.pearsonr(x, y)
            else:
                res = stats.spearmanr(x, y)
            r[i, j] = r[j, i] = res.statistic
            p[i, j] = p[j, i] = res.pvalue
            counts[i, j] = counts[j, i] = len(x)
    return {"r": r.tolist(), "p_value": p.tolist(), "n_pairwise": counts.tolist()}


write("correlation.json", {
    "variables": names,
    "data": [data[:, j].tolist() for j in range(k)],
    "listwise_nobs": int(listwise.shape[0]),
    "pearson_listwise": matrices("pearson", False),
    "spearman_listwise": matrices("spearman", False),
    "pearson_pairwise": matrices("pearson", True),
    "spearman_pairwise": matrices("spearman", True),
    "ranks_of_d": stats.rankdata(data[~np.isnan(data[:, 3]), 3], method="average").tolist(),
})

# --- quantiles: numpy.quantile, all nine Hyndman-Fan methods ------------------------------------
methods = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf",
           "hazen", "weibull", "linear", "median_unbiased", "normal_unbiased"]
probabilities = [0.0, 0.01, 0.05, 0.1, 0.125, 0.2, 0.25, 0.3, 1 / 3, 0.4, 0.5, 0.6, 2 / 3, 0.7, 0.75, 0.8, 0.875,
                 0.9, 0.95, 0.99, 1.0]
samples = {
    # ties and missing values; n = 23 non-missing
    "ties_missing": [3.5, np.nan, 1.0, 2.0, 2.0, 7.25, 2.0, 9.0, 4.0, 4.0, np.nan, 11.5, 6.0, 5.0, 5.0, 0.5, 8.0,
                     3.5, 10.0, 12.0, 2.0, 6.0, 14.0, 1.0, 7.0],
    # even n = 8 (n p is an integer at the quartiles: exercises the g = 0 branches)
    "eight": [8.0, 1.0, 7.0, 2.0, 6.0, 3.0, 5.0, 4.0],
    # n = 10 (n p integer at 0.1 steps)
    "ten": [15.0, 20.0, 35.0, 40.0, 50.0, 51.0, 52.0, 70.0, 80.0, 99.0],
    "single": [42.0],
    "two": [1.0, 3.0],
    "continuous": rng.lognormal(mean=10, sigma=0.4, size=37).tolist(),
}
quantile_payload = {"probabilities": probabilities, "methods": methods, "samples": {}}
for label, values in samples.items():
    arr = np.array(values, dtype=float)
    quantile_payload["samples"][label] = {
        "values": arr.tolist(),
        "quantiles": {m: [float(np.nanquantile(arr, q, method=m)) for q in probabilities] for m in methods},
    }
write("quantiles.json", quantile_payload)

# --- quantile groups: pandas.qcut (type 7) and pandas.cut at numpy type-2/type-6 cutpoints ------
x_ties = np.round(rng.gamma(shape=2.0, scale=3.0, size=53), 0)
x_ties[[4, 19, 30]] = np.nan
x_distinct = rng.normal(loc=5.0, scale=12.0, size=94)   # 94 jobcentres' growth, distinct values
group_payload = {"cases": []}
for label, x in [("ties_missing", x_ties), ("distinct94", x_distinct)]:
    for groups in [2, 3, 4, 5, 10]:
        case = {"label": label, "values": x.tolist(), "groups": groups}
        try:
            codes = pd.qcut(x, groups, labels=False)
            case["qcut"] = [None if np.isnan(v) else int(v) + 1 for v in codes]
        except ValueError as error:           # duplicate edges: pandas refuses
            case["qcut_error"] = str(error)
        present = x[~np.isnan(x)]
        for method, key in [("averaged_inverted_cdf", "xtile_type2"), ("weibull", "xtile_type6")]:
            cuts = np.quantile(present, [g / groups for g in range(1, groups)], method=method)
            # x <= cutpoint goes to the lower group: group = 1 + number of cutpoints strictly below x
            # (Stata xtile's rule; with duplicate cutpoints a group stays empty).
            codes = [None if np.isnan(v) else int(np.searchsorted(cuts, v, side="left")) + 1 for v in x]
            if len(set(cuts)) == len(cuts):     # cross-check with pandas.cut on right-closed bins
                binned = pd.cut(x, bins=[-np.inf, *cuts, np.inf], labels=False, right=True)
                assert codes == [None if np.isnan(v) else int(v) + 1 for v in binned]
            case[key] = codes
        group_payload["cases"].append(case)
write("quantile_groups.json", group_payload)

# --- descriptives: pandas describe() (count, mean, std ddof=1, min, 25%, 50%, 75%, max; type 7) --
desc_frame = pd.DataFrame({
    "spending": np.where(rng.random(120) < 0.05, np.nan, rng.lognormal(10.4, 0.3, 120)),
    "share": np.round(rng.uniform(0, 100, 120), 1),
    "large_mean": 1e9 + rng.normal(size=120),              # cancellation check for mean/SD
})
described = desc_frame.describe()
write("describe.json", {
    "columns": {c: desc_frame[c].tolist() for c in desc_frame.columns},
    "describe": {c: {stat: float(described.loc[stat, c]) for stat in described.index} for c in desc_frame.columns},
})

# --- histograms: pandas.cut with explicit edges and open ends ----------------------------------
hist_values = np.concatenate([rng.lognormal(10.6, 0.25, 90), [30000.0, 40000.0, 50000.0, 95000.0, np.nan]])
edges = [30000.0, 40000.0, 50000.0]
hist_payload = {"values": hist_values.tolist(), "edges": edges, "cases": []}
for closure, right in [("left", False), ("right", True)]:
    binned = pd.cut(hist_values, bins=[-np.inf, *edges, np.inf], right=right, labels=False)
    counts = np.bincount(binned[~np.isnan(binned)].astype(int), minlength=len(edges) + 1)
    hist_payload["cases"].append({"closure": closure, "open": "both", "counts": counts.tolist()})
    binned = pd.cut(hist_values, bins=edges, right=right, labels=False)
    inside = ~np.isnan(binned)
    counts = np.bincount(binned[inside].astype(int), minlength=len(edges) - 1)
    hist_payload["cases"].append({"closure": closure, "open": "none", "counts": counts.tolist(),
                                  "outside": int((~inside & ~np.isnan(hist_values)).sum())})
write("histogram.json", hist_payload)

# --- panel: % growth per entity, quartile groups, per-group per-period means -------------------
entities = [f"jc{i:02d}" for i in range(1, 21)]
years = list(range(2014, 2020))
rows = []
for i, ent in enumerate(entities):
    level = rng.uniform(200, 2000)
    trend = rng.normal(0.0, 0.06)
    for t, year in enumerate(years):
        ftu = level * (1 + trend) ** t * rng.uniform(0.95, 1.05)
        spend = ftu * rng.uniform(30000, 60000)
        rows.append((ent, year, ftu, spend / ftu))
panel = pd.DataFrame(rows, columns=["entity", "year", "ftu", "spending_per_ftu"])
wide = panel.pivot(index="entity", columns="year", values="ftu")
growth = 100 * (wide[2019] - wide[2014]) / wide[2014]
quartile = pd.qcut(growth, 4, labels=False) + 1          # pandas qcut on the derived quantity
panel["group"] = panel["entity"].map(quartile)
unweighted = panel.groupby(["group", "year"])["spending_per_ftu"].mean().unstack()
weighted = (panel.assign(wy=panel.ftu * panel.spending_per_ftu).groupby(["group", "year"])[["wy", "ftu"]].sum())
weighted = (weighted.wy / weighted.ftu).unstack()
mean_1719 = panel[panel.year.between(2017, 2019)].groupby("entity")["spending_per_ftu"].mean()
write("panel_groups.json", {
    "entity": panel.entity.tolist(), "year": panel.year.tolist(), "ftu": panel.ftu.tolist(),
    "spending_per_ftu": panel.spending_per_ftu.tolist(),
    "growth_entities": growth.index.tolist(), "growth_2014_2019": growth.tolist(),
    "quartile_qcut": [int(v) for v in quartile.tolist()],
    "years": years,
    "unweighted_means": unweighted.values.tolist(),
    "weighted_means": weighted.values.tolist(),
    "mean_2017_2019": mean_1719.reindex(entities).tolist(),
})

# --- VIF: statsmodels variance_inflation_factor on [const, X] = Stata's centred estat vif -------
n_entities, n_periods = 16, 5
entity_code = np.repeat(np.arange(n_entities), n_periods)
period = np.tile(np.arange(n_periods), n_entities)
u = rng.normal(size=(n_entities * n_periods, 3))
effect = rng.normal(size=n_entities)[entity_code]
x1 = 5 + effect + u[:, 0]
x2 = 0.7 * x1 + 0.5 * u[:, 1]
x3 = 2 * effect + 0.3 * u[:, 2] + 0.1 * period
x4 = (period == 3).astype(float)                           # a year dummy
X = np.column_stack([x1, x2, x3, x4])
vif_names = ["x1", "x2", "x3", "d2017"]
pooled_exog = sm.add_constant(X)
pooled = [variance_inflation_factor(pooled_exog, j) for j in range(1, pooled_exog.shape[1])]
frame = pd.DataFrame(X, columns=vif_names)
frame["entity"] = entity_code
demeaned = frame[vif_names] - frame.groupby("entity")[vif_names].transform("mean")
within_exog = sm.add_constant(demeaned.values, has_constant="add")
within = [variance_inflation_factor(within_exog, j) for j in range(1, within_exog.shape[1])]
write("vif.json", {
    "names": vif_names,
    "columns": [X[:, j].tolist() for j in range(X.shape[1])],
    "entity": entity_code.tolist(),
    "pooled_vif": pooled,
    "within_vif": within,
})
