# R survey oracle for cross-tabs, region-vs-rest, raking and campaign evaluation.
# Reads tests/analysis/fixtures/comparisons_survey.csv (written by make_comparisons_data.py) and writes
# tests/analysis/fixtures/comparisons_r_reference.json. Run from the repository root:
#   Rscript tests/reference/r_survey_comparisons.R
suppressPackageStartupMessages({library(survey); library(jsonlite)})
fx <- "tests/analysis/fixtures"
df <- read.csv(file.path(fx, "comparisons_survey.csv"), stringsAsFactors = FALSE,
               na.strings = c("", "NA"))
df$heard_yes <- ifelse(is.na(df$heard_mediation), NA, as.numeric(df$heard_mediation == "yes"))
df$wave01 <- as.numeric(df$wave == "followup")
df$exp01 <- ifelse(df$campaign_exposed == "yes", 1, ifelse(df$campaign_exposed == "no", 0, NA))
d1 <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = df, nest = TRUE)
d3 <- svydesign(ids = ~psu, weights = ~weight, data = transform(df, psu = stratum * 100 + psu))
d0 <- svydesign(ids = ~1, data = df)
out <- list(survey_version = as.character(packageVersion("survey")))

chisq_list <- function(formula, design, statistic = "F") {
  t <- svychisq(formula, design, statistic = statistic)
  list(statistic = unname(t$statistic), parameter = unname(t$parameter),
       p_value = unname(t$p.value))
}
out$chisq <- list(
  strat_F = chisq_list(~heard_mediation + region, d1),
  strat_Chisq = chisq_list(~heard_mediation + region, d1, "Chisq"),
  clus_F = chisq_list(~age_group + sex, d3),
  strat_sex_wave_F = chisq_list(~sex + wave, d1)
)
pt <- chisq.test(table(df$heard_mediation, df$region), correct = FALSE)
out$pearson_srs <- list(statistic = unname(pt$statistic), df = unname(pt$parameter),
                        p_value = pt$p.value)
by <- svyby(~heard_mediation, ~region, d1, svymean, na.rm = TRUE)
out$colpct <- list(region = by$region, coef = unname(as.vector(coef(by))),
                   se = unname(as.vector(SE(by))), names = names(coef(by)))

# each region against the rest: svyttest(y ~ I(region == r))
vs_rest <- function(yname) {
  res <- lapply(sort(unique(df$region)), function(r) {
    f <- as.formula(sprintf("%s ~ I(region == '%s')", yname, r))
    t <- svyttest(f, d1)
    list(region = r, difference = unname(t$estimate), t = unname(t$statistic),
         df = unname(t$parameter), p_value = unname(t$p.value),
         ci = unname(as.vector(t$conf.int)))
  })
  p <- sapply(res, `[[`, "p_value")
  list(rows = res, holm = p.adjust(p, "holm"), bh = p.adjust(p, "BH"))
}
vs_rest_in <- function(design, yname) {
  res <- lapply(sort(unique(design$variables$region)), function(r) {
    f <- as.formula(sprintf("%s ~ I(region == '%s')", yname, r))
    t <- svyttest(f, design)
    list(region = r, difference = unname(t$estimate), t = unname(t$statistic),
         df = unname(t$parameter), p_value = unname(t$p.value))
  })
  res
}
out$region_heard <- vs_rest("heard_yes")
out$region_trust <- vs_rest("trust_mediators")
mb <- svyby(~trust_mediators, ~region, d1, svymean, na.rm = TRUE)
out$region_trust_means <- list(region = mb$region, coef = unname(coef(mb)), se = unname(SE(mb)))

# raking
pop <- list(
  region = data.frame(region = c("abai", "akmola", "almaty", "astana", "karaganda",
                                 "shymkent", "turkistan", "ulytau"),
                      Freq = c(12000, 15000, 42000, 27000, 22000, 24000, 42000, 16000)),
  sex = data.frame(sex = c("male", "female"), Freq = c(96000, 104000)),
  age_group = data.frame(age_group = c("18-44", "45-59", "60+"), Freq = c(110000, 50000, 40000)),
  settlement = data.frame(settlement = c("urban", "rural"), Freq = c(124000, 76000))
)
out$rake_margins <- lapply(pop, function(p) setNames(as.list(p$Freq), p[[1]]))
sm <- list(~region, ~sex, ~age_group, ~settlement)
stats_of <- function(des) {
  m1 <- svymean(~heard_yes, des, na.rm = TRUE)
  m2 <- svymean(~trust_mediators, des, na.rm = TRUE)
  tt <- svytotal(~knows_law, des, na.rm = TRUE)
  g <- svyglm(heard_yes ~ wave01 * exp01, des, family = quasibinomial())
  ch <- svychisq(~heard_mediation + wave, des)
  list(weights = unname(weights(des)),
       mean_heard = c(coef(m1), SE(m1)), mean_trust = c(coef(m2), SE(m2)),
       total_knows = c(coef(tt), SE(tt)),
       glm_coef = unname(coef(g)), glm_se = unname(SE(g)),
       chisq = c(ch$statistic, ch$parameter, ch$p.value))
}
r1 <- rake(d1, sm, pop)
out$rake_default <- stats_of(r1)
r2 <- rake(d1, sm, pop, control = list(maxit = 50, epsilon = 1e-9))
out$rake_tight <- stats_of(r2)
r3 <- trimWeights(r2, lower = 40, upper = 220)
out$rake_trim <- stats_of(r3)
out$rake_trim_strict <- list(weights = unname(weights(trimWeights(r2, lower = 40, upper = 220,
                                                                  strict = TRUE))))
