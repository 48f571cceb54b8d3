"""Files of a form with repeats, one table per level (``survey.export.repeat_tables``).

* csv: one zip (``survey.zip`` for ``--out survey.csv``) holding ``survey.csv`` and one
  ``survey-<repeat>.csv`` per repeat;
* xlsx: one workbook, the main table on ``data`` and one sheet per repeat (its name, cut to
  Excel's 31 characters), one ``variables`` sheet for all of them;
* sav / dta: the main table in the file asked for and one file per repeat beside it
  (``survey-members.sav``), each with its variable and value labels.

Every file goes through the export's :class:`~survey.export.files.OutputSet` (private,
renamed together when all are written).
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from survey.export.exporttable import ExportTable
from survey.export.files import OutputSet
from survey.export.repeat_tables import RepeatTables
from survey.export.sheets import SheetOptions, write_csv, write_xlsx_levels
from survey.export.writers import write_data
from survey.messages import Message

#: Excel's longest sheet name.
SHEET_NAME = 31


def level_path(out: Path, repeat: str) -> Path:
    """The file of one repeat's table beside ``out``: ``survey.sav`` -> ``survey-members.sav``."""
    return out.with_name(f"{out.stem}-{repeat}{out.suffix}")


def zip_path(out: Path) -> Path:
    """Where the csv files of every level go: ``out`` itself when it ends in .zip."""
    return out if out.suffix.lower() == ".zip" else out.with_suffix(".zip")


def level_targets(out: Path, fmt: str, repeats: list[str]) -> list[Path]:
    """The data files an export of a form with ``repeats`` writes."""
    if fmt == "csv":
        return [zip_path(out)]
    if fmt == "xlsx":
        return [out]
    return [out, *(level_path(out, name) for name in repeats)]


def write_levels(outputs: OutputSet, tables: RepeatTables, out: Path, fmt: str,
                 options: SheetOptions) -> list[Message]:
    """Write every level's table as ``fmt``; returns the notes of the writers."""
    if fmt == "csv":
        outputs.write(zip_path(out), lambda path: _csv_zip(tables, out.stem, options, path))
        return []
    if fmt == "xlsx":
        notes: list[Message] = []
        outputs.write(out, lambda path: notes.extend(
            write_xlsx_levels(_sheets(tables), path, options)))
        return notes
    notes = write_data(outputs, tables.main, out, fmt, options)
    for name, table in tables.repeats.items():
        notes += write_data(outputs, table, level_path(out, name), fmt, options)
    return notes


def _sheets(tables: RepeatTables) -> list[tuple[str, ExportTable]]:
    sheets = [("data", tables.main)]
    used = {"data", "variables"}
    for name, table in tables.repeats.items():
        sheet = name[:SHEET_NAME]
        number = 2
        while sheet.lower() in used:
            suffix = f"~{number}"
            sheet, number = name[:SHEET_NAME - len(suffix)] + suffix, number + 1
        used.add(sheet.lower())
        sheets.append((sheet, table))
    return sheets


def _csv_zip(tables: RepeatTables, stem: str, options: SheetOptions, path: Path) -> None:
    """One csv per level in the zip at ``path`` (written in a private scratch folder)."""
    with tempfile.TemporaryDirectory() as scratch, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, table in tables.levels():
            member = f"{stem}.csv" if not name else f"{stem}-{name}.csv"
            written = Path(scratch) / member
            write_csv(table, written, options)
            book.write(written, member)
            written.unlink()
