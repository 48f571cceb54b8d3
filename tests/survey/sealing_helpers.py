"""A questionnaire with a public key, a project key pair and a completed sensitive interview,
shared by the sealing tests."""

from __future__ import annotations

from pathlib import Path

from survey.form.xlsform import load_form
from survey.sealing import KeyPair, create_key_pair
from survey.store import Store
from tests.formbuilder import write_xlsform

PASSPHRASE = "steppe wind 2026"
#: The interviewer's passphrase that unlocks the laptop's drafts.
DRAFTS_PASSPHRASE = "yurt door by the river"

SURVEY = [
    {"type": "select_one region", "name": "region", "label::en": "Region"},
    {"type": "text", "name": "name", "label::en": "Your name"},
    {"type": "text", "name": "phone", "label::en": "Phone"},
    {"type": "integer", "name": "household", "label::en": "Household size"},
    {"type": "select_one dispute", "name": "dispute", "label::en": "Dispute"},
    {"type": "text", "name": "story", "label::en": "What happened in January 2022?"},
    {"type": "image", "name": "photo", "label::en": "Photo"},
]
CHOICES = [
    {"list_name": "region", "name": "almaty_city", "label::en": "Almaty"},
    {"list_name": "region", "name": "astana", "label::en": "Astana"},
    {"list_name": "dispute", "name": "interethnic_land_quarrel", "label::en": "Interethnic"},
    {"list_name": "dispute", "name": "family", "label::en": "Family"},
]

#: Answers of the completed interview: none of them may be found in the sealed file.
SECRET_ANSWERS = {
    "name": "Жанар Сейткалиқызы Тестбаева",
    "phone": "+7 701 555 01 23 98",
    "household": 734519,
    "dispute": "interethnic_land_quarrel",
    "story": "Мы видели, как на площади в Алматы задержали соседа Ерлана Кудайбергенова",
}
PHOTO = b"\x89PNG\r\n\x1a\n" + b"respondent-face-pixels-7f3a9c" * 40


def key_pair(folder: Path) -> KeyPair:
    return create_key_pair(folder, PASSPHRASE)


def register_sealed_form(store: Store, folder: Path, public_key: str, *,
                         form_id: str = "sealed", unlock: bool = True) -> None:
    """Register the questionnaire; with a public key, also set (or unlock) the drafts'
    passphrase unless ``unlock`` is False."""
    settings = {"form_id": form_id, "version": "1", "form_title": "Sealed"}
    if public_key:
        settings["public_key"] = public_key
    data = write_xlsform(folder / f"{form_id}.xlsx", SURVEY, CHOICES, settings).read_bytes()
    store.register_form(load_form(data, filename=f"{form_id}.xlsx"), data)
    if public_key and unlock and store.drafts.cipher is None:
        store.unlock_drafts(DRAFTS_PASSPHRASE)


def fill(store: Store, form_id: str = "sealed", *, complete: bool = True) -> str:
    uuid = store.start_interview(form_id, "1", interviewer="Aigerim T.", language="en")
    store.save_answer(uuid, "region", "almaty_city")
    for question, value in SECRET_ANSWERS.items():
        store.record_event(uuid, question, "shown")
        store.save_answer(uuid, question, value)
        store.record_event(uuid, question, "answered")
    store.attach_file(uuid, "photo", "face.png", PHOTO)
    if complete:
        store.complete(uuid)
    return uuid


def secret_bytes() -> list[bytes]:
    """Every answer and file of the interview, as the bytes a search looks for."""
    found = [str(v).encode("utf-8") for v in SECRET_ANSWERS.values()]
    found.append(b"respondent-face-pixels-7f3a9c")
    return found


def files_of(path: Path) -> list[Path]:
    """The database and every file kept beside it: SQLite's log and journal, and the
    analysis snapshot (``<db>.analysis-*.parquet``)."""
    return sorted(p for p in path.parent.iterdir() if p.name.startswith(path.name))


def readable_bytes(file: Path) -> bytes:
    """The bytes of ``file``; for an analysis snapshot (compressed Parquet after its
    signature) also every cell of its table as text, so a search sees what it holds."""
    data = file.read_bytes()
    start = data.find(b"PAR1")
    if ".analysis-" not in file.name or start < 0:
        return data
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(pa.BufferReader(data[start:]))
    cells = "\n".join(str(v) for column in table.columns for v in column.to_pylist())
    return data + cells.encode("utf-8") + str(table.column_names).encode("utf-8")


def leaks(path: Path) -> list[tuple[str, bytes]]:
    """(file name, secret) for every secret found in the file or beside it."""
    found = []
    for file in files_of(path):
        data = readable_bytes(file)
        found += [(file.name, s) for s in secret_bytes() if s in data]
    return found
