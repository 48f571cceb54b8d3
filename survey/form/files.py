"""Files that come with a questionnaire: choice lists in csv, xml or GeoJSON, pulldata() tables,
pictures shown and recordings played with labels (columns ``image``, ``audio``).

ODK sends these beside the form (``select_one_from_file cities.csv``, ``pulldata('fruits',
...)`` reading ``fruits.csv``, ``search('fruits')``). Kelisim reads them from the folder of the
.xlsx or its ``<form>-media`` folder (ODK Collect's layout) when the form is opened, and the
store keeps them with the form (``form_files``), so a laptop needs nothing else.

* csv: a header row; the choice's ``name`` and ``label`` columns (or those the question's
  ``parameters`` name with ``value=`` / ``label=``), ``label::<language>`` for translations,
  every other column kept for choice filters;
* xml: ``<root><item><name>…</name><label>…</label>…</item></root>``, each child of an item a
  column;
* GeoJSON: a FeatureCollection; ``id`` (of the feature or its properties) is the name,
  ``title`` the label, the other properties columns.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from xml.etree import ElementTree

from survey.errors import Location
from survey.form.codes import FormCode
from survey.form.columns import split_language
from survey.form.model import Choice, FormFile, Text
from survey.messages import Message

#: The largest file a form may bring (MB), and the rows it may hold.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILE_ROWS = 100_000
FORMATS = (".csv", ".xml", ".geojson")


Table = list[dict[str, str]]


def pulldata_name(name: str) -> str:
    """``pulldata('fruits', ...)`` and ``search('fruits')`` read ``fruits.csv``."""
    return name if name.lower().endswith(".csv") else f"{name}.csv"


def find_files(folder: Path, stem: str, names: set[str]) -> dict[str, bytes]:
    """The files ``names`` found beside the form or in its ``<stem>-media`` folder."""
    found: dict[str, bytes] = {}
    for name in sorted(names):
        for place in (folder / f"{stem}-media" / name, folder / name):
            if place.is_file() and place.stat().st_size <= MAX_FILE_BYTES:
                found[name] = place.read_bytes()
                break
    return found


def read_table(file: FormFile) -> Table | Message:
    """The rows of a csv, xml or GeoJSON file as column -> text; a Message when unreadable."""
    if len(file.data) > MAX_FILE_BYTES:
        return FormCode.BAD_FILE.message(file=file.name, detail=f"> {MAX_FILE_BYTES} bytes")
    suffix = Path(file.name).suffix.lower()
    try:
        if suffix == ".xml":
            rows = _xml_rows(file.data)
        elif suffix == ".geojson":
            rows = _geojson_rows(file.data)
        else:
            rows = _csv_rows(file.data)
    except (ValueError, ElementTree.ParseError, csv.Error, UnicodeDecodeError, KeyError,
            TypeError, AttributeError) as exc:
        return FormCode.BAD_FILE.message(file=file.name, detail=type(exc).__name__)
    if len(rows) > MAX_FILE_ROWS:
        return FormCode.BAD_FILE.message(file=file.name, detail=f"> {MAX_FILE_ROWS} rows")
    return rows


def _csv_rows(data: bytes) -> Table:
    text = data.decode("utf-8-sig")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return [_clean(row) for row in csv.DictReader(io.StringIO(text), delimiter=delimiter)]


def _clean(row: Mapping[str | None, object]) -> dict[str, str]:
    return {str(k).strip(): str(v or "").strip() for k, v in row.items()
            if k is not None and not isinstance(v, list)}


def _xml_rows(data: bytes) -> Table:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ValueError("DTD")  # no entity expansion (billion laughs)
    root = ElementTree.fromstring(data)
    return [{child.tag: (child.text or "").strip() for child in item} for item in root]


def _geojson_rows(data: bytes) -> Table:
    rows: Table = []
    for feature in json.loads(data.decode("utf-8-sig"))["features"]:
        properties = {str(k): str(v) for k, v in (feature.get("properties") or {}).items()}
        name = str(feature.get("id", properties.get("id", "")))
        rows.append({**properties, "name": name, "label": properties.get("title", name),
                     "geometry": json.dumps(feature.get("geometry"))})
    return rows


class Lookup:
    """``pulldata(file, column, key_column, key)`` over the csv files of a form."""

    def __init__(self, files: tuple[FormFile, ...]) -> None:
        self._files = {f.name: f for f in files}
        self._indexes: dict[tuple[str, str], dict[str, dict[str, str]]] = {}

    def __call__(self, name: str, column: str, key_column: str, key: str) -> str:
        index = self._indexes.get((name, key_column))
        if index is None:
            file = self._files.get(pulldata_name(name))
            rows = read_table(file) if file is not None else []
            index = {}
            for row in rows if isinstance(rows, list) else []:
                index.setdefault(row.get(key_column, ""), row)
            self._indexes[(name, key_column)] = index
        return index.get(key, {}).get(column, "")


class FileChoices:
    """Choice lists read from the form's files, once each."""

    def __init__(self, files: tuple[FormFile, ...], plain_key: str) -> None:
        self.files = {f.name: f for f in files}
        self._plain_key = plain_key
        self._tables: dict[str, Table | Message] = {}

    def table(self, name: str) -> Table | Message:
        if name not in self._tables:
            file = self.files.get(name)
            self._tables[name] = (read_table(file) if file is not None
                                  else FormCode.MISSING_FILE.message(file=name))
        return self._tables[name]

    def choices(self, name: str, value: str = "name",
                label: str = "label") -> tuple[Choice, ...] | Message:
        """The choices of file ``name``: ``value`` and ``label`` name its columns."""
        rows = self.table(name)
        if isinstance(rows, Message):
            return rows
        columns = list(rows[0]) if rows else []
        if rows and value not in columns:
            return FormCode.FILE_COLUMNS.message(file=name, columns=[value, label],
                                                 found=columns)
        labels = [c for c in columns if c == label or c.startswith(f"{label}::")]
        extras = [c for c in columns if c != value and c not in labels]
        return tuple(self._choice(name, number, row, value, labels, extras)
                     for number, row in enumerate(rows, start=2) if row.get(value))

    def _choice(self, file: str, number: int, row: dict[str, str], value: str,
                labels: list[str], extras: list[str]) -> Choice:
        texts: dict[str, str] = {}
        for column in labels:
            _, _, language = column.partition("::")
            key = split_language(language)[0] if language else self._plain_key
            texts.setdefault(key, row.get(column, ""))
        text = Text.of(texts) or Text.of({self._plain_key: row[value]})
        extra = tuple((c, row.get(c, "")) for c in extras)
        return Choice(row[value], text, extra, Location(file=file, row=number))


