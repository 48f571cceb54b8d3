"""Syntax files beside an export: SPSS (.sps), Stata (.do) and R that load it and declare the design.

Each script reads the exported file from its own folder (csv, xlsx, sav or dta), names the
variables as that program does, declares the missing codes (``survey.export.missing``) and,
when the table has the design columns (``analysis.export_design``), the survey design:

* R: ``haven`` (or ``readxl``, ``read.csv``) and ``survey::svydesign`` with PSUs nested in
  strata and ``options(survey.lonely.psu = "adjust")``, the report's rule;
* Stata: ``svyset psu [pweight = design_weight], strata(...) singleunit(centered)`` (Stata's
  name for the same rule);
* SPSS: ``CSPLAN`` (Complex Samples, with-replacement estimator), and ``WEIGHT BY`` with a
  note that plain SPSS procedures then give right estimates but wrong standard errors.

With ``example`` (the report's first headline indicator) each script also estimates it for the
latest wave, declaring the design on that wave's interviews as the report does, so its
estimate and standard error can be compared with the report's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from survey.export.coding import CODED, export_translator
from survey.export.missing import MISSING_CODES, SPSS_RANGE
from survey.export.names import safe_names
from survey.export.stata import stata_names
from survey.export.table import ExportTable
from survey.export.variable import Variable

DESIGN = ("design_weight", "raked_weight", "stratum", "psu", "fpc")


@dataclass(frozen=True)
class Example:
    """An estimate the scripts reproduce: the share of ``choice`` in ``question`` among the
    interviews of ``wave`` (in column ``wave_column``), design weights."""

    question: str
    choice: str
    wave_column: str | None = None
    wave: str | None = None


@dataclass(frozen=True)
class Names:
    """Variable names of the table in SPSS, in Stata, and in the exported file."""

    spss: dict[str, str]
    stata: dict[str, str]
    file: dict[str, str]

    @classmethod
    def of(cls, table: ExportTable, fmt: str) -> Names:
        spss = safe_names([v.name for v in table.variables], 64)
        stata = stata_names(table)
        own = {v.name: v.name for v in table.variables}
        return cls(spss, stata, {"sav": spss, "dta": stata}.get(fmt, own))


def syntax_files(table: ExportTable, data: Path, fmt: str,
                 example: Example | None = None,
                 archive: Path | None = None) -> dict[str, str]:
    """File suffix (``.R``, ``.do``, ``.sps``) -> the script for the export at ``data``
    (``archive``: the zip holding ``data``, as the csv files of a form with repeats are; R and
    Stata take the file out of it first)."""
    names = Names.of(table, fmt)
    scripts = {".R": r_script(table, data.name, fmt, names, example),
               ".do": stata_script(table, data.name, fmt, names, example),
               ".sps": spss_script(table, data.name, fmt, names, example)}
    if archive is None:
        return scripts
    return {suffix: _unzipped(text, suffix, data.name, archive.name)
            for suffix, text in scripts.items()}


def _unzipped(script: str, suffix: str, data: str, archive: str) -> str:
    """``script`` taking ``data`` out of the zip ``archive`` (in its folder) before reading."""
    if suffix == ".R":
        read = "d <- read.csv("
        step = f'unzip(file.path(here, "{archive}"), files = "{data}", exdir = here)\n'
    elif suffix == ".do":
        read = "import delimited "
        step = f'unzipfile "{archive}", replace\n'
    else:
        read = "GET DATA "
        step = f"* SPSS reads no zip file: unzip {archive} into this folder first.\n"
    at = script.index(read)
    return script[:at] + step + script[at:]


def _has_design(table: ExportTable) -> bool:
    columns = set(table.frame.columns)
    return {"design_weight", "stratum", "psu"} <= columns


def _header(table: ExportTable, comment: str) -> list[str]:
    _ = export_translator(table)
    legend = "; ".join(f"{c.number} / .{c.stata} = {_(c.label)}" for c in MISSING_CODES)
    form = table.form
    return [f"{comment} Kelisim: {form.form_id} {form.version}, {len(table.frame)} interviews.",
            f"{comment} {_('Missing values')}: {legend}."]


def _coded_example(table: ExportTable, example: Example, fmt: str) -> tuple[str, str | None]:
    """(value of the choice, value of the wave) as the loaded file holds them."""
    labelled = fmt in ("sav", "dta")
    question = table.variable(example.question)
    choice = str(question.codes[example.choice]) if labelled else _quoted(example.choice)
    wave = None
    if example.wave_column and example.wave is not None:
        waves = table.variable(example.wave_column)
        wave = str(waves.codes[example.wave]) if labelled else _quoted(example.wave)
    return choice, wave


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# -- R ----------------------------------------------------------------------------------------

def r_script(table: ExportTable, data: str, fmt: str, names: Names,
             example: Example | None) -> str:
    lines = _header(table, "#")
    lines += ["# Run in the folder of the data: Rscript <this file>", "",
              "suppressPackageStartupMessages({", "  library(survey)",
              '  if (requireNamespace("haven", quietly = TRUE)) library(haven)', "})",
              'options(survey.lonely.psu = "adjust")  # the report\'s rule for a lonely PSU',
              "here <- tryCatch(dirname(sys.frame(1)$ofile), error = function(e) NULL)",
              "if (is.null(here)) {",
              '  arg <- grep("^--file=", commandArgs(FALSE), value = TRUE)',
              '  here <- if (length(arg)) dirname(sub("^--file=", "", arg[1])) else "."',
              "}", *_r_read(data, fmt), ""]
    if not _has_design(table):
        return "\n".join(lines) + "\n"
    lines += ["# The design: strata, PSUs nested in strata, design weights. Rows without a",
              "# weight (drafts, refusals) are not part of the sample analysed.",
              "sample <- d[!is.na(d$design_weight), ]",
              "des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~design_weight,",
              "                 nest = TRUE, data = sample)",
              "# Raked weights (when present) give the report's 'raked' estimates; for its",
              "# standard errors rake in R with survey::rake() to the same margins.", ""]
    if example is not None:
        lines += _r_example(table, example, fmt, names)
    return "\n".join(lines) + "\n"


def _r_read(data: str, fmt: str) -> list[str]:
    path = f'file.path(here, "{data}")'
    codes = ", ".join(f'"{c.number}"' for c in MISSING_CODES)
    if fmt == "sav":
        return [f"d <- as.data.frame(haven::read_sav({path}))  # user-missing codes -> NA"]
    if fmt == "dta":
        return [f"d <- as.data.frame(haven::read_dta({path}))  # .a-.d -> NA"]
    if fmt == "xlsx":
        return [f'd <- as.data.frame(readxl::read_excel({path}, sheet = "data", '
                f'na = c("", {codes})))']
    return [f'd <- read.csv({path}, fileEncoding = "UTF-8-BOM", check.names = FALSE,',
            f'              na.strings = c("", {codes}))']


def _r_example(table: ExportTable, example: Example, fmt: str, names: Names) -> list[str]:
    choice, wave = _coded_example(table, example, fmt)
    question = names.file[example.question]
    lines = [f"# The report's headline: share of {example.choice!r} in {example.question}"
             + (f", wave {example.wave!r}" if wave else "") + ", design weights.",
             "# The design is declared on that wave's interviews, as the report does."]
    rows = "!is.na(d$design_weight)"
    if wave is not None and example.wave_column:
        rows += f" & as.vector(d${names.file[example.wave_column]}) == {wave}"
    lines += [f"latest <- d[{rows}, ]",
              "des_latest <- svydesign(ids = ~psu, strata = ~stratum, weights = ~design_weight,",
              "                        nest = TRUE, data = latest)",
              f"latest$headline <- as.numeric(as.vector(latest${question}) == {choice})",
              "des_latest <- update(des_latest, headline = latest$headline)",
              "est <- svymean(~headline, des_latest, na.rm = TRUE)",
              'cat(sprintf("headline %.12g %.12g\\n", coef(est)[[1]], SE(est)[[1]]))']
    return lines


# -- Stata ------------------------------------------------------------------------------------

def stata_script(table: ExportTable, data: str, fmt: str, names: Names,
                 example: Example | None) -> str:
    lines = _header(table, "*")
    lines += ["* Run in the folder of the data: do <this file>", "version 16", "clear all",
              *_stata_read(table, data, fmt, names)]
    if fmt != "dta":
        lines += _stata_labels(table, names)
    if _has_design(table):
        lines += ["", "* The design: strata, PSUs, design weights; singleunit(centered) is the",
                  "* report's rule for a stratum with one PSU (R: survey.lonely.psu 'adjust').",
                  "encode stratum, generate(stratum_id)",
                  "svyset psu [pweight = design_weight], strata(stratum_id) "
                  "singleunit(centered) vce(linearized)"]
        if example is not None:
            lines += _stata_example(table, example, fmt, names)
    return "\n".join(lines) + "\n"


def _stata_read(table: ExportTable, data: str, fmt: str, names: Names) -> list[str]:
    if fmt == "dta":
        return [f'use "{data}", clear', "notes  // original names of renamed variables"]
    if fmt == "sav":
        read = f'import spss using "{data}", clear'
    elif fmt == "xlsx":
        read = f'import excel using "{data}", sheet("data") cellrange(A2) clear'
    else:
        read = (f'import delimited using "{data}", varnames(nonames) rowrange(2) '
                'encoding("utf-8") stringcols(_all) clear')
    new = " ".join(names.stata[v.name] for v in table.variables)
    lines = [read, f"rename (*) ({new})"]
    if fmt in ("csv", "xlsx"):
        lines += ["destring, replace",
                  "mvdecode _all, mv(" + " \\ ".join(f"{c.number} = .{c.stata}"
                                                     for c in MISSING_CODES) + ")"]
    return lines


def _stata_labels(table: ExportTable, names: Names) -> list[str]:
    lines = []
    for v in table.variables:
        label = v.label.replace('"', "'")[:80]
        lines.append(f'label variable {names.stata[v.name]} "{label}"')
    return lines


def _stata_example(table: ExportTable, example: Example, fmt: str, names: Names) -> list[str]:
    choice, wave = _coded_example(table, example, fmt)
    question = names.stata[example.question]
    condition = "!missing(design_weight)"
    if wave is not None and example.wave_column:
        condition += f" & {names.stata[example.wave_column]} == {wave}"
    return ["", f"* The report's headline: share of {example.choice} in {example.question}"
            + (f", wave {example.wave}" if wave else "") + ".",
            "preserve", f"keep if {condition}",
            f"generate headline = ({question} == {choice}) if !missing({question})",
            "svy: mean headline", "restore"]


# -- SPSS -------------------------------------------------------------------------------------

def spss_script(table: ExportTable, data: str, fmt: str, names: Names,
                example: Example | None) -> str:
    lines = _header(table, "*")
    lines += ["* Run with the data's folder as the working folder (CD).",
              *_spss_read(table, data, fmt, names)]
    coded = [names.spss[v.name] for v in table.variables if v.kind in CODED]
    if fmt != "sav":
        lines += _spss_labels(table, names)
    if coded:
        lines += ["MISSING VALUES " + " ".join(coded)
                  + f" ({SPSS_RANGE[0]} THRU {SPSS_RANGE[1]})."]
    if _has_design(table):
        lines += ["", "* The design (Complex Samples): strata, PSUs, design weights, estimates",
                  "* with replacement at the PSU level, as the report computes them.",
                  "CSPLAN ANALYSIS /PLAN FILE='kelisim_design.csaplan'",
                  "  /PLANVARS ANALYSISWEIGHT=design_weight",
                  "  /DESIGN STRATA=stratum CLUSTER=psu",
                  "  /ESTIMATOR TYPE=WR.",
                  "* Without Complex Samples: WEIGHT BY gives the same estimates, but SPSS then",
                  "* treats weights as counts of cases: its standard errors and tests are wrong.",
                  "* WEIGHT BY design_weight."]
        if example is not None:
            lines += _spss_example(table, example, fmt, names)
    lines.append("EXECUTE.")
    return "\n".join(lines) + "\n"


def _spss_read(table: ExportTable, data: str, fmt: str, names: Names) -> list[str]:
    if fmt == "sav":
        return [f"GET FILE='{data}'."]
    if fmt == "dta":
        return [f"GET STATA FILE='{data}'."]
    if fmt == "xlsx":
        return [f"GET DATA /TYPE=XLSX /FILE='{data}' /SHEET=NAME 'data' /CELLRANGE=FULL "
                "/READNAMES=ON.",
                *(f"RENAME VARIABLES ({v.name}={names.spss[v.name]})."
                  for v in table.variables if v.name != names.spss[v.name])]
    variables = "\n".join(f"    {names.spss[v.name]} {_spss_format(table, v)}"
                          for v in table.variables)
    return [f"GET DATA /TYPE=TXT /FILE='{data}' /ENCODING='UTF8' /ARRANGEMENT=DELIMITED",
            "  /FIRSTCASE=2 /DELIMITERS=',' /QUALIFIER='\"'",
            f"  /VARIABLES=\n{variables}."]


def _spss_format(table: ExportTable, v: Variable) -> str:
    if v.kind in CODED - {"select_one"} or v.name == "duration_min" or v.name in DESIGN[:2] \
            or v.name in ("psu", "fpc"):
        return "F12.4" if v.kind in ("decimal", "design") else "F8.0"
    if v.kind == "date":
        return "SDATE10"
    return "A2000" if v.kind in ("text", "calculate") else "A200"


def _spss_labels(table: ExportTable, names: Names) -> list[str]:
    labels = [f"  {names.spss[v.name]} '{v.label.replace(chr(39), chr(39) * 2)[:250]}'"
              for v in table.variables]
    return ["VARIABLE LABELS", *labels[:-1], labels[-1] + "."] if labels else []


def _spss_example(table: ExportTable, example: Example, fmt: str, names: Names) -> list[str]:
    choice, wave = _coded_example(table, example, fmt)
    question = names.spss[example.question]
    select = "NOT MISSING(design_weight)"
    if wave is not None and example.wave_column:
        select += f" AND {names.spss[example.wave_column]} = {wave}"
    return ["", f"* The report's headline: share of {example.choice} in {example.question}.",
            "TEMPORARY.", f"SELECT IF ({select}).",
            f"COMPUTE headline = ({question} = {choice}).",
            "CSDESCRIPTIVES /PLAN FILE='kelisim_design.csaplan'",
            "  /SUMMARY VARIABLES=headline /MEAN /STATISTICS SE."]
