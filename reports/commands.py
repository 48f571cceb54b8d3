"""``kelisim report``: Excel and PDF reports from a database, headless (no Qt).

    kelisim report --db field.db --xlsx report.xlsx --pdf report.pdf --lang ru \\
        --weighting raked --by sex,age_group --save-spec mediation.json
    kelisim report --db field.db --spec mediation.json --pdf next-wave.pdf

Options given on the command line override those of ``--spec``. Errors are printed in the
``--lang`` of the report, else in ``$KELISIM_LANG``, else English.
"""

from __future__ import annotations

import argparse
import sys
import time

from reports.api import build_report
from reports.codes import ReportCode
from reports.errors import ReportError
from reports.spec import (
    CAMPAIGN_DESIGNS,
    RELIABILITY,
    STATUSES,
    WEIGHTINGS,
    ReportSpec,
    load_spec,
    save_spec,
)
from survey.commands import cli_language, print_error
from survey.errors import SurveyError
from survey.i18n import LANGUAGES
from survey.store.postgres.connection import is_server_url
from survey.sync.credentials import terminal_prompt, unlock


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True,
                        help="the database file, or a server: postgresql://LOGIN@HOST/DATABASE")
    parser.add_argument("--form", default=None, help="questionnaire id (when the database "
                                                     "holds several)")
    parser.add_argument("--xlsx", default=None, help="write the Excel report here")
    parser.add_argument("--pdf", default=None, help="write the PDF report here")
    parser.add_argument("--lang", default=None, choices=LANGUAGES,
                        help="report language (default kk)")
    parser.add_argument("--weighting", default=None, choices=WEIGHTINGS,
                        help="none, design (region population) or raked (default design)")
    parser.add_argument("--by", default=None,
                        help="breakdowns for cross-tabulations, comma-separated "
                             "(default sex,age_group,settlement)")
    parser.add_argument("--title", default=None, help="report title")
    parser.add_argument("--wave", default=None,
                        help="wave to report (default: the latest; 'all' pools the waves)")
    parser.add_argument("--status", default=None, choices=STATUSES,
                        help="interviews to include (default complete)")
    parser.add_argument("--reliability", default=None, choices=RELIABILITY,
                        help="estimates failing the NCHS 2017 standard for proportions: "
                             "suppress (shown as *) or flag (†) (default suppress)")
    parser.add_argument("--campaign-design", default=None, choices=CAMPAIGN_DESIGNS,
                        help="how respondents came to be exposed to the campaign: "
                             "self_reported (differences are associations) or randomised "
                             "(differences may be read as effects) (default self_reported)")
    parser.add_argument("--spec", default=None, help="read options from this spec file")
    parser.add_argument("--save-spec", default=None, help="save the options as a spec file")
    parser.add_argument("--quiet", action="store_true", help="print only the result")


def spec_from_args(args: argparse.Namespace) -> ReportSpec:
    """The spec file (if any) with the command-line options laid over it."""
    spec = load_spec(args.spec) if args.spec else ReportSpec()
    breakdowns = None
    if args.by is not None:
        breakdowns = tuple(b.strip() for b in args.by.split(",") if b.strip())
    return spec.with_options(form_id=args.form, language=args.lang, weighting=args.weighting,
                             breakdowns=breakdowns, title=args.title, wave=args.wave,
                             status=args.status, reliability=args.reliability,
                             campaign_design=args.campaign_design)


def run(args: argparse.Namespace) -> int:
    language = cli_language(args.lang)
    try:
        spec = spec_from_args(args)
        if args.save_spec:
            save_spec(spec, args.save_spec)
            print(f"saved the report spec to {args.save_spec}")
        if not args.xlsx and not args.pdf:
            if args.save_spec:
                return 0
            print_error("report", [ReportCode.NOTHING_TO_WRITE.message()], language)
            return 2
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if not args.quiet:
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

        if is_server_url(args.db):
            unlock(args.db, terminal_prompt(language))
        result = build_report(args.db, spec=spec, xlsx=args.xlsx, pdf=args.pdf,
                              progress=progress)
    except (ReportError, SurveyError) as error:  # or the server's address or password refused
        if not args.quiet:
            print(file=sys.stderr)  # end the progress line
        print_error("report", error, language)
        return 1
    if not args.quiet:
        print(file=sys.stderr)
    for path in (result.xlsx, result.pdf):
        if path is not None:
            print(f"wrote {path}")
    print(f"data SHA-256 {result.data_sha256}; {time.perf_counter() - started:.1f} s")
    return 0
