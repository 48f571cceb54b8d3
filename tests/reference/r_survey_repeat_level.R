# R survey oracle for repeat-level (person-level) estimates: instances inherit the weight,
# stratum, PSU and fpc of their household (the interview) and are clustered within it.
# Reads tests/analysis/fixtures/repeat_{households,members,disputes}.csv (written by
# make_repeat_level_data.py) and writes tests/analysis/fixtures/repeat_level_r_reference.json.
# Run from the repository root:
#   Rscript tests/reference/r_survey_repeat_level.R
suppressPackageStartupMessages({library(survey); library(jsonlite)})
fx <- "tests/analysis/fixtures"
read <- function(name) read.csv(file.path(fx, name), stringsAsFactors = FALSE,
                                na.strings = c("", "NA"), check.names = FALSE)
households <- read("repeat_households.csv")
members <- read("repeat_members.csv")
disputes <- read("repeat_disputes.csv")
persons <- merge(members, households, by.x = "_parent_uuid", by.y = "uuid", sort = FALSE)
persons$household <- persons[["_parent_uuid"]]
persons$employed01 <- as.numeric(persons$employed == "yes")

est_se <- function(x) list(coef = unname(as.vector(coef(x))),
                           se = unname(as.numeric(unlist(SE(x)))), names = names(coef(x)))
member_statistics <- function(des) list(
  df = degf(des),
  mean_age = est_se(svymean(~age, des, na.rm = TRUE)),
  total_age = est_se(svytotal(~age, des, na.rm = TRUE)),
  prop_sex = est_se(svymean(~sex, des)),
  prop_employed = est_se(svymean(~employed, des)),
  by_region_age = est_se(svyby(~age, ~region, des, svymean, na.rm = TRUE)),
  by_sex_employed = est_se(svyby(~employed, ~sex, des, svymean)),
  ratio_income_hours = est_se(svyratio(~income, ~hours, des)),
  ciprop_employed = {
    ci <- svyciprop(~I(employed == "yes"), des, method = "logit")
    list(coef = unname(as.vector(coef(ci))), ci = unname(as.vector(attr(ci, "ci"))))
  }
)
nested <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = persons, nest = TRUE)
by_household <- svydesign(ids = ~household, strata = ~stratum, weights = ~w, data = persons)
with_fpc <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, fpc = ~fpc, data = persons,
                      nest = TRUE)

# disputes: one PSU has none, so the household design (every PSU) is the reference: the
# share settled through a mediator is the ratio of the households' counts
count_by <- function(values) tapply(values, factor(disputes[["_parent_uuid"]],
                                                   levels = households$uuid), sum)
hh <- households
hh$disputes <- as.numeric(count_by(rep(1, nrow(disputes))))
hh$mediated <- as.numeric(count_by(as.numeric(disputes$mediator == "yes")))
hh$cost <- as.numeric(count_by(disputes$cost))
hh$family <- as.numeric(count_by(as.numeric(disputes$kind == "family")))
hh$mediated_family <- as.numeric(count_by(as.numeric(disputes$kind == "family" &
                                                     disputes$mediator == "yes")))
hh[is.na(hh)] <- 0
hh_nested <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = hh, nest = TRUE)
hh_plain <- svydesign(ids = ~uuid, strata = ~stratum, weights = ~w, data = hh)
dispute_statistics <- function(des) list(
  df = degf(des),
  share_mediated = est_se(svyratio(~mediated, ~disputes, des)),
  mean_cost = est_se(svyratio(~cost, ~disputes, des)),
  total_mediated = est_se(svytotal(~mediated, des)),
  total_disputes = est_se(svytotal(~disputes, des)),
  by_region_mediated = est_se(svyby(~mediated, ~region, des, denominator = ~disputes,
                                    svyratio)),
  family_mediated = est_se(svyratio(~mediated_family, ~family, des))
)
# the same disputes merged with their households' design columns (PSUs without a dispute
# are missing from this design: its SE differs from the household design's)
dd <- merge(disputes, households, by.x = "_parent_uuid", by.y = "uuid", sort = FALSE)
dd$mediator01 <- as.numeric(dd$mediator == "yes")
merged <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = dd, nest = TRUE)

out <- list(
  survey_version = as.character(packageVersion("survey")),
  members = list(nested = member_statistics(nested), by_household = member_statistics(by_household),
                 fpc = list(mean_age = est_se(svymean(~age, with_fpc, na.rm = TRUE)),
                            prop_sex = est_se(svymean(~sex, with_fpc)))),
  disputes = list(nested = dispute_statistics(hh_nested), by_household = dispute_statistics(hh_plain),
                  merged_share = est_se(svymean(~mediator01, merged)), merged_df = degf(merged))
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE),
           file.path(fx, "repeat_level_r_reference.json"))
