"""Our SPSS writer against pyreadstat's: the same frame and description written by both, read
back by pyreadstat (and pandas), must hold the same cells and the same dictionary."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from survey.export import sav_data
from survey.export.sav_frame import sav_variables
from survey.export.sav_writer import SavVariable, write_sav

#: What pyreadstat reports about a file that both writers must agree on (not the names of the
#: value label sets: ours writes a set shared by several variables once).
META = ("column_names", "column_labels", "column_names_to_labels", "file_label",
        "file_encoding", "number_rows", "number_columns", "variable_value_labels",
        "missing_ranges", "missing_user_values",
        "variable_measure", "original_variable_types", "readstat_variable_types",
        "variable_display_width", "variable_alignment", "variable_storage_width")
KAZAKH = "Қазақстан Республикасы — әділ медиация үшін ұйымдасқан қоғам"
#: A name of 64 bytes in UTF-8, the most SPSS allows.
KAZAKH_NAME = "сұрақ_" + "ә" * 26 + "a"


def _frames() -> dict[str, tuple[pd.DataFrame, dict[str, Any]]]:
    n = 7
    texts = pd.Series([KAZAKH, None, "", "ascii", "ө" * 100, "x" * 255, "y" * 256],
                      dtype=object)
    long = pd.Series(["ә" * 16383 + "a", None, "b" * 32767, "", KAZAKH * 10, "c", None],
                     dtype=object)
    days = pd.Series([date(2024, 2, 29), None, date(1999, 12, 31), date(1600, 1, 1),
                      date(2026, 12, 1), None, date(1970, 1, 1)], dtype=object)
    times = pd.to_datetime(pd.Series(["2024-01-31 14:30:05", None, "2000-01-01 00:00:00",
                                      "2026-12-01 06:00:00.250", None, "1970-01-01 00:00:00",
                                      "1999-12-31 23:59:59"]), format="ISO8601")
    numbers = [1.0, np.nan, -99.0, 3.5, 1e10, -0.25, 151.0]
    main = pd.DataFrame({
        "num": numbers, "int": pd.array([1, None, 3, -96, 152, -100, 0], dtype="Int64"),
        "txt": texts, "long": long, KAZAKH_NAME: np.arange(n, dtype=float),
        "allnan": [np.nan] * n, "empty_texts": pd.Series([None] * n, dtype=object),
        "blank_texts": pd.Series([""] * n, dtype=object), "day": days, "at": times})
    meta: dict[str, Any] = {
        "column_labels": {"num": KAZAKH, "txt": "Мәтін", KAZAKH_NAME: "ұзын атау",
                          "long": "L" * 256},
        "variable_value_labels": {"num": {1.0: "бір", -99.0: "Сұралмады", 151.0: KAZAKH},
                                  "int": {0.0: "жоқ", 1.0: "иә"}},
        "missing_ranges": {"num": [{"lo": -99, "hi": -96}],
                           "int": [{"lo": -99, "hi": -96}, 0],
                           "allnan": [-1, -2, -3]},
        "variable_format": {"num": "F8.2", "int": "F4.0", "day": "DATE11",
                            "at": "DATETIME20"},
        "variable_measure": {"num": "scale", "txt": "nominal", "int": "ordinal",
                             "day": "scale"},
        "variable_display_width": {"num": 10, "txt": 40, "long": 12}}
    return {
        "hostile": (main, meta),
        "zero rows": (main.iloc[:0], meta),
        "one column": (pd.DataFrame({"only": [1.0, 2.0, np.nan]}), {}),
        "one text column": (pd.DataFrame({"t": pd.Series(["ә", None, "b"], dtype=object)}),
                            {}),
        "no labels": (main[["num", "txt", "day"]], {}),
    }


FRAMES = _frames()


def _read(path: Path, user_missing: bool) -> tuple[pd.DataFrame, Any]:
    return pyreadstat.read_sav(str(path), user_missing=user_missing)


def _same_reading(ours: Path, theirs: Path) -> None:
    for user_missing in (True, False):
        frame, meta = _read(ours, user_missing)
        expected, expected_meta = _read(theirs, user_missing)
        pd.testing.assert_frame_equal(frame, expected)
        for field in META:
            assert getattr(meta, field) == getattr(expected_meta, field), field
    pd.testing.assert_frame_equal(pd.read_spss(str(ours)), pd.read_spss(str(theirs)))


@pytest.mark.parametrize("case", list(FRAMES))
@pytest.mark.parametrize("compress", [True, False], ids=["compressed", "uncompressed"])
def test_sav__read_back__equals_pyreadstats_own_file(case: str, compress: bool,
                                                    tmp_path: Path):
    frame, meta = FRAMES[case]
    pyreadstat.write_sav(frame, str(tmp_path / "theirs.sav"), file_label="Демо",
                         row_compress=compress, **meta)
    write_sav(tmp_path / "ours.sav", sav_variables(frame, **meta), file_label="Демо",
              compress=compress)
    _same_reading(tmp_path / "ours.sav", tmp_path / "theirs.sav")


def test_sav__rows_in_many_chunks__the_same_file_as_in_one(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch):
    frame, meta = FRAMES["hostile"]
    big = pd.concat([frame] * 30, ignore_index=True)
    write_sav(tmp_path / "one.sav", sav_variables(big, **meta))
    monkeypatch.setattr(sav_data, "CHUNK_BYTES", 64)  # one row per chunk
    now = datetime.now()
    write_sav(tmp_path / "rows.sav", sav_variables(big, **meta), now=now)
    pyreadstat.write_sav(big, str(tmp_path / "theirs.sav"), row_compress=True, **meta)
    _same_reading(tmp_path / "rows.sav", tmp_path / "theirs.sav")
    _same_reading(tmp_path / "one.sav", tmp_path / "rows.sav")


def test_sav__very_long_texts__every_byte_back(tmp_path: Path):
    """Texts of 256 to 32,767 bytes are split into 255-byte segments and joined again."""
    texts = np.asarray(["ә" * 16383 + "z", "a" * 252 + "ә" + "b" * 300, "", None, "q" * 32767,
                        "".join(chr(0x430 + i % 32) for i in range(5000))], dtype=object)
    write_sav(tmp_path / "long.sav", [SavVariable("t", texts)])
    frame, meta = pyreadstat.read_sav(str(tmp_path / "long.sav"))
    assert frame["t"].tolist() == [t or "" for t in texts]
    assert meta.original_variable_types == {"t": "A32767"}


def test_sav__header__creation_time_label_encoding_and_row_count(tmp_path: Path):
    now = datetime(2026, 3, 9, 7, 5, 1)
    write_sav(tmp_path / "h.sav", [SavVariable("x", np.arange(3, dtype=float))],
              file_label="Демо деректер", now=now)
    _, meta = pyreadstat.read_sav(str(tmp_path / "h.sav"))
    assert (meta.creation_time, meta.file_label, meta.file_encoding, meta.number_rows) == \
        (now, "Демо деректер", "UTF-8", 3)
    raw = (tmp_path / "h.sav").read_bytes()
    assert raw[:4] == b"$FL2" and raw[4:24] == b"@(#) SPSS DATA FILE "
    assert int.from_bytes(raw[72:76], "little") == 1  # bytecode compression


def test_sav__numbers_that_need_eight_bytes__exact(tmp_path: Path):
    values = np.asarray([-99.0, -100.0, 151.0, 152.0, 0.5, -0.0, 1e308, -1e-300, np.inf,
                         np.nan, 2.0**53, 17.0])
    write_sav(tmp_path / "n.sav", [SavVariable("x", values)])
    frame, _ = pyreadstat.read_sav(str(tmp_path / "n.sav"))
    np.testing.assert_array_equal(frame["x"].to_numpy(), values)


def test_sav__too_long_text_or_too_many_missing_values__refused(tmp_path: Path):
    with pytest.raises(ValueError, match="32767"):
        write_sav(tmp_path / "x.sav", [SavVariable("t", np.asarray(["a" * 32768], dtype=object))])
    with pytest.raises(ValueError, match="missing"):
        write_sav(tmp_path / "x.sav", [SavVariable("x", np.zeros(1), missing=[1, 2, 3, 4])])
    with pytest.raises(ValueError, match="name"):
        write_sav(tmp_path / "x.sav", [SavVariable("ә" * 33, np.zeros(1))])  # 66 bytes
    with pytest.raises(ValueError, match="labels"):
        write_sav(tmp_path / "x.sav", [SavVariable("t", np.asarray(["a"], dtype=object),
                                                   value_labels={1: "x"})])
