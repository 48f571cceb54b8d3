"""The supported languages are listed once, in survey.i18n.LANGUAGES; everyone else imports it."""

import ast
from pathlib import Path

from survey.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("survey", "analysis", "reports", "desktop")
HOME = ROOT / "survey" / "i18n" / "__init__.py"


def _language_lists(path: Path) -> list[int]:
    """Lines of tuple/list/set literals that are exactly the supported language codes."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Tuple | ast.List | ast.Set) and len(node.elts) == len(LANGUAGES):
            values = {e.value for e in node.elts if isinstance(e, ast.Constant)}
            if values == set(LANGUAGES):
                lines.append(node.lineno)
    return lines


def test_language_list__written_only_in_survey_i18n():
    copies = [f"{path.relative_to(ROOT)}:{line}"
              for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
              if path != HOME for line in _language_lists(path)]
    assert copies == []
    assert _language_lists(HOME) != []
