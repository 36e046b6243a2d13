#!/usr/bin/env Rscript
# oracle: R 4.2.2, plm 2.6.2, jsonlite (Debian r-cran-plm, r-cran-jsonlite)
#
# Fits the one-way within model y ~ x1 + x2 + x3 + factor(year), entity "id", on the generated
# unbalanced panels written by scripts/fe_panels.py, and writes plm's coefficients, conventional (iid)
# standard errors, R^2, adjusted R^2, model F, pFtest and fixef() levels to panel_seedS_plm.json.
# Run from the repository root after scripts/fe_panels.py: Rscript scripts/fe_panels_plm.R
suppressMessages({ library(plm); library(jsonlite) })
dir <- "Tests/RegressionTests/Fixtures/fe"
for (seed in 1:3) {
  d <- read.csv(file.path(dir, sprintf("panel_seed%d.csv", seed)), stringsAsFactors = FALSE)
  pd <- pdata.frame(d, index = c("id", "year"))
  m <- plm(y ~ x1 + x2 + x3 + factor(year), data = pd, model = "within", effect = "individual")
  pooled <- plm(y ~ x1 + x2 + x3 + factor(year), data = pd, model = "pooling")
  s <- summary(m)
  pf <- pFtest(m, pooled)
  fe <- fixef(m)
  out <- list(
    oracle = paste0("R ", R.version$major, ".", R.version$minor, ", plm ", as.character(packageVersion("plm"))),
    seed = seed, nobs = nrow(d),
    coefficients = as.list(coef(m)),
    std_errors = as.list(sqrt(diag(vcov(m)))),
    r2_within = unname(s$r.squared["rsq"]), adj_r2 = unname(s$r.squared["adjrsq"]),
    f_stat = unname(s$fstatistic$statistic),
    f_fe = list(stat = unname(pf$statistic), df1 = unname(pf$parameter["df1"]),
                df2 = unname(pf$parameter["df2"]), p_value = pf$p.value),
    fixef_labels = names(fe), fixef = unname(as.vector(fe))
  )
  writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE),
             file.path(dir, sprintf("panel_seed%d_plm.json", seed)))
}
