"""XLSForm compatibility: which forms of a folder Kelisim loads, beside pyxform (run by hand).

    .venv/bin/python bench/compat_forms.py [FOLDER] [--no-validate] [--details] [--no-repeats]

For every ``.xlsx`` in FOLDER (default ``../shared/xlsforms`` beside the work tree) prints
whether Kelisim accepts it, refuses it (with the reasons: problem code and, for unsupported
types, sheets and columns, the feature or column) or crashes, and the time ``load_form`` took (wall clock and CPU: on a shared machine the CPU time is the
figure to compare);
beside it whether pyxform converts it and ODK Validate accepts it (pyxform's verdicts are
cached by file digest in ``~/.cache/kelisim-compat.json``: they do not change between runs).
The table at the end counts forms affected per reason among the forms Kelisim refuses.

A form with repeats counts as accepted when it loads and behaves: an interview of it is built
(every open-ended repeat given two instances, nested ones inside the first), its pages, progress
and checks computed and one answer given in an instance; ``--no-repeats`` refuses repeats as
the reader did before it read them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from survey.errors import FormError  # noqa: E402
from survey.form import load_form  # noqa: E402
from survey.form.model import Form  # noqa: E402
from survey.form.repeats import repeats  # noqa: E402
from survey.interview.instances import RepeatInterview  # noqa: E402
from survey.messages import Message, render  # noqa: E402

CACHE = Path.home() / ".cache" / "kelisim-compat.json"


def reason_key(problem: Message) -> str:
    """A short name of why a form is refused: the code, with the feature or column named."""
    code = problem.code
    fields = problem.fields
    if "feature" in fields and isinstance(fields["feature"], Message):
        return f"{code}: {fields['feature'].code.removeprefix('form.feature.')}"
    if code in ("form.unsupported_column", "form.unknown_column"):
        return f"{code}: {str(fields.get('column', '')).split('::')[0].lower()}"
    if code in ("form.syntax", "form.unknown_function") and isinstance(fields.get("error"),
                                                                       Message):
        error = fields["error"]
        detail = error.fields.get("function") or error.fields.get("reason")
        if isinstance(detail, Message):
            detail = detail.code.removeprefix("expression.reason.")
        return f"{code}: {detail}"
    return code


def behaves(form: Form) -> str:
    """Run an interview of a form with repeats; what it holds (an exception if it fails)."""
    interview = RepeatInterview(form)
    for repeat in repeats(form):
        if repeat.repeat_count is not None:
            continue
        parent = interview.expansion.here.get(f"{repeat.parent}[1]" if repeat.parent else "",
                                              ())
        if repeat.parent is None or parent:
            for _ in range(2):
                interview.add_instance(repeat.name, parent)
    engine = interview.engine
    engine.pages()
    engine.progress()
    engine.missing_required()
    inside = [q for q in engine.form.questions if "[" in q.name and q.type.takes_input
              and q.calculation is None and not q.read_only]
    if inside:
        interview.set_answer(inside[0].name, None)
    return f"{len(engine.form.questions)} questions in {len(interview.expansion.counts)} repeats"


def kelisim_verdict(path: Path, with_repeats: bool = True) -> dict[str, object]:
    start = time.perf_counter()
    cpu = time.process_time()
    try:
        form = load_form(path, repeats=with_repeats)
        detail = f"{len(form.questions)} questions"
        if repeats(form):
            detail += f"; repeats: {behaves(form)}"
        outcome: dict[str, object] = {"status": "accepted", "detail": detail}
    except FormError as error:
        keys = sorted({reason_key(p) for p in error.problems})
        first = render(error.problems[0], "en")
        outcome = {"status": "refused", "reasons": keys, "detail": first}
    except Exception as exc:  # a crash is what this bench exists to find
        outcome = {"status": "crashed", "detail": "".join(
            traceback.format_exception_only(type(exc), exc)).strip()}
    outcome["seconds"] = time.perf_counter() - start
    outcome["cpu"] = time.process_time() - cpu
    return outcome


def pyxform_verdict(path: Path, validate: bool, cache: dict[str, dict[str, str]]) -> dict[str, str]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    key = f"{digest}:{int(validate)}"
    if key in cache:
        return cache[key]
    from pyxform.xls2xform import convert

    try:
        convert(xlsform=str(path), validate=False)
        verdict = {"pyxform": "converts"}
    except Exception as exc:
        verdict = {"pyxform": "refuses", "detail": str(exc).splitlines()[0][:120]}
    if validate and verdict["pyxform"] == "converts":
        try:
            convert(xlsform=str(path), validate=True)
            verdict["validate"] = "accepts"
        except Exception as exc:
            verdict["validate"] = "refuses"
            verdict["detail"] = str(exc).strip().splitlines()[-1][:120]
    cache[key] = verdict
    return verdict


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path,
                        default=ROOT.parent / "shared" / "xlsforms")
    parser.add_argument("--no-validate", action="store_true", help="skip ODK Validate (Java)")
    parser.add_argument("--details", action="store_true", help="print the first problem")
    parser.add_argument("--no-repeats", action="store_true",
                        help="refuse repeats (the reader before it read them)")
    args = parser.parse_args()
    cache = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    rows = []
    for path in sorted(args.folder.glob("*.xlsx")):
        ours = kelisim_verdict(path, not args.no_repeats)
        theirs = pyxform_verdict(path, not args.no_validate, cache)
        rows.append((path.name, ours, theirs))
        odk = theirs["pyxform"] + ("/" + theirs["validate"] if "validate" in theirs else "")
        line = (f"{path.name[:60]:<60} {ours['status']:<9} {ours['seconds']:6.2f}s "
                f"(cpu {ours['cpu']:5.2f}s)  {odk}")
        if ours["status"] == "refused":
            line += "\n    " + "; ".join(ours["reasons"])  # type: ignore[arg-type]
        if args.details or ours["status"] == "crashed":
            line += f"\n    {ours['detail']}"
        print(line, flush=True)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps(cache, indent=1))
    _summary(rows)
    return 0


def _summary(rows: list[tuple[str, dict[str, object], dict[str, str]]]) -> None:
    status = Counter(str(ours["status"]) for _, ours, _ in rows)
    converts = sum(1 for _, _, t in rows if t["pyxform"] == "converts")
    validates = sum(1 for _, _, t in rows if t.get("validate") == "accepts")
    both = [(o, t) for _, o, t in rows if t.get("validate", t["pyxform"]) in ("accepts",
                                                                           "converts")]
    print(f"\n{len(rows)} forms: Kelisim accepts {status['accepted']}, refuses "
          f"{status['refused']}, crashes on {status['crashed']}; pyxform converts {converts}, "
          f"ODK Validate accepts {validates}")
    print(f"of the {len(both)} forms ODK accepts, Kelisim accepts "
          f"{sum(1 for o, _ in both if o['status'] == 'accepted')}")
    slowest = max(rows, key=lambda r: float(r[1]["cpu"]))  # type: ignore[arg-type]
    print(f"slowest load_form: {slowest[0]} {float(slowest[1]['seconds']):.2f} s wall, "  # type: ignore[arg-type]
          f"{float(slowest[1]['cpu']):.2f} s CPU")  # type: ignore[arg-type]
    reasons: Counter[str] = Counter()
    for _, ours, _ in rows:
        reasons.update(ours.get("reasons", []))  # type: ignore[arg-type]
    print("\nforms affected, by reason (among refused forms):")
    for reason, count in reasons.most_common():
        print(f"  {count:3d}  {reason}")


if __name__ == "__main__":
    sys.exit(main())
