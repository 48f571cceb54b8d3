"""``sync``: send a laptop's interviews to the server, receive forms and quotas.

The semantics are those of ``kelisim merge`` with the server as the master (identity by UUID,
nothing dropped, diverging edits kept as conflicts, audit entries and paradata copied once).
Each laptop interview is compared with the server's copy by merge's version state
(:mod:`survey.store.postgres.mirror`): one the server lacks is copied as it is (what merge does
with a new interview); one in the same state gets only the audit entries and paradata the
server lacks; for one in another state the server's copy is downloaded into a temporary SQLite
store and :func:`survey.store.merge` itself decides. The laptop file is checked as merge checks
an input and refused whole for a form version the server holds with other content.

What is to be sent goes in batches of :data:`BATCH` interviews, each in one transaction. A
batch overtaken by another writer is rolled back and the sync starts over; interrupting a sync
at any moment (a killed process, a lost network, a stopped server) leaves whole batches on the
server, and running it again sends the rest. The laptop file is only read while sending; then
the server's new form versions and quotas are written to it through the Store API.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from survey.errors import FormError, StoreError
from survey.messages import Location, Message
from survey.private import scratch_folder
from survey.store import Store, merge
from survey.store.forms import different_content
from survey.store.merge_input import QuestionTypes, prepare
from survey.store.postgres import mirror
from survey.store.postgres.codes import ServerCode
from survey.store.postgres.connection import Address
from survey.store.postgres.remote import Rights, Server
from survey.store.postgres.upload import Stale

#: Interviews per transaction.
BATCH = 500
#: Fresh starts after being overtaken before giving up with ``server.busy``.
ATTEMPTS = 8

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
#: Called with the name of each step a pass reaches: ``"read"`` (the server's versions were
#: read), ``"planned"`` (what to send is decided), ``"writing"`` (a batch's rows are written,
#: its transaction not yet committed), ``"sent"`` (a batch was committed). Lets tests make two
#: syncs interleave at exactly these points; it must not touch the laptop or the server.
Pause = Callable[[str], None]


def _nothing(_step: str) -> None:
    return None


@dataclass(frozen=True)
class SyncSummary:
    """What one sync did (counts as in ``MergeSummary``, the server being the master)."""

    laptop: Path
    server: str
    added: int = 0
    identical: int = 0
    updated: int = 0
    conflicts: int = 0
    outdated: int = 0
    not_yours: tuple[str, ...] = ()
    not_yours_count: int = 0
    unknown_forms: dict[tuple[str, str], int] = field(default_factory=dict)
    forms_received: int = 0
    quotas_received: int = 0
    bad_forms: tuple[tuple[str, str], ...] = ()

    def messages(self) -> list[Message]:
        """The summary as messages, for the command line and the Sync dialog."""
        lines = [ServerCode.SYNC_SENT.message(laptop=self.laptop.name, added=self.added,
                                              identical=self.identical, updated=self.updated,
                                              conflicts=self.conflicts)]
        if self.outdated:
            lines.append(ServerCode.SYNC_OUTDATED.message(count=self.outdated))
        if self.not_yours_count:
            lines.append(ServerCode.SYNC_NOT_YOURS.message(count=self.not_yours_count,
                                                           interviewers=list(self.not_yours)))
        lines += [ServerCode.SYNC_UNKNOWN_FORM.message(count=n, form_id=f, version=v)
                  for (f, v), n in sorted(self.unknown_forms.items())]
        lines += [ServerCode.SYNC_BAD_FORM.message(form_id=f, version=v)
                  for f, v in self.bad_forms]
        lines.append(ServerCode.SYNC_RECEIVED.message(forms=self.forms_received,
                                                      quotas=self.quotas_received))
        return lines


@dataclass
class _Held:
    """Interviews of the laptop the server will not take from this login."""

    not_yours: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    unknown: set[str] = field(default_factory=set)
    unknown_forms: Counter[tuple[str, str]] = field(default_factory=Counter)

    def all(self) -> set[str]:
        return self.not_yours | self.unknown


def sync(laptop: Path | str, address: Address, password: str | None, *,
         progress: Progress | None = None, cancel: Cancel | None = None,
         pause: Pause = _nothing) -> SyncSummary:
    """Send what the server lacks of ``laptop``, then receive forms and quotas."""
    laptop = Path(laptop)
    with Store.open_read_only(laptop) as store:  # checks the file; never writes it
        source = f"{address.user}@{store.device_id[:8]}:{laptop.name}"
    with Server.open(address, password) as server:
        rights = server.rights()
        if not rights.everything and not rights.interviewers:
            raise StoreError(ServerCode.NOT_ALLOWED, server=address.display, user=address.user,
                             detail="")
        counts: Counter[str] = Counter()
        for _attempt in range(ATTEMPTS):
            try:
                held = _send(server, rights, laptop, source, counts, progress, cancel, pause)
                break
            except Stale:  # start over; what was committed is found identical next time
                counts = Counter({"added": counts["added"],
                                  "identical": -counts["added"]})
        else:
            raise StoreError(ServerCode.BUSY, server=address.display)
        forms, quotas, bad = _receive(server, laptop)
    return SyncSummary(
        laptop=laptop, server=address.display, added=counts["added"],
        identical=counts["identical"], updated=counts["updated"], conflicts=counts["conflicts"],
        outdated=counts["outdated"], not_yours=tuple(sorted(held.names)),
        not_yours_count=len(held.not_yours), unknown_forms=dict(held.unknown_forms),
        forms_received=forms, quotas_received=quotas, bad_forms=tuple(bad))


@dataclass
class _Work:
    """One pass: batches to send, each (schema, uuids, interviews to write), and forms."""

    batches: list[tuple[str, list[str], dict[str, tuple[int | None, str]]]] = field(
        default_factory=list)
    forms: list[tuple[str, str]] = field(default_factory=list)
    marks: dict[str, int] = field(default_factory=dict)


def _send(server: Server, rights: Rights, laptop: Path, source: str, counts: Counter[str],
          progress: Progress | None, cancel: Cancel | None, pause: Pause) -> _Held:
    """One pass over the laptop; ``counts`` grows with what was written. Stale if overtaken."""
    with scratch_folder("sync") as folder:
        workspace = mirror.Workspace(folder, _current(laptop, folder))
        try:
            missing = _forms_missing(server, workspace)
            ours = workspace.laptop()
            theirs, taken = server.versions(list(ours), others=not rights.everything)
            pause("read")
            held = _hold_back(server, rights, ours, taken)
            work = _Work(forms=missing if rights.publish else [])
            _plan_direct(ours, theirs, held, work, counts)
            _plan_merged(server, workspace, ours, theirs, held, work, counts)
            server.prepare_upload()
            pause("planned")
            total = len(work.batches) or (1 if work.forms else 0)
            for number in range(total):
                if cancel is not None and cancel():
                    raise StoreError(ServerCode.CANCELLED)
                batch = _read(workspace, work, number)
                server.send(batch, source, lambda: pause("writing"))
                counts["added"] += sum(1 for row in batch.interviews if row[-1] is None)
                pause("sent")
                if progress is not None:
                    progress(number + 1, total)
            return held
        finally:
            workspace.close()


def _server_forms(server: Server) -> set[tuple[str, str]]:
    return set(server.form_digests())


def _current(laptop: Path, folder: Path) -> Path:
    """A private copy of the laptop file, prepared as merge prepares an input (its own log
    only, integrity, exact schema, questionnaire checksums, upgraded when older). Values the
    copy holds that Kelisim cannot read refuse the sync: the server has no quarantine, and
    sending the rest would leave them behind unnoticed. The laptop is never written."""
    prepared = prepare(laptop, folder, QuestionTypes())
    if prepared.swept.rows:
        raise StoreError(ServerCode.UNREADABLE_VALUES, Location(file=str(laptop)),
                         count=len(prepared.swept.rows))
    return prepared.path


def _forms_missing(server: Server, workspace: mirror.Workspace) -> list[tuple[str, str]]:
    """The laptop's form versions the server lacks; a form version the server holds with
    other content refuses the whole laptop, as merge refuses such an input."""
    theirs = server.form_digests()
    mine = workspace.laptop_forms()
    for key, digest in sorted(mine.items()):
        if key in theirs and theirs[key] != digest:
            raise different_content(key[0], key[1])
    return sorted(set(mine) - set(theirs))


def _read(workspace: mirror.Workspace, work: _Work, number: int) -> mirror.Batch:
    if not work.batches:
        batch = mirror.Batch()
    else:
        schema, uuids, replace = work.batches[number]
        batch = workspace.read(schema, uuids, replace, work.marks if schema == "main" else {})
    if number == 0 and work.forms:
        batch.forms, batch.form_files = workspace.forms("src", work.forms)
    return batch


def _plan_direct(ours: dict[str, mirror.LaptopInterview],
                 theirs: dict[str, tuple[int, mirror.State, mirror.Digests]], held: _Held,
                 work: _Work, counts: Counter[str]) -> None:
    """New interviews and new trail of unchanged ones, copied from the laptop as they are."""
    replace: dict[str, tuple[int | None, str]] = {}
    todo: list[str] = []
    for uuid, mine in ours.items():
        if uuid in held.all():
            continue
        server = theirs.get(uuid)
        if server is None:
            replace[uuid] = (None, mine.state[0])
            todo.append(uuid)
        elif server[1] == mine.state:
            counts["identical"] += 1
            if server[2] != mine.digests:
                todo.append(uuid)
    for chunk in mirror.chunks(sorted(todo), BATCH):
        work.batches.append(("src", chunk, {u: replace[u] for u in chunk if u in replace}))


def _plan_merged(server: Server, workspace: mirror.Workspace,
                 ours: dict[str, mirror.LaptopInterview],
                 theirs: dict[str, tuple[int, mirror.State, mirror.Digests]], held: _Held,
                 work: _Work, counts: Counter[str]) -> None:
    """Interviews in another version on each side: merge decides in the mirror."""
    differing = sorted(u for u, (_seq, state, _d) in theirs.items()
                       if u in ours and u not in held.all() and ours[u].state != state)
    if not differing:
        return
    baseline = server.fill_mirror(workspace, differing)
    (merged,) = merge(workspace.path, [workspace.extract(differing)])
    if not merged.ok:
        raise StoreError(ServerCode.LAPTOP_FAILED, laptop=str(workspace.laptop_path),
                         detail=list(merged.failure))
    for key in ("identical", "updated", "conflicts", "outdated"):
        counts[key] += getattr(merged, key)
    changed, trail = workspace.changes(baseline)
    work.marks = baseline.marks
    replace: dict[str, tuple[int | None, str]] = {u: v for u, v in changed.items()}
    for chunk in mirror.chunks(sorted(set(changed) | trail), BATCH):
        work.batches.append(("main", chunk, {u: replace[u] for u in chunk if u in replace}))


def _hold_back(server: Server, rights: Rights, ours: dict[str, mirror.LaptopInterview],
               taken: set[str]) -> _Held:
    """Interviews this login may not send: other interviewers' (by name, or ``taken``: on
    the server but not visible to this login) and those of forms the server lacks (when the
    login cannot publish forms)."""
    held = _Held()
    server_forms = _server_forms(server)
    for uuid, mine in ours.items():
        if not rights.may_send(mine.interviewer):
            held.not_yours.add(uuid)
            held.names.add(mine.interviewer)
        elif (mine.form_id, mine.form_version) not in server_forms and not rights.publish:
            held.unknown.add(uuid)
            held.unknown_forms[(mine.form_id, mine.form_version)] += 1
    for uuid in taken - held.all():  # on the server, but not visible to this login
        held.not_yours.add(uuid)
        held.names.add(ours[uuid].interviewer)
    return held


def _receive(server: Server, laptop: Path) -> tuple[int, int, list[tuple[str, str]]]:
    """New form versions and quotas of the server into the laptop file."""
    from survey.form.xlsform import load_form

    forms = quotas = 0
    bad: list[tuple[str, str]] = []
    with Store.open(laptop) as store:
        known = {(r.form_id, r.version) for r in store.forms()}
        for form_id, version, data, files in server.forms_except(known):
            try:
                form = load_form(data, filename=f"{form_id}.xlsx", files=files, repeats=True)
                store.register_form(form, data)
                forms += 1
            except (FormError, StoreError):
                bad.append((form_id, version))
        for (form_id, region), target in sorted(server.all_quotas().items()):
            if store.quotas(form_id).get(region) != target:
                store.set_quota(form_id, region, target)
                quotas += 1
    return forms, quotas, bad
