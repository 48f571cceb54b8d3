# Reference figures from R's survey package for tests/analysis (estimates, CIs, by-group,
# domains, every lonely-PSU option, fpc as population count and as fraction).
#
# Run from the repository root (needs R with survey and jsonlite):
#   .venv/bin/python tests/reference/make_survey_estimates_data.py
#   Rscript tests/reference/r_survey_estimates.R
# Reads tests/analysis/fixtures/survey_estimates_data.csv and writes
# tests/analysis/fixtures/r_survey_estimates.json (one record per figure).
suppressPackageStartupMessages({ library(survey); library(jsonlite) })

dir <- "tests/analysis/fixtures"
d <- read.csv(file.path(dir, "survey_estimates_data.csv"), na.strings = "NA",
              stringsAsFactors = FALSE)
d$cat <- factor(d$cat)
for (ch in c("a", "b", "c")) {
  d[[paste0("sm_", ch)]] <- ifelse(is.na(d$sm), NA,
                                  as.numeric(grepl(paste0("(^| )", ch, "( |$)"), d$sm)))
}

designs <- list(
  base = list(ids = ~psu, fpc = NULL, lonely = "fail", strata = TRUE),
  fpc_n = list(ids = ~psu, fpc = ~fpc_n, lonely = "fail", strata = TRUE),
  fpc_f = list(ids = ~psu, fpc = ~fpc_f, lonely = "fail", strata = TRUE),
  srs = list(ids = ~1, fpc = NULL, lonely = "fail", strata = FALSE),
  unweighted = list(ids = ~psu, fpc = NULL, lonely = "fail", strata = TRUE, weights = FALSE),
  strata_only = list(ids = ~1, fpc = NULL, lonely = "fail", strata = TRUE),
  lonely_remove = list(ids = ~psu_lonely, fpc = NULL, lonely = "remove", strata = TRUE),
  lonely_certainty = list(ids = ~psu_lonely, fpc = NULL, lonely = "certainty", strata = TRUE),
  lonely_adjust = list(ids = ~psu_lonely, fpc = NULL, lonely = "adjust", strata = TRUE),
  lonely_average = list(ids = ~psu_lonely, fpc = NULL, lonely = "average", strata = TRUE),
  lonely_adjust_fpc = list(ids = ~psu_lonely, fpc = ~fpc_n, lonely = "adjust", strata = TRUE),
  lonely_average_fpc = list(ids = ~psu_lonely, fpc = ~fpc_n, lonely = "average", strata = TRUE)
)

records <- list()
add <- function(...) records[[length(records) + 1]] <<- list(...)

finite <- function(v) ifelse(is.finite(v), v, NA)

rec_stat <- function(dname, stat, s, variable, group_var = NA, group = NA, cats = NULL,
                     level = 0.95) {
  est <- coef(s); se <- SE(s); de <- finite(deff(s)); ci <- confint(s, level = level)
  for (i in seq_along(est)) {
    add(design = dname, stat = stat, variable = variable,
        category = if (is.null(cats)) NA else cats[i], group_var = group_var, group = group,
        estimate = unname(est[i]), se = unname(se[i]), deff = unname(de[i]),
        ci_low = unname(ci[i, 1]), ci_high = unname(ci[i, 2]), level = level)
  }
}

rec_by <- function(dname, stat, b, variable, group_var, cats = NULL) {
  for (r in seq_len(nrow(b))) {
    vars <- attr(b, "svyby")$variables
    for (k in seq_along(vars)) {
      v <- vars[k]
      se_col <- if (length(vars) == 1) "se" else paste0("se.", v)
      de_col <- paste0("DEff.", v)
      add(design = dname, stat = stat, variable = variable,
          category = if (is.null(cats)) NA else cats[k], group_var = group_var,
          group = as.character(b[r, group_var]), estimate = b[r, v], se = b[r, se_col],
          deff = finite(b[r, de_col]), ci_low = NA, ci_high = NA)
    }
  }
}

rec_ciprop <- function(dname, method, expr, variable, category, des, group_var = NA,
                       group = NA, level = 0.95) {
  p <- eval(bquote(svyciprop(.(expr), des, method = method, level = level)))
  ci <- attr(p, "ci")
  add(design = dname, stat = paste0("ciprop_", method, if (level == 0.95) "" else "_90"),
      variable = variable,
      category = category, group_var = group_var, group = group, estimate = as.numeric(unclass(p)),
      se = as.numeric(sqrt(attr(p, "var"))), deff = NA, ci_low = unname(ci[1]),
      ci_high = unname(ci[2]), df = degf(des), level = level)
}

