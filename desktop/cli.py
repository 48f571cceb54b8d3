"""The ``kelisim`` command.

Headless verbs (``validate``, ``demo``, ``pack``, ``merge``, ``export``, ``report``,
``guide``, ``server``, ``sync``, ``status``, ``keys``, ``unseal``) live in the package that owns them and never
import Qt; only the ``gui`` verb (the default) loads the desktop app.
Only the module of the verb being run is imported. Each verb module offers
``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

#: verb -> (module, one-line help)
VERBS: dict[str, tuple[str, str]] = {
    "gui": ("desktop.app", "start the desktop application (the default)"),
    "validate": ("survey.commands.validate", "check an XLSForm questionnaire"),
    "demo": ("survey.commands.demo", "fill a database with synthetic interviews"),
    "pack": ("survey.commands.pack", "pack this laptop's database into one file for the "
                                     "supervisor"),
    "merge": ("survey.commands.merge", "merge laptop databases into a master database"),
    "export": ("reports.exports.command", "export interviews to csv, xlsx, sav or dta, "
                                          "with syntax files and a codebook"),
    "report": ("reports.commands", "build Excel and PDF reports"),
    "guide": ("reports.guide_command", "write the interviewer guide of a questionnaire (PDF)"),
    "server": ("survey.commands.server", "set up a central PostgreSQL server (init, accounts)"),
    "sync": ("survey.commands.sync", "send a laptop's interviews to the server"),
    "status": ("survey.commands.status", "fieldwork progress from the server"),
    "keys": ("survey.commands.keys", "make the project's key pair for sealed interviews"),
    "unseal": ("survey.commands.unseal", "open the sealed interviews of a master database"),
}


def _usage() -> str:
    lines = ["usage: kelisim [VERB] [options]", "", "verbs:"]
    lines += [f"  {verb:<10} {help_text}" for verb, (_, help_text) in VERBS.items()]
    lines += ["", "Run 'kelisim VERB --help' for the options of a verb."]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb of the ``kelisim`` command and return its exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in ("-h", "--help"):
        print(_usage())
        return 0
    if not args_list or args_list[0] not in VERBS:
        if args_list and not args_list[0].startswith("-"):
            print(f"kelisim: unknown verb '{args_list[0]}'\n\n{_usage()}", file=sys.stderr)
            return 2
        args_list.insert(0, "gui")
    verb, rest = args_list[0], args_list[1:]
    module_name, help_text = VERBS[verb]
    module = importlib.import_module(module_name)
    parser = argparse.ArgumentParser(prog=f"kelisim {verb}", description=help_text)
    module.add_arguments(parser)
    args = parser.parse_args(rest)
    return int(module.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
