#!/usr/bin/env Rscript
# Oracle for PanelStatsData's ModelFrame: R's model.frame/model.matrix, as lm() builds them.
# oracle: R 4.2.2 (stats::model.frame, stats::model.matrix), jsonlite 1.8.4; LC_COLLATE=C.UTF-8
# Writes Tests/DataTests/Fixtures/model_frame_panel.csv (generated data, seed 20241)
# and Tests/DataTests/Fixtures/model_frame_expected.json (per formula: kept rows, response,
# design column names and column-major values as "%.17g" strings, per-variable NA counts).
# Run from the repository root: Rscript scripts/data_model_matrix_oracle.R
suppressMessages(library(jsonlite))
Sys.setlocale("LC_COLLATE", "C")
set.seed(20241)
n <- 60
ids <- sprintf("e%02d", rep(1:12, each = 5))
year <- rep(2014:2018, times = 12)
region <- c("Nord", "Syd", "Øst", "Vest", "Ærø")[(rep(1:12, each = 5) %% 5) + 1]
x1 <- round(rnorm(n), 6)
x2 <- round(runif(n, 1, 5), 6)
x3 <- round(rexp(n) + 0.1, 6)
y <- round(1 + 0.5 * x1 - 0.25 * x2 + rnorm(n), 6)
x1[c(3, 17)] <- NA
x2[c(17, 41, 42)] <- NA
y[c(8, 55)] <- NA
region[c(29)] <- NA
data <- data.frame(id = ids, year = year, region = region, y = y, x1 = x1, x2 = x2, x3 = x3,
                   stringsAsFactors = FALSE)
out_csv <- "Tests/DataTests/Fixtures/model_frame_panel.csv"
write.csv(data, out_csv, row.names = FALSE, na = "NA", fileEncoding = "UTF-8")

# Read back exactly as a user would, so the oracle sees the file's values.
d <- read.csv(out_csv, stringsAsFactors = FALSE, na.strings = c("", "NA", "."), encoding = "UTF-8")

cases <- list(
  list(ours = "y ~ x1 + x2", r = y ~ x1 + x2),
  list(ours = "y ~ x1 + factor(year)", r = y ~ x1 + factor(year)),
  list(ours = "y ~ x1 + factor(year, ref=2016)", r = y ~ x1 + relevel(factor(year), ref = "2016"),
       rename = c("relevel(factor(year), ref = \"2016\")" = "factor(year)")),
  list(ours = "y ~ factor(region) + I(x1^2) + log(x3)", r = y ~ factor(region) + I(x1^2) + log(x3)),
  list(ours = "y ~ 0 + factor(region) + x1 + factor(year)", r = y ~ 0 + factor(region) + x1 + factor(year)),
  list(ours = "y ~ x1 + I((x2 - 1) * x3 / 2) - 1", r = y ~ x1 + I((x2 - 1) * x3 / 2) - 1),
  list(ours = "log(x3) ~ x1 + I(-x2^2) + x2", r = log(x3) ~ x1 + I(-x2^2) + x2)
)

results <- lapply(cases, function(case) {
  mf <- model.frame(case$r, d, na.action = na.omit, drop.unused.levels = TRUE)
  X <- model.matrix(case$r, mf)
  names <- colnames(X)
  if (!is.null(case$rename)) {
    for (old in names(case$rename)) names <- sub(old, case$rename[[old]], names, fixed = TRUE)
  }
  kept <- as.integer(rownames(mf)) - 1L
  vars <- all.vars(case$r)
  na_counts <- lapply(vars, function(v) sum(is.na(d[[v]])))
  names(na_counts) <- vars
  # Numbers as "%.17g" strings: exact round trip (jsonlite prints at most 15 digits).
  list(formula = case$ours, rows = kept, response = sprintf("%.17g", unname(model.response(mf))),
       names = names, design = sprintf("%.17g", as.vector(X)), removed = nrow(d) - nrow(mf),
       missing = na_counts)
})
writeLines(toJSON(results, auto_unbox = TRUE, pretty = TRUE),
           "Tests/DataTests/Fixtures/model_frame_expected.json")
