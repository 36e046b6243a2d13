#!/usr/bin/env Rscript
# oracle: R 4.2.2, plm 2.6.2, jsonlite 1.8.4 (Debian r-base, r-cran-plm, r-cran-jsonlite)
#
# R's answers for the numerical edge cases of Tests/HostileInputTests, on the CSV files written by
# scripts/make_hostile_numerics.py (run that first). lm() drops collinear columns in formula order
# (coefficient NA) with tol = 1e-7 on its pivoted QR; plm's within model for the FE singleton panel.
# Writes Tests/HostileInputTests/Fixtures/numerics_r.json.
# Run from the repository root: Rscript scripts/hostile_numerics.R
suppressMessages({ library(plm); library(jsonlite) })
dir <- "Tests/HostileInputTests/Fixtures"
read <- function(name) read.csv(file.path(dir, "numerics", paste0(name, ".csv")), colClasses = "numeric")

fit <- function(data, formula) {
  m <- lm(as.formula(formula), data = data)
  b <- coef(m)
  kept <- !is.na(b)
  s <- summary(m)
  list(formula = formula,
       terms = I(names(b)[kept]), omitted = I(names(b)[!kept]),
       coefficients = unname(b[kept]),
       std_errors = unname(s$coefficients[, "Std. Error"]),
       rss = sum(residuals(m)^2), r2 = s$r.squared, df_resid = m$df.residual)
}

out <- list(oracle = paste0("R ", R.version$major, ".", R.version$minor, ", plm ", as.character(packageVersion("plm"))))
out$collinear <- fit(read("collinear"), "y ~ x1 + x2 + x3")
out$shares <- fit(read("shares"), "y ~ s1 + s2 + s3 + s4 + s5 + s6")
out$near_collinear <- fit(read("near_collinear"), "y ~ x1 + x2 + x3")
d <- read("constant_column")
out$constant_column <- list(with_intercept = fit(d, "y ~ x1 + c"), zero_column = fit(d, "y ~ x1 + z"),
                            without_intercept = fit(d, "y ~ x1 + c - 1"))
out$n_equals_k <- fit(read("n_equals_k"), "y ~ x1")
out$scales <- fit(read("scales"), "y ~ x1 + x2")

d <- read.csv(file.path(dir, "numerics", "fe_singleton.csv"))
m <- plm(y ~ x1 + x2, data = pdata.frame(d, index = c("id", "year")), model = "within", effect = "individual")
out$fe_singleton <- list(formula = "y ~ x1 + x2 | id", coefficients = unname(coef(m)),
                         std_errors = unname(sqrt(diag(vcov(m)))), df_resid = df.residual(m),
                         r2_within = unname(summary(m)$r.squared["rsq"]))

writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(dir, "numerics_r.json"))
