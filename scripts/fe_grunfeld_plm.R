#!/usr/bin/env Rscript
# oracle: R 4.2.2, plm 2.6.2, jsonlite (Debian r-cran-plm, r-cran-jsonlite)
#
# 1. Exports plm's Grunfeld data (10 US firms x 20 years, 1935-1954) to datasets/grunfeld/grunfeld.csv.
# 2. Fits the one-way within model inv ~ value + capital with plm and writes the expected values to
#    Tests/RegressionTests/Fixtures/fe/grunfeld_plm.json: coefficients, iid standard errors, R^2 within,
#    adjusted R^2, the model F, the F test for individual effects (pFtest), every firm's fixed effect as
#    fixef() prints it (level form, alpha + u_i) with its standard error, and Stata's between/overall
#    R^2 and sigma_u written out from the xtreg manual's definitions (plm has no such statistics):
#      r2_between = corr(xbar_i' b, ybar_i)^2 over firms, r2_overall = corr(x_it' b, y_it)^2 over obs,
#      u_i = ybar_i - xbar_i' b - (ybar - xbar' b), sigma_u = sd(u_i) over firms (n - 1 divisor),
#      sigma_e = sqrt(RSS / (N - G - K)), rho = sigma_u^2 / (sigma_u^2 + sigma_e^2).
# Run from the repository root: Rscript scripts/fe_grunfeld_plm.R
suppressMessages({ library(plm); library(jsonlite) })
data("Grunfeld", package = "plm")
dir.create("datasets/grunfeld", recursive = TRUE, showWarnings = FALSE)
write.csv(Grunfeld, "datasets/grunfeld/grunfeld.csv", row.names = FALSE)

m <- plm(inv ~ value + capital, data = Grunfeld, model = "within", index = c("firm", "year"))
s <- summary(m)
pooled <- plm(inv ~ value + capital, data = Grunfeld, model = "pooling", index = c("firm", "year"))
pf <- pFtest(m, pooled)
fe <- fixef(m)              # type = "level": alpha + u_i
fes <- summary(fe)
b <- coef(m)
X <- as.matrix(Grunfeld[, c("value", "capital")])
y <- Grunfeld$inv
firm <- Grunfeld$firm
xb <- as.vector(X %*% b)
ybar_i <- tapply(y, firm, mean)
xbbar_i <- tapply(xb, firm, mean)
const <- mean(y) - mean(xb)
u <- ybar_i - xbbar_i - const
N <- nrow(Grunfeld); G <- length(unique(firm)); K <- length(b)
rss <- sum(residuals(m)^2)
sigma_e <- sqrt(rss / (N - G - K))
sigma_u <- sd(u)
out <- list(
  oracle = paste0("R ", R.version$major, ".", R.version$minor, ", plm ", as.character(packageVersion("plm"))),
  formula = "inv ~ value + capital | firm",
  nobs = N, groups = G, df_resid = N - G - K,
  coefficients = as.list(b),
  std_errors = as.list(sqrt(diag(vcov(m)))),
  r2_within = unname(s$r.squared["rsq"]),
  adj_r2 = unname(s$r.squared["adjrsq"]),
  f_stat = unname(s$fstatistic$statistic),
  f_df1 = unname(s$fstatistic$parameter["df1"]),
  f_df2 = unname(s$fstatistic$parameter["df2"]),
  rss = rss,
  f_fe = list(stat = unname(pf$statistic), df1 = unname(pf$parameter["df1"]),
              df2 = unname(pf$parameter["df2"]), p_value = pf$p.value),
  fixef_labels = names(fe),
  fixef = unname(as.vector(fe)),
  fixef_std_errors = unname(fes[, "Std. Error"]),
  stata_constant = const,
  stata_r2_between = cor(xbbar_i, ybar_i)^2,
  stata_r2_overall = cor(xb, y)^2,
  stata_sigma_u = sigma_u, stata_sigma_e = sigma_e,
  stata_rho = sigma_u^2 / (sigma_u^2 + sigma_e^2)
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE),
           "Tests/RegressionTests/Fixtures/fe/grunfeld_plm.json")
