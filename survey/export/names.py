"""Names and labels that fit SPSS and Stata: transliterated, shortened, still unique.

* Variable names: Kazakh and Russian Cyrillic letters are transliterated to Latin (``сұрақ``
  -> ``suraq``), other letters lose their accents, anything else becomes ``_``; a name starts
  with a letter, is at most 64 (SPSS) or 32 (Stata) characters long, is not a reserved word,
  and no two names differ only in case. A choice column ``question__choice`` is shortened in
  its question part, so the choice stays readable. Every renamed column is listed in the
  mapping (codebook, syntax files, Stata characteristics).
* Labels: cut at a word boundary with "…" to the format's limit (SPSS: 256 bytes for a
  variable label and 120 for a value label; Stata: 80 characters for a variable label,
  32,000 bytes for a value label); a choice column keeps its choice text and loses from the
  question text. Labels that would become equal are numbered: "… (2)".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
#: Words Stata does not accept as variable names (SPSS's reserved words are a subset).
RESERVED = frozenset({
    "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long", "_n",
    "_N", "_pi", "_pred", "_rc", "_skip", "strl", "using", "with", "all", "and", "by", "eq",
    "ge", "gt", "le", "lt", "ne", "not", "or", "to",
})
ELLIPSIS = "…"
Measure = Callable[[str], int]


def utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def transliterate(text: str) -> str:
    """Latin letters for Kazakh and Russian Cyrillic, accents dropped from other letters."""
    out = []
    for ch in text:
        lower = ch.lower()
        if lower in _CYRILLIC:
            latin = _CYRILLIC[lower]
            out.append(latin.capitalize() if ch != lower else latin)
        else:
            out.append(ch)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def safe_names(names: list[str], max_len: int | Mapping[str, int]) -> dict[str, str]:
    """Original name -> a name the format accepts (at most ``max_len`` characters, or
    ``max_len[name]``), unique regardless of case."""
    used: set[str] = set()
    result: dict[str, str] = {}
    for name in names:
        limit = max_len if isinstance(max_len, int) else max_len[name]
        base = _fit(_clean(name), limit)
        candidate, k = base, 1
        while candidate.lower() in used:
            k += 1
            suffix = f"_{k}"
            candidate = base[: limit - len(suffix)] + suffix
        used.add(candidate.lower())
        result[name] = candidate
    return result


def _clean(name: str) -> str:
    text = re.sub(r"[^A-Za-z0-9_]", "_", transliterate(name))
    if not re.match(r"[A-Za-z]", text):
        text = "v" + text
    if text.lower() in RESERVED:
        text += "_"
    return text


def _fit(name: str, max_len: int) -> str:
    if len(name) <= max_len:
        return name
    head, sep, tail = name.rpartition("__")
    if sep and head and len(tail) + 2 <= max_len // 2:  # keep the choice of a choice column
        return head[: max_len - len(tail) - 2] + sep + tail
    return name[:max_len]


def shorten(text: str, limit: int, measure: Measure = len) -> str:
    """``text`` cut at a word boundary with "…" so that ``measure`` of it is at most ``limit``."""
    if measure(text) <= limit:
        return text
    room = limit - measure(ELLIPSIS)
    cut = text
    while cut and measure(cut) > room:
        cut = cut[:-1]
    words = cut.rsplit(" ", 1)
    if len(words) == 2 and len(words[0]) >= len(cut) // 2:
        cut = words[0]
    return cut.rstrip(" ,;:-") + ELLIPSIS


def fit_label(label: str, limit: int, measure: Measure = len, tail: str = "") -> str:
    """A label within ``limit``; ``tail`` (e.g. ": Yes" of a choice column) is kept whole."""
    if measure(label) <= limit:
        return label
    if tail and label.endswith(tail) and measure(tail) < limit // 2:
        head = label[: len(label) - len(tail)]
        return shorten(head, limit - measure(tail), measure) + tail
    return shorten(label, limit, measure)


def unique_labels(labels: Mapping[str, str], limit: int, measure: Measure = len,
                  tails: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each label fitted to ``limit``; labels that become equal are numbered "(2)", "(3)"."""
    tails = tails or {}
    fitted = {key: fit_label(text, limit, measure, tails.get(key, ""))
              for key, text in labels.items()}
    seen: dict[str, int] = {}
    originals: dict[str, str] = {}
    for key, text in fitted.items():
        if text in originals and originals[text] != labels[key]:
            seen[text] = seen.get(text, 1) + 1
            number = f" ({seen[text]})"
            fitted[key] = fit_label(labels[key], limit - measure(number), measure,
                                    tails.get(key, "")) + number
        else:
            originals.setdefault(text, labels[key])
    return fitted
