"""A parsed questionnaire as plain JSON data, and back, without reading its XLSForm again.

Reading an XLSForm workbook (cells, sheets, checks) costs far more than rebuilding the
:class:`~survey.form.model.Form` it gives; a cache of parsed forms (the analysis snapshot keeps
the forms of its table, ``survey.export.snapshot``) stores :func:`encode` and rebuilds with
:func:`decode`. No pickle: only the model's own classes are rebuilt, each from its declared
fields, and expressions from their text by our parser (``survey.expressions.parse``). Data that
is not such an encoding raises :class:`ValueError`; the caller keeps it only where it is
protected from edits (the snapshot is signed) and reads the XLSForm again when it fails.
"""

from __future__ import annotations

import base64
from dataclasses import fields, is_dataclass
from typing import Any

from survey.expressions import Expression, parse
from survey.form.model import Choice, Form, FormFile, Group, Question, QuestionType, Settings, Text
from survey.messages import Location

#: Bump when the encoding changes: older encodings are refused (and the form read again).
FORMAT = 1
_CLASSES: dict[str, type] = {cls.__name__: cls for cls in (
    Choice, Form, FormFile, Group, Location, Question, Settings, Text)}
_KIND = "@"


def encode(form: Form) -> dict[str, Any]:
    """``form`` as JSON-ready data (dicts, lists, strings, numbers, booleans, None)."""
    return {"format": FORMAT, "form": _encoded(form)}


def decode(data: object) -> Form:
    """The form :func:`encode` gave ``data`` for; ValueError when it is not such data."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not an encoded form")
    form = _decoded(data.get("form"))
    if not isinstance(form, Form):
        raise ValueError("not an encoded form")
    return form


def _encoded(value: object) -> object:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        return [_encoded(v) for v in value]
    if isinstance(value, frozenset):
        return {_KIND: "frozenset", "v": sorted(_encoded(v) for v in value)}  # type: ignore[type-var]
    if isinstance(value, Expression):
        return {_KIND: "Expression", "v": value.source}
    if isinstance(value, QuestionType):
        return {_KIND: "QuestionType", "v": value.value}
    if isinstance(value, bytes):
        return {_KIND: "bytes", "v": base64.b64encode(value).decode("ascii")}
    name = type(value).__name__
    if is_dataclass(value) and _CLASSES.get(name) is type(value):
        out: dict[str, object] = {_KIND: name}
        for f in fields(value):
            if f.init:
                out[f.name] = _encoded(getattr(value, f.name))
        return out
    raise ValueError(f"cannot encode {name}")


def _decoded(value: object) -> object:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return tuple(_decoded(v) for v in value)
    if not isinstance(value, dict):
        raise ValueError("not an encoded form")
    kind = value.get(_KIND)
    if kind in _SPECIAL:
        return _SPECIAL[kind](value.get("v"))
    cls = _CLASSES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ValueError("not an encoded form")
    names = {f.name for f in fields(cls) if f.init}
    given = {k: v for k, v in value.items() if k != _KIND}
    if not set(given) <= names:
        raise ValueError("not an encoded form")
    try:
        return cls(**{k: _decoded(v) for k, v in given.items()})
    except TypeError as error:
        raise ValueError("not an encoded form") from error


def _frozenset(value: object) -> frozenset[object]:
    if not isinstance(value, list):
        raise ValueError("not an encoded form")
    return frozenset(_decoded(v) for v in value)


def _expression(value: object) -> Expression:
    if not isinstance(value, str):
        raise ValueError("not an encoded form")
    return parse(value)


def _bytes(value: object) -> bytes:
    if not isinstance(value, str):
        raise ValueError("not an encoded form")
    return base64.b64decode(value, validate=True)


_SPECIAL = {"frozenset": _frozenset, "Expression": _expression, "bytes": _bytes,
            "QuestionType": lambda v: QuestionType(v)}
