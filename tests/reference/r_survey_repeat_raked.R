# R survey oracle for repeat-level estimates under weights raked at the interview level.
# The raking is done on the households (the interviews), so an instance-level mean or
# proportion is a ratio of household totals (the household's sum of y over its instances,
# over its number of instances answering y) and an instance-level total is a household total:
# svyratio / svytotal / svyby on the raked HOUSEHOLD design. Households without an instance
# stay in the design with zero totals.
# Reads tests/analysis/fixtures/repeat_{households,members,disputes}.csv and
# repeat_rake_{households.csv,margins.json} (make_repeat_level_data.py,
# make_repeat_raked_data.py); writes tests/analysis/fixtures/repeat_raked_r_reference.json.
# Run from the repository root:
#   Rscript tests/reference/r_survey_repeat_raked.R
suppressPackageStartupMessages({library(survey); library(jsonlite)})
fx <- "tests/analysis/fixtures"
read <- function(name) read.csv(file.path(fx, name), stringsAsFactors = FALSE,
                                na.strings = c("", "NA"), check.names = FALSE)
households <- merge(read("repeat_households.csv"), read("repeat_rake_households.csv"),
                    by = "uuid", sort = FALSE)
members <- read("repeat_members.csv")
disputes <- read("repeat_disputes.csv")
margins <- fromJSON(file.path(fx, "repeat_rake_margins.json"))
population <- lapply(names(margins), function(name) {
  frame <- data.frame(names(margins[[name]]), as.numeric(unlist(margins[[name]])))
  names(frame) <- c(name, "Freq")
  frame
})
sample_margins <- lapply(names(margins), function(name) as.formula(paste0("~", name)))

# household sums over the instances of a repeat (0 for a household without instances)
per_household <- function(instances, values) {
  keep <- !is.na(values)
  sums <- tapply(values[keep], factor(instances[["_parent_uuid"]][keep],
                                      levels = households$uuid), sum)
  sums[is.na(sums)] <- 0
  as.numeric(sums)
}
hh <- households
one <- function(x) as.numeric(x)
hh$age_sum <- per_household(members, members$age)
hh$age_n <- per_household(members, one(!is.na(members$age)))
hh$female <- per_household(members, one(members$sex == "female"))
hh$male <- per_household(members, one(members$sex == "male"))
hh$members <- per_household(members, rep(1, nrow(members)))
hh$employed_yes <- per_household(members, one(members$employed == "yes"))
hh$employed_no <- per_household(members, one(members$employed == "no"))
hh$disputes <- per_household(disputes, rep(1, nrow(disputes)))
hh$mediated <- per_household(disputes, one(disputes$mediator == "yes"))
hh$not_mediated <- per_household(disputes, one(disputes$mediator == "no"))
hh$cost <- per_household(disputes, disputes$cost)
hh$family <- per_household(disputes, one(disputes$kind == "family"))
hh$mediated_family <- per_household(disputes, one(disputes$kind == "family" &
                                                  disputes$mediator == "yes"))

est_se <- function(x) list(coef = unname(as.vector(coef(x))),
                           se = unname(as.numeric(unlist(SE(x)))), names = names(coef(x)))
statistics <- function(des) list(
  df = degf(des),
  weights_head = unname(weights(des)[1:5]),
  mean_age = est_se(svyratio(~age_sum, ~age_n, des)),
  total_age = est_se(svytotal(~age_sum, des)),
  prop_sex = est_se(svyratio(~female + male, ~members, des)),
  prop_employed = est_se(svyratio(~employed_no + employed_yes, ~members, des)),
  by_region_age = est_se(svyby(~age_sum, ~region, des, svyratio, denominator = ~age_n)),
  total_members = est_se(svytotal(~members, des)),
  members_per_household = est_se(svymean(~members, des)),
  share_mediated = est_se(svyratio(~not_mediated + mediated, ~disputes, des)),
  mean_cost = est_se(svyratio(~cost, ~disputes, des)),
  total_mediated = est_se(svytotal(~mediated, des)),
  total_disputes = est_se(svytotal(~disputes, des)),
  by_region_mediated = est_se(svyby(~mediated, ~region, des, svyratio,
                                    denominator = ~disputes)),
  by_region_total_disputes = est_se(svyby(~disputes, ~region, des, svytotal)),
  family_mediated = est_se(svyratio(~mediated_family, ~family, des)),
  disputes_per_household = est_se(svymean(~disputes, des)),
  cost_per_household = est_se(svymean(~cost, des)),
  by_region_disputes_per_household = est_se(svyby(~disputes, ~region, des, svymean))
)
control <- list(maxit = 100, epsilon = 1e-9)
nested <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = hh, nest = TRUE)
by_household <- svydesign(ids = ~uuid, strata = ~stratum, weights = ~w, data = hh)
raked_nested <- rake(nested, sample_margins, population, control = control)
raked_plain <- rake(by_household, sample_margins, population, control = control)
# the same raking through calibrate(calfun = "raking"): the same weights and residuals
totals <- function(name) {
  values <- unlist(margins[[name]])
  levels <- sort(names(values))[-1]
  setNames(values[levels], paste0(name, levels))
}
calibrated <- calibrate(nested, ~region + settlement + head_sex,
                        population = c(`(Intercept)` = sum(unlist(margins$region)),
                                       totals("region"), totals("settlement"),
                                       totals("head_sex")),
                        calfun = "raking", epsilon = 1e-12, maxit = 200)
hh$raked_w <- weights(raked_nested)
fixed <- svydesign(ids = ~psu, strata = ~stratum, weights = ~raked_w, data = hh, nest = TRUE)
out <- list(
  survey_version = as.character(packageVersion("survey")),
  nested = statistics(raked_nested),
  by_household = statistics(raked_plain),
  calibrated_share_mediated = est_se(svyratio(~mediated, ~disputes, calibrated)),
  fixed_share_mediated = est_se(svyratio(~mediated, ~disputes, fixed))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE),
           file.path(fx, "repeat_raked_r_reference.json"))