out$rake_noconv <- tryCatch({rake(d1, sm, pop, control = list(maxit = 2, epsilon = 1e-9)); "none"},
                            warning = function(w) conditionMessage(w))

# campaign
tw <- svyttest(heard_yes ~ wave, d1)
out$wave_diff <- list(difference = unname(tw$estimate), t = unname(tw$statistic),
                      df = unname(tw$parameter), p_value = tw$p.value,
                      ci = unname(as.vector(tw$conf.int)))
gq <- svyglm(heard_yes ~ wave01 * exp01, d1, family = quasibinomial())
sq <- summary(gq)$coefficients
out$did_logit <- list(coef = unname(sq[, 1]), se = unname(sq[, 2]), t = unname(sq[, 3]),
                      p = unname(sq[, 4]), df = gq$df.residual,
                      ci = unname(as.matrix(confint(gq))))
gg <- svyglm(heard_yes ~ wave01 * exp01, d1)
sg <- summary(gg)$coefficients
out$did_points <- list(estimate = sg[4, 1], se = sg[4, 2], t = sg[4, 3], p = sg[4, 4],
                       df = gg$df.residual, ci = unname(confint(gg)[4, ]))
# (svyby(covmat = TRUE) fails with na.rm = TRUE, so the missing rows are dropped by subset)
d1s <- subset(d1, !is.na(heard_yes) & !is.na(exp01))
cb <- svyby(~heard_yes, ~exp01 + wave01, d1s, svymean, covmat = TRUE)
ct <- svycontrast(cb, c(1, -1, -1, 1))
out$did_contrast <- list(estimate = unname(coef(ct)), se = unname(SE(ct)),
                         cells = unname(coef(cb)), cell_se = unname(SE(cb)))
# more designs: raked domains, finite population correction, clusters only, a number
out$raked_region_trust <- vs_rest_in(r2, "trust_mediators")
rb <- svyby(~trust_mediators, ~region, r2, svymean, na.rm = TRUE)
out$raked_region_means <- list(region = rb$region, coef = unname(coef(rb)), se = unname(SE(rb)))
df$npsu <- ave(df$psu, df$stratum, FUN = function(p) 3 * length(unique(p)))
dfpc <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~npsu, data = df,
                  nest = TRUE)
out$fpc_chisq <- chisq_list(~heard_mediation + age_group, dfpc)
gc <- svyglm(heard_yes ~ wave01 * exp01, d3, family = quasibinomial())
out$clus_logit <- list(coef = unname(coef(gc)), se = unname(SE(gc)), df = gc$df.residual)
tn <- svyttest(trust_mediators ~ wave, d1)
out$wave_trust <- list(difference = unname(tn$estimate), t = unname(tn$statistic),
                       df = unname(tn$parameter), p_value = tn$p.value)
# a stratum left with a single PSU, lonely PSUs "adjust"d
options(survey.lonely.psu = "adjust")
dfl <- df[!(df$stratum == 1 & df$psu > 1), ]
dl <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = dfl, nest = TRUE)
gl <- svyglm(heard_yes ~ wave01 * exp01, dl, family = quasibinomial())
tl <- svyttest(heard_yes ~ wave, dl)
out$lonely_adjust <- list(chisq = chisq_list(~heard_mediation + sex, dl),
                          glm_coef = unname(coef(gl)), glm_se = unname(SE(gl)),
                          wave_t = unname(tl$statistic), wave_df = unname(tl$parameter),
                          region_trust = vs_rest_in(dl, "trust_mediators"))
options(survey.lonely.psu = "fail")
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE),
           file.path(fx, "comparisons_r_reference.json"))
