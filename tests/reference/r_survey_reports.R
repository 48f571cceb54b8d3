# R survey oracle for the report's weighting and intervals: each wave raked to the adult margins
# on its own, cross-tab column percentages with svyciprop intervals on each column's design
# degrees of freedom, region proportions with logit intervals.
# Reads tests/analysis/fixtures/reports_survey.csv (make_reports_data.py) and the bundled adult
# margins analysis/data/kz_population_adults.csv; writes
# tests/analysis/fixtures/reports_r_reference.json. Run from the repository root:
#   Rscript tests/reference/r_survey_reports.R
suppressPackageStartupMessages({library(survey); library(jsonlite)})
options(survey.lonely.psu = "adjust")
fx <- "tests/analysis/fixtures"
df <- read.csv(file.path(fx, "reports_survey.csv"), stringsAsFactors = FALSE)
adults <- read.csv("analysis/data/kz_population_adults.csv", stringsAsFactors = FALSE)
margin_of <- function(dim) {
  rows <- adults[adults$dimension == dim, ]
  setNames(rows$population / sum(rows$population), rows$category)
}
# design weights: adult population of the region over respondents of the region in the wave
region_pop <- margin_of("region") * sum(adults$population[adults$dimension == "region"])
n_rw <- ave(rep(1, nrow(df)), df$region, df$wave, FUN = sum)
df$w <- unname(region_pop[df$region]) / n_rw
df$heard_yes <- as.numeric(df$heard_mediation == "yes")
des <- svydesign(ids = ~sampling_point, strata = ~region, weights = ~w, data = df, nest = TRUE)
out <- list(survey_version = as.character(packageVersion("survey")))

# every wave raked on its own: each margin crossed with the wave, targets = adult shares times
# the wave's sum of design weights
dims <- c("region", "settlement", "sex", "age_group")
totals <- tapply(df$w, df$wave, sum)
pops <- lapply(dims, function(dim) {
  shares <- margin_of(dim)
  grid <- expand.grid(cat = names(shares), wave = names(totals), stringsAsFactors = FALSE)
  grid$Freq <- unname(shares[grid$cat] * totals[grid$wave])
  names(grid)[1] <- dim
  grid
})
sample_margins <- lapply(dims, function(dim) as.formula(paste0("~", dim, " + wave")))
raked <- rake(des, sample_margins, pops, control = list(maxit = 100, epsilon = 1e-7))  # as RAKE_EPSILON
out$per_wave_weights <- unname(weights(raked))
by_wave <- svyby(~heard_yes, ~wave, raked, svymean)
out$per_wave_heard <- list(wave = by_wave$wave, coef = unname(coef(by_wave)),
                           se = unname(SE(by_wave)))
tt <- svyttest(heard_yes ~ wave, raked)
out$per_wave_change <- list(difference = unname(tt$estimate), t = unname(tt$statistic),
                            df = unname(tt$parameter), p_value = unname(tt$p.value))
sex_share <- svyby(~I(sex == "female"), ~wave, raked, svymean)
out$per_wave_female <- unname(coef(sex_share))

# cross-tab column percentages: svyciprop within each column (logit and Korn-Graubard)
colpct <- function(design, row, column, method) {
  d <- subset(design, !is.na(design$variables[[row]]) & !is.na(design$variables[[column]]))
  res <- list()
  for (g in sort(unique(d$variables[[column]]))) {
    for (a in sort(unique(d$variables[[row]]))) {
      sub <- subset(d, d$variables[[column]] == g)
      sub$variables$hit <- as.numeric(sub$variables[[row]] == a)
      p <- svyciprop(~hit, sub, method = method)
      ci <- attr(p, "ci")
      res[[length(res) + 1]] <- list(group = g, answer = a, estimate = as.numeric(p),
                                     se = as.numeric(sqrt(attr(p, "var"))),
                                     ci_low = unname(ci[1]), ci_high = unname(ci[2]),
                                     df = degf(sub))
    }
  }
  res
}
out$colpct_logit <- colpct(des, "heard_mediation", "sex", "logit")
out$colpct_beta <- colpct(des, "heard_mediation", "settlement", "beta")
out$colpct_raked_logit <- colpct(raked, "heard_mediation", "age_group", "logit")
out$region_logit <- colpct(des, "heard_mediation", "region", "logit")

write_json(out, file.path(fx, "reports_r_reference.json"), digits = NA, auto_unbox = TRUE,
           pretty = FALSE)
cat("wrote reports_r_reference.json\n")
