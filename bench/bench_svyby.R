# Companion of bench_svyby.py: time R survey's svyby of 40 variables by 20 regions.
# Usage: Rscript bench/bench_svyby.R data.csv [repeats] [raked]
# With "raked", the design is raked (outside the timing) to margins.csv beside data.csv.
# Prints "seconds <t1> <t2> ..." (elapsed time of svyby only, each repeat).
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = TRUE)
des <- svydesign(ids = ~psu, strata = ~region, weights = ~w, data = d, nest = TRUE)
if (length(args) > 2 && args[3] == "raked") {
  m <- read.csv(file.path(dirname(args[1]), "margins.csv"), stringsAsFactors = FALSE)
  cols <- unique(m$margin)
  pop <- lapply(cols, function(col) {
    p <- m[m$margin == col, c("level", "freq")]
    setNames(data.frame(p$level, p$freq), c(col, "Freq"))
  })
  des <- rake(des, lapply(cols, function(col) as.formula(paste("~", col))), pop)
}
vars <- grep("^v[0-9]+$", names(d), value = TRUE)
f <- as.formula(paste("~", paste(vars, collapse = " + ")))
repeats <- if (length(args) > 1) as.integer(args[2]) else 1
elapsed <- sapply(seq_len(repeats), function(i) {
  system.time(b <<- svyby(f, ~region, des, svymean))[["elapsed"]]
})
cat("seconds", elapsed, "\n")
cat("first", format(b[1, 2], digits = 10), format(unlist(SE(b))[1], digits = 10), "\n")
