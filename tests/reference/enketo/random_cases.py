"""Random expressions for the Enketo oracle: a differential test of the whole evaluator.

Generates nested expressions (operators and functions over the instance of cases.json), has
Enketo evaluate them (oracle.js), and writes the ones Enketo can evaluate to
tests/survey/fixtures/expression_oracle_random.json. Run by hand after `npm ci`::

    ../../../.venv/bin/python random_cases.py [--seed 1] [--count 1500]

Left out of the grammar, because there Enketo's answer comes from its host rather than from ODK
semantics: translate() (jsdom's XPath gives 'undefined' for dropped characters and lets the
last duplicate win), floor()/ceiling() (Enketo passes numbers to the host as toFixed(20), so
1e-21 becomes 0), pow() (the last bit differs between libm and V8), and text with spaces
around a number (' 7 ') next to date(), which V8's Date parser guesses at ('2001-07-01').
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
TARGET = HERE.parent.parent / "survey" / "fixtures" / "expression_oracle_random.json"
LITERALS = ("0", "1", "2.5", "25", "'25'", "''", "'abc'", "'a'", "'2024-01-31'", "'2024-1-5'",
            "'yes'", "'1e3'", "'true'", "'false'", "0.5", "19753", "'-3'", "100", "'a b'")
FUNCTIONS = (("not", 1), ("boolean", 1), ("string", 1), ("number", 1), ("int", 1),
             ("round", 1), ("round", 2), ("selected", 2), ("count-selected", 1),
             ("selected-at", 2), ("string-length", 1), ("concat", 2), ("concat", 3), ("if", 3),
             ("coalesce", 2), ("contains", 2), ("starts-with", 2), ("ends-with", 2),
             ("substr", 2), ("substr", 3), ("date", 1), ("true", 0), ("false", 0), ("abs", 1),
             ("min", 2), ("max", 2), ("normalize-space", 1), ("substring-before", 2),
             ("substring-after", 2))
OPERATORS = ("+", "-", "*", "div", "mod", "=", "!=", "<", "<=", ">", ">=", "and", "or")
CURRENT = ("", "5", "abc", "2024-02-29", "a b")  # values of '.'
LEFT_OUT_NAMES = {"pad", "sp"}  # ' 12 ' and ' ': see the docstring


def expression(rng: random.Random, names: list[str], depth: int) -> str:
    roll = rng.random()
    if depth <= 0 or roll < 0.3:
        leaf = rng.random()
        if leaf < 0.05:
            return "."
        return f"${{{rng.choice(names)}}}" if leaf < 0.5 else rng.choice(LITERALS)
    if roll < 0.6:
        left, right = expression(rng, names, depth - 1), expression(rng, names, depth - 1)
        return f"{left} {rng.choice(OPERATORS)} {right}"
    if roll < 0.65:
        return f"({expression(rng, names, depth - 1)})"
    name, count = rng.choice(FUNCTIONS)
    args = ", ".join(expression(rng, names, depth - 1) for _ in range(count))
    return f"{name}({args})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=1500)
    args = parser.parse_args()
    instances = json.loads((HERE / "cases.json").read_text(encoding="utf-8"))["instances"]
    names = [n for n in instances["main"] if n not in LEFT_OUT_NAMES]
    rng = random.Random(args.seed)
    exprs: list[str] = []
    while len(exprs) < args.count:
        candidate = expression(rng, names, 3)
        if candidate not in exprs:
            exprs.append(candidate)
    with tempfile.TemporaryDirectory() as tmp:
        table, out = Path(tmp) / "cases.json", Path(tmp) / "out.json"
        cases = [{"expr": e, "instance": rng.choice(sorted(instances)),
                  "current": rng.choice(CURRENT)} for e in exprs]
        table.write_text(json.dumps({"instances": instances, "cases": cases}), encoding="utf-8")
        subprocess.run(["node", "oracle.js", str(table), str(out), "--keep-going"], cwd=HERE,
                       env={"TZ": "UTC", "PATH": "/usr/local/bin:/usr/bin:/bin"}, check=True)
        result = json.loads(out.read_text(encoding="utf-8"))
    errors = [c for c in result["cases"] if "error" in c]
    result["cases"] = [c for c in result["cases"] if "error" not in c]
    result["generator"] = f"tests/reference/enketo/random_cases.py --seed {args.seed}"
    TARGET.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(result['cases'])} cases written, {len(errors)} that Enketo rejects left out")


if __name__ == "__main__":
    main()