for (dname in names(designs)) {
  spec <- designs[[dname]]
  options(survey.lonely.psu = spec$lonely)
  weighted <- is.null(spec$weights) || spec$weights
  des <- suppressWarnings(svydesign(ids = spec$ids, strata = if (spec$strata) ~stratum else NULL,
                                    weights = if (weighted) ~w else NULL, fpc = spec$fpc,
                                    data = d, nest = TRUE))
  add(design = dname, stat = "degf", variable = NA, category = NA, group_var = NA,
      group = NA, estimate = degf(des), se = NA, deff = NA, ci_low = NA, ci_high = NA)
  for (v in c("x", "bin", "lk", "k2", "sm_a", "sm_b", "sm_c")) {
    rec_stat(dname, "mean", svymean(as.formula(paste0("~", v)), des, na.rm = TRUE,
                                    deff = TRUE), v)
  }
  rec_stat(dname, "total", svytotal(~x, des, na.rm = TRUE, deff = TRUE), "x")
  r <- svyratio(~x, ~lk, des, na.rm = TRUE)
  add(design = dname, stat = "ratio", variable = "x/lk", category = NA, group_var = NA,
      group = NA, estimate = as.numeric(coef(r)), se = as.numeric(SE(r)), deff = NA,
      ci_low = NA, ci_high = NA)
  m_cat <- svymean(~cat, des, na.rm = TRUE, deff = TRUE)
  rec_stat(dname, "mean", m_cat, "cat", cats = levels(d$cat))
  add(design = dname, stat = "vcov", variable = "cat", category = NA, group_var = NA,
      group = NA, estimate = NA, se = NA, deff = NA, ci_low = NA, ci_high = NA,
      matrix = as.vector(vcov(m_cat)))
  rec_stat(dname, "total", svytotal(~cat, des, na.rm = TRUE, deff = TRUE), "cat",
           cats = levels(d$cat))
  rec_stat(dname, "mean", svymean(~x, subset(des, sex == "f"), na.rm = TRUE, deff = TRUE),
           "x", group_var = "sex", group = "f")
  rec_by(dname, "mean", svyby(~x, ~sex, des, svymean, na.rm = TRUE, deff = TRUE), "x", "sex")
  rec_by(dname, "mean", svyby(~x, ~region, des, svymean, na.rm = TRUE, deff = TRUE), "x",
         "region")
  rec_by(dname, "total", svyby(~x, ~region, des, svytotal, na.rm = TRUE, deff = TRUE), "x",
         "region")
  rec_by(dname, "mean", svyby(~cat, ~region, des, svymean, na.rm = TRUE, deff = TRUE), "cat",
         "region", cats = levels(d$cat))
  rec_stat(dname, "mean_level90", svymean(~x, des, na.rm = TRUE, deff = TRUE), "x",
           level = 0.9)
  b2 <- svyby(~x, ~region + sex, des, svymean, na.rm = TRUE, deff = TRUE)
  for (r in seq_len(nrow(b2))) {
    add(design = dname, stat = "mean_by2", variable = "x", category = NA,
        group_var = "region+sex", group = paste(b2$region[r], b2$sex[r]), estimate = b2$x[r],
        se = b2$se[r], deff = finite(b2$DEff.x[r]), ci_low = NA, ci_high = NA)
  }
  for (method in c("logit", "beta")) {
    rec_ciprop(dname, method, quote(~I(cat == "b")), "cat", "b", subset(des, !is.na(cat)),
               level = 0.9)
    rec_ciprop(dname, method, quote(~I(cat == "b")), "cat", "b", subset(des, !is.na(cat)))
    rec_ciprop(dname, method, quote(~I(bin == 1)), "bin", "1", subset(des, !is.na(bin)))
    rec_ciprop(dname, method, quote(~I(lk >= 4)), "lk", "top2", subset(des, !is.na(lk)))
    for (r in sort(unique(d$region))) {
      rec_ciprop(dname, method, quote(~I(bin == 1)), "bin", "1",
                 subset(des, !is.na(bin) & region == r), group_var = "region", group = r)
    }
  }
}

write_json(records, file.path(dir, "r_survey_estimates.json"), digits = NA, auto_unbox = TRUE,
           na = "null", pretty = FALSE)
cat("wrote", length(records), "records\n")
