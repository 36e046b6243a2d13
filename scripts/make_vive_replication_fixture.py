#!/usr/bin/env python3
# oracle: linearmodels==7.1, statsmodels==0.15.0, scipy==1.17.1, numpy==2.4.6, pandas==3.1.1, mpmath==1.3.0
#
# Independent reference for `panelstats replicate vive2021` (Tests/VIVE2021Tests/ReplicationOracleTests.swift).
# Reads the panel copy Tests/VIVE2021Tests/Fixtures/vive2021_panel.csv (a frozen copy of
# datasets/vive2021/panel.csv, so a regenerated dataset does not invalidate the fixture), derives the
# analysis variables with pandas (independently of DerivedVariables.swift), and writes
# Tests/VIVE2021Tests/Fixtures/vive2021_replication_oracle.json with:
#   - Table 5.8: the nine within (fixed-effects) models by linearmodels PanelOLS(entity_effects=True) with a
#     constant, cov_type='unadjusted' (Stata xtreg, fe conventional SEs: constant = ȳ − x̄'b, df = N − K − G);
#     R² within; xtreg's e(r2_a) computed from it; max VIF by statsmodels variance_inflation_factor
#     (pooled with year dummies, pooled without, within = jobcentre-demeaned with year dummies);
#   - Table 5.7: scipy.stats.pearsonr r and p for the 36 printed cells; r(framework score, ftu %);
#   - Figures 5.7-5.9: pandas group means (quartiles of % ftu growth 2014-2019 by rank, sizes 23/24/24/23);
#   - Table 5.9: numpy quantiles of the 2017-2019 means, methods averaged_inverted_cdf (type 2) and linear;
#     Figure 5.10 counts (left-closed); Figures 5.11/5.12 group means;
#   - footnote 34: statsmodels OLS (nonrobust, HC1, cluster by jobcentre) of the pooled 2014-2019 model;
#   - Table 5.8 once more in 40-digit arithmetic (mpmath): the within normal equations on the jobcentre-demeaned
#     data, constant ȳ − x̄'b with Var = s²(1/N + x̄'(X̃'X̃)⁻¹x̄). linearmodels inverts a Gram matrix that holds the
#     constant next to ln population (whose within variation is tiny) and so loses about 8 digits on those SEs;
#     the exact values show which side is right.
# Usage: python3 scripts/make_vive_replication_fixture.py [--refresh-panel]
#   --refresh-panel first copies datasets/vive2021/panel.csv over the frozen copy.
import json, os, shutil, sys
import numpy as np, pandas as pd
import scipy, scipy.stats
import statsmodels, statsmodels.api as sm
from statsmodels.stats.outliers_influence import variance_inflation_factor
import linearmodels
import mpmath
from linearmodels.panel import PanelOLS

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
fixtures = os.path.join(root, 'Tests', 'VIVE2021Tests', 'Fixtures')
panel_path = os.path.join(fixtures, 'vive2021_panel.csv')
if '--refresh-panel' in sys.argv or not os.path.exists(panel_path):
    shutil.copyfile(os.path.join(root, 'datasets', 'vive2021', 'panel.csv'), panel_path)
jc = pd.read_csv(os.path.join(root, 'datasets', 'vive2021', 'jobcentres.csv'))

df = pd.read_csv(panel_path)
G6 = ['unemployment_benefit', 'cash_education_benefit', 'vocational_rehabilitation',
      'flexjob_unemployment_benefit', 'sickness_benefit', 'resource_course']
df['ftu'] = df[['ftu_' + g for g in G6]].sum(axis=1)
df['total_per_ftu'] = (df.hk5_dkk + df.hk6_dkk) / df.ftu
df['hk6_per_ftu'] = df.hk6_dkk / df.ftu
df['hk5_per_ftu'] = df.hk5_dkk / df.ftu
for g in G6:
    df['share_' + g] = 100 * df['ftu_' + g] / df.ftu
df['ftu_pct_pop_17_64'] = 100 * df.ftu / df.population_17_64
df['ln_population'] = np.log(df.population)
df['disability_pension_pct_pop_17_64'] = 100 * df.disability_pension_ftu / df.population_17_64
df = df.merge(jc[['jobcentre', 'framework_group', 'size_band']], on='jobcentre', how='left')

KEYS = ['share_unemployment_benefit', 'share_cash_education_benefit', 'share_vocational_rehabilitation',
        'share_resource_course', 'ftu_pct_pop_17_64', 'ln_population', 'economic_pressure_index',
        'disability_pension_pct_pop_17_64']
