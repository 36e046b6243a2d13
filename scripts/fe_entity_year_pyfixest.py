#!/usr/bin/env python3
# oracle: pyfixest==0.60.0, pandas==3.1.1, numpy==2.4.6 (Python 3.11.7)
#
# Expected values for the two-way within estimator with the entity and the year absorbed
# (`y ~ x1 + x2 + x3 | id + year`) on the unbalanced seeded panels of scripts/fe_panels.py
# (Tests/RegressionTests/Fixtures/fe/panel_seedS.csv), which the entity-block path of
# FixedEffectsModel solves exactly (year dummies partialled out by Frisch–Waugh–Lovell):
# pyfixest's feols with its default small-sample correction (fixest's), iid, hetero and CRV1 by
# id and by region, demeaned to a tolerance of 1e-13; fixef() by scipy's lsqr at 1e-14; and per
# row the fitted values (predict(), from those fixef() levels) and the residuals.
# Writes Tests/RegressionTests/Fixtures/fe/panel_entity_year_pyfixest.json.
# Run from the repository root: python3 scripts/fe_entity_year_pyfixest.py
import json
import os

import numpy as np
import pandas as pd
import pyfixest as pf
from pyfixest.demeaners import MapDemeaner

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "RegressionTests", "Fixtures", "fe")


def tidy(f):
    t = f.tidy()
    return {"params": {k: float(v) for k, v in t["Estimate"].items()},
            "std_errors": {k: float(v) for k, v in t["Std. Error"].items()},
            "df_t": int(f._df_t), "nobs": int(f._N)}


def main():
    dm = MapDemeaner(fixef_tol=1e-13, fixef_maxiter=100_000)
    out = {"oracle": f"pyfixest=={pf.__version__}, pandas=={pd.__version__}, numpy=={np.__version__}",
           "formula": "y ~ x1 + x2 + x3 | id + year"}
    for seed in (1, 2, 3):
        df = pd.read_csv(os.path.join(OUT, f"panel_seed{seed}.csv"))
        fml = "y ~ x1 + x2 + x3 | id + year"
        case = {}
        for key, vcov in [("iid", "iid"), ("hetero", "hetero"), ("crv1_id", {"CRV1": "id"}),
                          ("crv1_region", {"CRV1": "region"})]:
            case[key] = tidy(pf.feols(fml, data=df, vcov=vcov, fixef_rm="none", demeaner=dm))
        f = pf.feols(fml, data=df, vcov="iid", fixef_rm="none", demeaner=dm)
        case["fixef"] = {k[2:-1]: {str(lab): float(v) for lab, v in levels.items()}
                         for k, levels in f.fixef(atol=1e-14, btol=1e-14).items()}
        # Per row, in the CSV's order: predict() (x'β plus the fixef() levels above) and resid().
        case["fitted"] = [float(v) for v in f.predict()]
        case["residuals"] = [float(v) for v in f.resid()]
        out[f"seed{seed}"] = case
    with open(os.path.join(OUT, "panel_entity_year_pyfixest.json"), "w") as fh:
        json.dump(out, fh, indent=1, allow_nan=False)


if __name__ == "__main__":
    main()
