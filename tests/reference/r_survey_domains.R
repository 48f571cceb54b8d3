# R survey oracle for domains (missing answers, subpopulations) on a design with a lonely PSU.
# Stratum 1 of tests/analysis/fixtures/comparisons_survey.csv is cut down to its first PSU, and
# the variables *_sub are missing in that stratum (region "abai"), so every estimate on them is
# a domain that does not reach the lonely stratum. Under options(survey.lonely.psu = "average")
# or "fail" R counts only the strata a (non-calibrated) subset reaches; a raked design keeps
# every row in a subset, so all its strata count. Writes
# tests/analysis/fixtures/domains_r_reference.json. Run from the repository root:
#   Rscript tests/reference/r_survey_domains.R
suppressPackageStartupMessages({library(survey); library(jsonlite)})
fx <- "tests/analysis/fixtures"
df <- read.csv(file.path(fx, "comparisons_survey.csv"), stringsAsFactors = FALSE,
               na.strings = c("", "NA"))
df <- df[!(df$stratum == 1 & df$psu > 1), ]
abai <- df$region == "abai"
df$trust_sub <- ifelse(abai, NA, df$trust_mediators)
df$heard_sub <- ifelse(abai, NA, df$heard_mediation)
df$heard_sub_yes <- ifelse(is.na(df$heard_sub), NA, as.numeric(df$heard_sub == "yes"))
# missing in stratum 1 at baseline only: the baseline domain misses the lonely stratum, the
# follow-up domain (and the rows used by a wave test) reach it
df$heard_mix_yes <- ifelse(abai & df$wave == "baseline", NA, df$heard_sub_yes)
df$heard_mix_yes[abai & df$wave == "followup"] <- as.numeric(
  df$heard_mediation[abai & df$wave == "followup"] == "yes")
df$heard_yes <- ifelse(is.na(df$heard_mediation), NA, as.numeric(df$heard_mediation == "yes"))
df$wave01 <- as.numeric(df$wave == "followup")
df$exp01 <- ifelse(df$campaign_exposed == "yes", 1, ifelse(df$campaign_exposed == "no", 0, NA))
pop <- list(
  region = data.frame(region = c("abai", "akmola", "almaty", "astana", "karaganda",
                                 "shymkent", "turkistan", "ulytau"),
                      Freq = c(12000, 15000, 42000, 27000, 22000, 24000, 42000, 16000)),
  sex = data.frame(sex = c("male", "female"), Freq = c(96000, 104000)),
  age_group = data.frame(age_group = c("18-44", "45-59", "60+"), Freq = c(110000, 50000, 40000)),
  settlement = data.frame(settlement = c("urban", "rural"), Freq = c(124000, 76000))
)
sm <- list(~region, ~sex, ~age_group, ~settlement)
plain <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = df, nest = TRUE)
raked <- rake(plain, sm, pop, control = list(maxit = 50, epsilon = 1e-9))

attempt <- function(expr) tryCatch(expr, error = function(e) list(error = conditionMessage(e)))
est_se <- function(x) list(coef = unname(as.vector(coef(x))), se = unname(as.numeric(unlist(SE(x)))),
                          names = names(coef(x)))

statistics <- function(des) {
  out <- list()
  out$mean_trust_sub <- attempt(est_se(svymean(~trust_sub, des, na.rm = TRUE)))
  out$total_trust_sub <- attempt(est_se(svytotal(~trust_sub, des, na.rm = TRUE)))
  out$prop_heard_sub <- attempt(est_se(svymean(~heard_sub, des, na.rm = TRUE)))
  out$ciprop_heard_sub <- attempt({
    ci <- svyciprop(~I(heard_sub == "yes"), subset(des, !is.na(heard_sub)), method = "logit")
    list(coef = unname(as.vector(coef(ci))), ci = unname(as.vector(attr(ci, "ci"))))
  })
  out$by_sex_trust_sub <- attempt(est_se(svyby(~trust_sub, ~sex, des, svymean, na.rm = TRUE)))
  out$ratio <- attempt(est_se(svyratio(~knows_law, ~trust_sub, des, na.rm = TRUE)))
  out$chisq <- attempt({
    t <- svychisq(~heard_sub + sex, des)
    list(statistic = unname(t$statistic), parameter = unname(t$parameter),
         p_value = unname(t$p.value))
  })
  out$colpct <- attempt(est_se(svyby(~heard_sub, ~sex, des, svymean, na.rm = TRUE)))
  used <- subset(des, !is.na(trust_sub))
  out$region_trust_sub <- attempt(lapply(setdiff(sort(unique(df$region)), "abai"), function(r) {
    t <- svyttest(as.formula(sprintf("trust_sub ~ I(region == '%s')", r)), des)
    list(region = r, t = unname(t$statistic), df = unname(t$parameter),
         p_value = unname(t$p.value))
  }))
  out$region_means <- attempt(est_se(svyby(~trust_sub, ~region, used, svymean, na.rm = TRUE)))
  out$wave <- attempt({
    t <- svyttest(heard_sub_yes ~ wave, des)
    list(t = unname(t$statistic), df = unname(t$parameter), p_value = unname(t$p.value),
         by_wave = est_se(svyby(~heard_sub_yes, ~wave, subset(des, !is.na(heard_sub_yes)),
                                svymean, na.rm = TRUE)))
  })
  out$did <- attempt({
    g <- svyglm(heard_sub_yes ~ wave01 * exp01, des, family = quasibinomial())
    gg <- svyglm(heard_sub_yes ~ wave01 * exp01, des)
    cells <- svyby(~heard_sub_yes, ~exp01 + wave01,
                   subset(des, !is.na(heard_sub_yes) & !is.na(exp01)), svymean,
                   na.rm = TRUE)
    list(coef = unname(coef(g)), se = unname(SE(g)), df = g$df.residual,
         points = c(unname(coef(gg)[4]), unname(SE(gg)[4])), cells = est_se(cells))
  })
  out$wave_mix <- attempt({
    t <- svyttest(heard_mix_yes ~ wave, des)
    list(t = unname(t$statistic), df = unname(t$parameter), p_value = unname(t$p.value),
         by_wave = est_se(svyby(~heard_mix_yes, ~wave, subset(des, !is.na(heard_mix_yes)),
                                svymean, na.rm = TRUE)))
  })
  out$region_whole <- attempt({
    inner <- subset(des, !is.na(trust_mediators))
    list(means = est_se(svyby(~trust_mediators, ~region, inner, svymean, na.rm = TRUE)),
         t = sapply(sort(unique(df$region)), function(r) unname(svyttest(
           as.formula(sprintf("trust_mediators ~ I(region == '%s')", r)), des)$statistic),
           USE.NAMES = FALSE))
  })
  out$whole_trust <- attempt(est_se(svymean(~trust_mediators, des, na.rm = TRUE)))
  out
}

out <- list(survey_version = as.character(packageVersion("survey")),
            rake_margins = lapply(pop, function(p) setNames(as.list(p$Freq), p[[1]])))
for (rule in c("average", "fail")) {
  options(survey.lonely.psu = rule)
  out[[rule]] <- list(plain = statistics(plain), raked = statistics(raked))
}
options(survey.lonely.psu = "fail")
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE),
           file.path(fx, "domains_r_reference.json"))
