"""One export as an analyst receives it: the data, the design, syntax files and a codebook.

    result = export_survey("field.db", "survey.sav", ExportOptions("sav", language="ru"))
    result.files   # survey.sav, survey.R, survey.do, survey.sps,
                   # survey_codebook.xlsx, survey_codebook.pdf
    result.notes   # what could not be read, was cut or was left out (Messages)

The wide table comes from :func:`survey.export.interview_table`; the design columns
(weights, stratum, PSU, fpc) from :mod:`analysis.export_design`; the files are written by
``survey.export`` (data, syntax, xlsx codebook) and here (PDF codebook). Everything is checked
before anything is written (format, table, language, output paths, design columns), and all
files are renamed into place together at the end: a failure leaves no file behind and keeps
the old ones. ``table="paradata"`` or ``"audit"`` exports those long tables instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from analysis.export_design import DesignSpec, with_design
from reports.exports.codebook_pdf import write_codebook_pdf
from reports.exports.levels import check_layout, level_tables, repeat_names, with_levels
from reports.spec import DEFAULT_INDICATORS
from survey.errors import ExportError
from survey.export import ExportTable, interview_table, refuse_database_as_output
from survey.export.codebook import build_codebook, write_codebook_xlsx
from survey.export.codes import ExportCode
from survey.export.coding import export_translator
from survey.export.files import OutputSet, check_target, output_set
from survey.export.level_files import level_path, level_targets, write_levels, zip_path
from survey.export.media import media_folder, write_media
from survey.export.paradata import TABLES, audit_table, paradata_table
from survey.export.repeat_tables import RepeatTables
from survey.export.sheets import SheetOptions
from survey.export.syntax import Example, syntax_files
from survey.export.writers import check_format, write_data
from survey.form.model import NO_LANGUAGE, Form
from survey.i18n import LANGUAGES
from survey.messages import Location, Message
from survey.sealing import SealingCode
from survey.store.postgres.connection import is_server_url
from survey.store.reader import Reader, open_reader

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportOptions:
    """What to export and which files to write beside the data."""

    fmt: str
    table: str = "interviews"  # or "paradata", "audit"
    form_id: str | None = None
    language: str | None = None
    labels: bool = False
    include_pii: bool = False
    status: str | None = None
    design: bool = True
    syntax: bool = True
    codebook: bool = True
    missing_codes: bool = True
    raw_text: bool = False
    strata: str | None = None  # design columns (default: the bundled questionnaire's)
    psu: str | None = None
    #: A form with repeats: "long" (one table per repeat) or "wide" (instances as columns).
    repeats: str = "long"


@dataclass(frozen=True)
class ExportResult:
    files: tuple[Path, ...]
    notes: tuple[Message, ...]
    rows: int


def sidecars(out: Path) -> dict[str, Path]:
    """The files written beside ``out``: syntax files and the codebook."""
    stem = out.with_suffix("")
    return {".R": stem.with_suffix(".R"), ".do": stem.with_suffix(".do"),
            ".sps": stem.with_suffix(".sps"),
            "codebook.xlsx": stem.with_name(stem.name + "_codebook.xlsx"),
            "codebook.pdf": stem.with_name(stem.name + "_codebook.pdf")}


def export_survey(db: Path | str, out: Path | str, options: ExportOptions,
                  progress: Progress | None = None,
                  cancel: Callable[[], bool] | None = None) -> ExportResult:
    """Export the interviews of ``db`` (a database file or a ``postgresql://`` server) to
    ``out`` with the files ``options`` ask for; files attached to media questions go to
    ``<out name>-media/`` (from a file or a server)."""
    out = Path(out)
    _check_options(options)
    if not is_server_url(db):
        refuse_database_as_output(Path(db), out)
    targets = _targets(out, options)
    for target in targets:
        check_target(target)
    with open_reader(db) as store:
        levels = repeat_names(store, options.form_id) if options.table == "interviews" else []
        if levels and options.repeats == "long":
            targets = [*level_targets(out, options.fmt, levels), *targets[1:],
                       *_level_sidecars(out, options, levels)]
            for target in targets:
                check_target(target)
        table, repeat_levels = _table(store, options, bool(levels), progress, cancel)
        if store.is_demo():
            table = replace(table, demo=True,
                            notes=(ExportCode.DEMO_DATA.message(), *table.notes))
        sealed = store.count_sealed(table.form.form_id)
        if sealed:  # readable only with the project's key: left out, and counted
            table = replace(table, notes=(*table.notes,
                                          SealingCode.SEALED_LEFT_OUT.message(count=sealed)))
        if options.table == "interviews":
            table = _with_design(table, options)
        tables = with_levels(table, repeat_levels) if repeat_levels else None
        if tables is not None:
            table = tables.main
        notes = _write(table, out, options, tables)
        if options.table == "interviews":
            _media(store, table, out, options.status)
            for level in (tables.repeats.values() if tables is not None else ()):
                _media(store, replace(level, frame=level.frame.rename(
                    columns={"_parent_uuid": "uuid"})), out, options.status)
    return ExportResult(tuple(targets), tuple(notes), len(table.frame))


def _write(table: ExportTable, out: Path, options: ExportOptions,
           tables: RepeatTables | None = None) -> list[Message]:
    """Every file of the export, renamed into place together; returns the notes (``tables``:
    every level of a form with repeats, each in its own file or sheet)."""
    with output_set() as outputs:
        notes = list(table.notes)
        sheet_options = SheetOptions(options.labels, options.missing_codes, options.raw_text)
        if tables is not None:
            notes += write_levels(outputs, tables, out, options.fmt, sheet_options)
        else:
            notes += write_data(outputs, table, out, options.fmt, sheet_options)
        if options.table == "interviews" and options.syntax:
            scripts = syntax_files(table, out, options.fmt, _example(table),
                                   _archive(out, options, tables))
            for suffix, text in scripts.items():
                outputs.write(sidecars(out)[suffix], partial(_write_text, text))
        if options.table == "interviews" and options.codebook:
            _codebook(outputs, table, out, options, tuple(notes))
        for name, level in (tables.repeats.items() if tables is not None else ()):
            _level_extras(outputs, level, level_path(out, name), options,
                          _archive(out, options, tables))
    return notes


def _archive(out: Path, options: ExportOptions, tables: RepeatTables | None) -> Path | None:
    """The zip the csv files of every level go into (None for other exports)."""
    return zip_path(out) if tables is not None and options.fmt == "csv" else None


def _level_sidecars(out: Path, options: ExportOptions, levels: list[str]) -> list[Path]:
    """Syntax files and codebook of each repeat's table (``survey-members.sps``, ...); no
    syntax for xlsx, whose scripts read the main sheet."""
    paths: list[Path] = []
    for name in levels:
        extra = sidecars(level_path(out, name))
        if options.syntax and options.fmt != "xlsx":
            paths += [extra[".R"], extra[".do"], extra[".sps"]]
        if options.codebook:
            paths += [extra["codebook.xlsx"], extra["codebook.pdf"]]
    return paths


def _level_extras(outputs: OutputSet, level: ExportTable, data: Path,
                  options: ExportOptions, archive: Path | None) -> None:
    """The syntax files and codebook of one repeat's table, named after its data file."""
    if options.syntax and options.fmt != "xlsx":
        for suffix, text in syntax_files(level, data, options.fmt, None, archive).items():
            outputs.write(sidecars(data)[suffix], partial(_write_text, text))
    if options.codebook:
        _codebook(outputs, level, data, options, level.notes)


def _media(store: Reader, table: ExportTable, out: Path, status: str | None) -> None:
    """The attached files the table names, in a private folder beside the data."""
    write_media(store, table, media_folder(out), status)


def _write_text(text: str, path: Path) -> None:
    path.write_text(text, encoding="utf-8")


def _check_options(options: ExportOptions) -> None:
    check_format(options.fmt)
    check_layout(options.repeats)
    if options.table not in TABLES:
        raise ExportError(ExportCode.UNKNOWN_TABLE, table=options.table, tables=list(TABLES))
    if options.language is not None and options.language not in LANGUAGES:
        raise ExportError(ExportCode.UNKNOWN_LANGUAGE, language=options.language,
                          languages=list(LANGUAGES))


def _targets(out: Path, options: ExportOptions) -> list[Path]:
    targets = [out]
    if options.table == "interviews":
        extra = sidecars(out)
        if options.syntax:
            targets += [extra[".R"], extra[".do"], extra[".sps"]]
        if options.codebook:
            targets += [extra["codebook.xlsx"], extra["codebook.pdf"]]
    return targets


def _table(store: Reader, options: ExportOptions, has_repeats: bool,
           progress: Progress | None, cancel: Callable[[], bool] | None
           ) -> tuple[ExportTable, dict[str, ExportTable]]:
    """The table to export, and the tables of the repeats when it has any."""
    levels: dict[str, ExportTable] = {}
    if options.table == "interviews" and has_repeats:
        table, levels = level_tables(store, options.repeats, form_id=options.form_id,
                                     language=options.language,
                                     include_pii=options.include_pii, status=options.status,
                                     progress=progress, cancel=cancel)
    elif options.table == "paradata":
        table = paradata_table(store, options.form_id, status=options.status,
                               language=options.language)
    elif options.table == "audit":
        table = audit_table(store, options.form_id, status=options.status,
                            language=options.language)
    else:
        table = interview_table(store, options.form_id, language=options.language,
                                include_pii=options.include_pii, status=options.status,
                                progress=progress, cancel=cancel, snapshot=True)
    _check_language(table.form, options.language, store.path)
    return table, levels


def _check_language(form: Form, language: str | None, path: object) -> None:
    if language is not None and language not in form.languages:
        if form.languages == (NO_LANGUAGE,):
            raise ExportError(ExportCode.UNTRANSLATED_FORM, Location(file=str(path)),
                              language=language)
        raise ExportError(ExportCode.UNKNOWN_LANGUAGE, Location(file=str(path)),
                          language=language, languages=list(form.languages))


def _with_design(table: ExportTable, options: ExportOptions) -> ExportTable:
    if not options.design:
        return table
    spec = DesignSpec()
    for requested in (options.strata, options.psu):
        if requested is not None and requested not in table.frame.columns:
            examples = [v.name for v in table.variables if v.kind not in ("meta", "design")][:4]
            raise ExportError(ExportCode.UNKNOWN_COLUMN, column=requested, examples=examples)
    spec = replace(spec, strata=options.strata or spec.strata, psu=options.psu or spec.psu)
    return with_design(table, spec)


def _example(table: ExportTable) -> Example | None:
    """The report's first headline indicator and latest wave, when the table has them."""
    if "design_weight" not in table.frame.columns:
        return None
    names = {v.name: v for v in table.variables}
    question = next((q for q in DEFAULT_INDICATORS if q in names
                     and "yes" in names[q].codes), None)
    if question is None:
        return None
    wave_column, wave = None, None
    if "wave" in names and names["wave"].codes:
        weighted = table.frame["design_weight"].notna()
        present = set(table.frame.loc[weighted, "wave"].dropna())
        waves = [w for w in names["wave"].codes if w in present]
        wave_column, wave = ("wave", waves[-1]) if waves else (None, None)
    return Example(question, "yes", wave_column, wave)


def _codebook(outputs: OutputSet, table: ExportTable, out: Path, options: ExportOptions,
              notes: tuple[Message, ...]) -> None:
    _ = export_translator(table)
    codebook = build_codebook(table, options.fmt, notes)
    extra = sidecars(out)
    outputs.write(extra["codebook.xlsx"], lambda path: write_codebook_xlsx(codebook, path, _))
    outputs.write(extra["codebook.pdf"], lambda path: write_codebook_pdf(codebook, path, _))