PERIODS = {'2014-2019': list(range(2014, 2020)), '2014-2016': [2014, 2015, 2016], '2017-2019': [2017, 2018, 2019]}
DEPS = ['total', 'hk6', 'hk5']
out = {'oracle': {'linearmodels': linearmodels.__version__, 'statsmodels': statsmodels.__version__,
                  'scipy': scipy.__version__, 'numpy': np.__version__, 'pandas': pd.__version__},
       'panel': 'vive2021_panel.csv'}

# Table 5.8
fe = {}
for period, years in PERIODS.items():
    sub = df[df.year.isin(years)].copy()
    dummies = [f'year_{y}' for y in years[1:]]
    for y in years[1:]:
        sub[f'year_{y}'] = (sub.year == y).astype(float)
    X = sub[KEYS + dummies]
    vif_years = max(variance_inflation_factor(sm.add_constant(X.values), j + 1) for j in range(len(KEYS)))
    vif_plain = max(variance_inflation_factor(sm.add_constant(sub[KEYS].values), j + 1) for j in range(len(KEYS)))
    W = X - X.groupby(sub.jobcentre).transform('mean')
    vif_within = max(variance_inflation_factor(W.values, j) for j in range(len(KEYS)))
    fe[period] = {'max_vif': {'pooled-years': vif_years, 'pooled': vif_plain, 'within': vif_within}}
    indexed = sub.set_index(['jobcentre', 'year'])
    exog = sm.add_constant(indexed[KEYS + dummies])
    for dep in DEPS:
        res = PanelOLS(indexed[f'{dep}_per_ftu'], exog, entity_effects=True).fit(cov_type='unadjusted')
        n = int(res.nobs)
        groups = int(res.entity_info['total'])
        k = len(KEYS) + len(dummies)
        r2w = float(res.rsquared_within)
        names = ['constant' if t == 'const' else t for t in res.params.index]
        fe[period][dep] = {
            'coefficients': dict(zip(names, map(float, res.params.values))),
            'std_errors': dict(zip(names, map(float, res.std_errors.values))),
            'nobs': n, 'groups': groups, 'df_resid': int(res.df_resid),
            'r2_within': r2w, 'adj_r2': 1 - (1 - r2w) * (n - 1) / (n - groups - k),
        }
out['table_5_8'] = fe

# Table 5.8 in 40-digit arithmetic.
mpmath.mp.dps = 40
exact = {}
for period, years in PERIODS.items():
    sub = df[df.year.isin(years)].copy()
    dummies = [f'year_{y}' for y in years[1:]]
    for y in years[1:]:
        sub[f'year_{y}'] = (sub.year == y).astype(float)
    names = KEYS + dummies
    n, k = len(sub), len(names)
    groups = sub.jobcentre.values
    def within(column):
        values = [mpmath.mpf(float(v)) for v in column]
        sums, counts = {}, {}
        for g, v in zip(groups, values):
            sums[g] = sums.get(g, 0) + v
            counts[g] = counts.get(g, 0) + 1
        return values, [v - sums[g] / counts[g] for g, v in zip(groups, values)]
    raw, demeaned = zip(*(within(sub[name].values) for name in names))
    A = mpmath.matrix(n, k)
    for j in range(k):
        for i in range(n):
            A[i, j] = demeaned[j][i]
    gram_inverse = (A.T * A) ** -1
    means = [sum(column) / n for column in raw]
    exact[period] = {}
    for dep in DEPS:
        y_raw, y_within = within(sub[f'{dep}_per_ftu'].values)
        b = gram_inverse * (A.T * mpmath.matrix(y_within))
        residuals = mpmath.matrix(y_within) - A * b
        s2 = sum(residuals[i] ** 2 for i in range(n)) / (n - k - sub.jobcentre.nunique())
        constant = sum(y_raw) / n - sum(means[j] * b[j] for j in range(k))
        quadratic = sum(means[r] * gram_inverse[r, c] * means[c] for r in range(k) for c in range(k))
        exact[period][dep] = {
            'coefficients': {**{names[j]: float(b[j]) for j in range(k)}, 'constant': float(constant)},
            'std_errors': {**{names[j]: float(mpmath.sqrt(s2 * gram_inverse[j, j])) for j in range(k)},
                           'constant': float(mpmath.sqrt(s2 * (mpmath.mpf(1) / n + quadratic)))},
        }
