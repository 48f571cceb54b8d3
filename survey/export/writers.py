"""Writers of the wide interview table: csv, xlsx, SPSS .sav and Stata .dta.

SPSS and Stata files carry variable labels and value labels in the table's language, declared
missing codes, measure levels and display formats (``survey.export.spss``,
``survey.export.stata``); csv and xlsx carry choice names or labels and the same missing
codes (``survey.export.sheets``). Every file is written private (0600) under a temporary name
and renamed when complete (``survey.export.files``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from survey.errors import ExportError
from survey.export.codes import ExportCode
from survey.export.files import OutputSet, output_set
from survey.export.sheets import SheetOptions, write_csv, write_xlsx_table
from survey.export.spss import write_sav
from survey.export.stata import write_dta
from survey.export.table import ExportTable
from survey.messages import Message

FORMATS: tuple[str, ...] = ("csv", "xlsx", "sav", "dta")
Writer = Callable[[ExportTable, Path], list[Message]]


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(ExportCode.UNKNOWN_FORMAT, format=fmt, formats=list(FORMATS))


def write_data(outputs: OutputSet, table: ExportTable, path: Path, fmt: str,
               options: SheetOptions | None = None) -> list[Message]:
    """Write ``table`` as ``fmt`` into ``outputs`` (renamed to ``path`` on commit); returns
    notes on what was cut or could not be coded."""
    check_format(fmt)
    sheet_options = options or SheetOptions()
    writers: dict[str, Writer] = {
        "csv": lambda t, p: write_csv(t, p, sheet_options),
        "xlsx": lambda t, p: write_xlsx_table(t, p, sheet_options),
        "sav": write_sav, "dta": write_dta}
    notes: list[Message] = []
    outputs.write(path, lambda temporary: notes.extend(writers[fmt](table, temporary)))
    return notes


def write_table(table: ExportTable, path: Path, fmt: str,
                options: SheetOptions | None = None) -> Path:
    """Write ``table`` to ``path`` in ``fmt`` (one of FORMATS); returns the path."""
    check_format(fmt)
    with output_set() as outputs:
        write_data(outputs, table, Path(path), fmt, options)
    return Path(path)