_PULLDATA = re.compile(r"pulldata\s*\(\s*['\"]([^'\"]+)['\"]")
_FROM_FILE_TYPE = re.compile(r"select[ _](?:one|multiple)[ _]from[ _]file\s+(\S+)", re.I)
_IMAGE_HEADER = re.compile(r"\s*(media\s*::\s*)?((big[-_])?image|audio)\b", re.I)
_SEARCH_FILE = re.compile(r"search\s*\(\s*['\"]([^'\"]+)['\"]")


def needed_files(rows: Iterable[tuple[int, Iterable[tuple[str, str]]]],
                 ) -> tuple[set[str], list[tuple[str, int, str]]]:
    """Files the survey rows (number, (header, text) cells) use, and where pulldata() names
    one: (file, row, header)."""
    names: set[str] = set()
    pulls: list[tuple[str, int, str]] = []
    for number, cells in rows:
        for header, text in cells:
            if _IMAGE_HEADER.match(header):
                names.add(text.strip())
                continue
            names.update(m.group(1) for m in _FROM_FILE_TYPE.finditer(text))
            names.update(pulldata_name(m.group(1)) for m in _SEARCH_FILE.finditer(text))
            for match in _PULLDATA.finditer(text):
                names.add(pulldata_name(match.group(1)))
                pulls.append((pulldata_name(match.group(1)), number, header))
    return names, pulls