out['table_5_8_exact'] = exact

# Table 5.7
VARS = ['total_per_ftu', 'hk6_per_ftu', 'hk5_per_ftu', 'share_unemployment_benefit', 'share_cash_education_benefit',
        'share_flexjob_unemployment_benefit', 'share_sickness_benefit', 'share_vocational_rehabilitation',
        'share_resource_course', 'ftu_pct_pop_17_64', 'ln_population', 'economic_pressure_index',
        'disability_pension_pct_pop_17_64']
cells = []
for i, v in enumerate(VARS):
    for j in range(min(i + 1, 3)):
        if i == j:
            cells.append({'variable': v, 'column': VARS[j], 'r': 1.0, 'p': 0.0})
            continue
        r, p = scipy.stats.pearsonr(df[v], df[VARS[j]])
        cells.append({'variable': v, 'column': VARS[j], 'r': float(r), 'p': float(p)})
out['table_5_7'] = {'nobs': len(df), 'cells': cells,
                    'r_framework_ftu': float(scipy.stats.pearsonr(df.framework_score_2016, df.ftu_pct_pop_17_64)[0])}

# Figures 5.7-5.9
ftu14 = df[df.year == 2014].set_index('jobcentre').ftu
ftu19 = df[df.year == 2019].set_index('jobcentre').ftu
growth = 100 * (ftu19 - ftu14) / ftu14
order = growth.sort_values(kind='stable')
quartile = pd.Series(0, index=order.index)
for q, (a, b) in enumerate([(0, 23), (23, 47), (47, 71), (71, 94)]):
    quartile.iloc[a:b] = q + 1
df['growth_quartile'] = df.jobcentre.map(quartile)
figures = {}
for name, column in [('growth_quartile', 'growth_quartile'), ('framework_group', 'framework_group'), ('size_band', 'size_band')]:
    means = df.groupby([column, 'year']).total_per_ftu.mean()
    figures[name] = {f'{g}|{y}': float(v) for (g, y), v in means.items()}
out['figures_5_7_to_5_9'] = figures

# Table 5.9, Figures 5.10-5.12
cs = df[df.year >= 2017].groupby('jobcentre').total_per_ftu.mean()
values = np.sort(cs.values)
out['table_5_9'] = {
    method: {'min': float(values[0]), 'q1': float(np.quantile(values, 0.25, method=method)),
             'median': float(np.quantile(values, 0.5, method=method)), 'q3': float(np.quantile(values, 0.75, method=method)),
             'max': float(values[-1])}
    for method in ['averaged_inverted_cdf', 'linear']}
out['second_largest'] = float(values[-2])
out['figure_5_10'] = [int((values < 32000).sum()), int(((values >= 32000) & (values < 37000)).sum()),
                      int(((values >= 37000) & (values < 42000)).sum()), int((values >= 42000).sum())]
level = cs.rename('level').reset_index().merge(jc, on='jobcentre')
out['figure_5_11'] = {str(k): float(v) for k, v in level.groupby('framework_group')['level'].mean().items()}
out['figure_5_12'] = {str(k): float(v) for k, v in level.groupby('size_band')['level'].mean().items()}

# Footnote 34
sub = df.copy()
for y in range(2015, 2020):
    sub[f'year_{y}'] = (sub.year == y).astype(float)
Xp = sm.add_constant(sub[KEYS + [f'year_{y}' for y in range(2015, 2020)]])
pooled = {}
for dep in DEPS:
    model = sm.OLS(sub[f'{dep}_per_ftu'], Xp)
    fits = {'conventional': model.fit(), 'robust': model.fit(cov_type='HC1'),
            'cluster': model.fit(cov_type='cluster', cov_kwds={'groups': pd.factorize(sub.jobcentre)[0]})}
    pooled[dep] = {'coefficients': {('constant' if t == 'const' else t): float(v) for t, v in fits['conventional'].params.items()},
                   'r2': float(fits['conventional'].rsquared), 'adj_r2': float(fits['conventional'].rsquared_adj)}
    for kind, fit in fits.items():
        pooled[dep][f'std_errors_{kind}'] = {('constant' if t == 'const' else t): float(v) for t, v in fit.bse.items()}
out['footnote_34'] = pooled

dest = os.path.join(fixtures, 'vive2021_replication_oracle.json')
with open(dest, 'w', encoding='utf-8') as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write('\n')
print('wrote', dest)
