# Companion of bench_svyby.py: time R survey's svyby of 40 variables by 20 regions.
# Usage: Rscript bench/bench_svyby.R data.csv [repeats]
# Prints "seconds <t1> <t2> ..." (elapsed time of svyby only, each repeat).
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = TRUE)
des <- svydesign(ids = ~psu, strata = ~region, weights = ~w, data = d, nest = TRUE)
vars <- grep("^v[0-9]+$", names(d), value = TRUE)
f <- as.formula(paste("~", paste(vars, collapse = " + ")))
repeats <- if (length(args) > 1) as.integer(args[2]) else 1
elapsed <- sapply(seq_len(repeats), function(i) {
  system.time(b <<- svyby(f, ~region, des, svymean))[["elapsed"]]
})
cat("seconds", elapsed, "\n")
cat("first", format(b[1, 2], digits = 10), format(unlist(SE(b))[1], digits = 10), "\n")
