"""Files of media questions, written beside an export (``survey.xlsx`` -> ``survey-media/``).

The cells of a media question hold the stored file name (``photo-3f2a9c1b.jpg``: unique per
content), so the folder needs no sub-folders and a cell names its file directly. Only files of
the exported interviews and questions are written (personal-data questions left out unless
asked for, as in the table). The folder (when new) and its files are private (0700, 0600).
"""

from __future__ import annotations

from pathlib import Path

from survey.export.table import ExportTable
from survey.private import make_private_folder, open_private
from survey.store.reader import Reader


def media_folder(out_path: Path) -> Path:
    return out_path.with_name(f"{out_path.stem}-media")


def write_media(store: Reader, table: ExportTable, folder: Path, status: str | None) -> int:
    """Write the files the table's cells name into ``folder``; returns how many.

    Media questions of every version the table holds count (a question only an older
    questionnaire asked keeps its column and its files); a file is matched by interview and
    name (names are unique per content), so a question renamed since keeps its files too."""
    media = {q.name for form in (table.form, *table.older_forms)
             for q in form.questions if q.type.is_media}
    exported = {v.name for v in table.variables} & media
    if not exported:
        return 0
    named = {(uuid, name) for question in exported
             for uuid, name in zip(table.frame["uuid"], table.frame[question], strict=True)
             if isinstance(name, str) and name}
    count = 0
    for uuid, _question, file in store.media_files(table.form.form_id, status):
        if (uuid, file.name) in named:
            make_private_folder(folder)
            with open_private(folder / file.name, "wb") as out:
                out.write(file.data)
            named.discard((uuid, file.name))
            count += 1
    return count
