"""The Kelisim schema in PostgreSQL: ordered forward migrations, recorded in ``kelisim.meta``.

The tables hold what the SQLite store holds, in the same text forms of times and values, so a
version read from the server compares exactly as merge compares SQLite versions. Two tables are
stored per interview rather than per row, because a server takes in millions of them: an
interview's answers are one JSON object in ``interviews.answers`` (question -> ``[value_type,
value_text, updated_at]``), its paradata one sorted array of ``at<TAB>question<TAB>event`` in
``paradata.events``. The views ``kelisim.answers`` and ``kelisim.paradata_events`` show them as
rows for analysts' SQL (with the reader's row-level security). Added for a shared server:
``accounts`` (which interviewer names a login may send), and on each interview the change
number ``seq``, merge's fingerprint of the version (so that the next sync skips what is
unchanged), when it arrived and which login sent it (all set by triggers, whatever the client
sends; the fingerprint computed by the server from the row, since schema 5). ``kelisim.existing(uuids)`` tells which of the given interview ids the server holds,
also other interviewers' (the ids only), so a sync can tell "someone else's" from "new".

Access is enforced by PostgreSQL itself, not by Kelisim's code:

* ``kelisim_interviewer`` (a group role; interviewer logins are its members) reads forms and
  quotas, and reads, inserts and updates only interviews whose ``interviewer`` is mapped to its
  login in ``accounts`` (row-level security), with their answers, audit entries, paradata and
  conflicts. It cannot delete interviews, change the audit log or write forms and quotas.
* ``kelisim_supervisor`` (supervisors and analysts) reads everything and writes nothing.
* The owner (the login that ran ``kelisim server init``) publishes forms, sets quotas and
  creates accounts.

Migration ``n`` brings the schema from version ``n - 1`` to ``n`` in one transaction holding
an advisory lock, so two administrators running ``init`` at once cannot both migrate.
"""

from __future__ import annotations

SCHEMA = "kelisim"
INTERVIEWER_ROLE = "kelisim_interviewer"
SUPERVISOR_ROLE = "kelisim_supervisor"
ROLES = {"interviewer": INTERVIEWER_ROLE, "supervisor": SUPERVISOR_ROLE}
#: Key of the advisory lock taken while migrating ("KLSM").
MIGRATION_LOCK = 0x4B4C534D

_ROLES = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kelisim_interviewer') THEN
        CREATE ROLE kelisim_interviewer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kelisim_supervisor') THEN
        CREATE ROLE kelisim_supervisor NOLOGIN;
    END IF;
END
$$;
"""

_TABLES = """
CREATE SCHEMA kelisim;
REVOKE ALL ON SCHEMA kelisim FROM PUBLIC;
CREATE TABLE kelisim.meta (
    key text PRIMARY KEY,
    value text NOT NULL
);
CREATE TABLE kelisim.forms (
    form_id text NOT NULL,
    version text NOT NULL,
    title text NOT NULL,
    languages text NOT NULL,
    default_language text,
    xlsform bytea NOT NULL,
    sha256 text NOT NULL,
    registered_at text NOT NULL,
    PRIMARY KEY (form_id, version)
);
CREATE TABLE kelisim.accounts (
    login name NOT NULL,
    interviewer text NOT NULL,
    PRIMARY KEY (login, interviewer)
);
CREATE SEQUENCE kelisim.change_seq;
CREATE TABLE kelisim.interviews (
    uuid text PRIMARY KEY,
    form_id text NOT NULL,
    form_version text NOT NULL,
    interviewer text NOT NULL,
    device_id text NOT NULL,
    language text,
    status text NOT NULL CHECK (status IN ('draft', 'complete')),
    started_at text NOT NULL,
    completed_at text,
    updated_at text NOT NULL,
    tz_offset text NOT NULL,
    last_device_id text NOT NULL,
    seq bigint NOT NULL DEFAULT 0,
    received_at timestamptz NOT NULL DEFAULT now(),
    sent_by name NOT NULL DEFAULT session_user,
    answers jsonb NOT NULL DEFAULT '{}',
    fingerprint text NOT NULL DEFAULT '',
    FOREIGN KEY (form_id, form_version) REFERENCES kelisim.forms (form_id, version)
);
CREATE INDEX interviews_by_status ON kelisim.interviews (status, form_id);
CREATE INDEX interviews_by_update ON kelisim.interviews (updated_at DESC, uuid);
CREATE INDEX interviews_by_interviewer ON kelisim.interviews (interviewer);
CREATE INDEX interviews_by_region ON kelisim.interviews ((answers #>> '{region,1}'))
    WHERE status = 'complete';
CREATE TABLE kelisim.audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id text NOT NULL UNIQUE,
    uuid text NOT NULL REFERENCES kelisim.interviews (uuid),
    at text NOT NULL,
    who text NOT NULL,
    action text NOT NULL CHECK (action IN ('complete', 'reopen', 'change')),
    question text,
    old_value text,
    new_value text,
    reason text
);
CREATE INDEX audit_log_by_interview ON kelisim.audit_log (uuid, id);
CREATE TABLE kelisim.paradata (
    uuid text PRIMARY KEY REFERENCES kelisim.interviews (uuid),
    events text[] NOT NULL
);
CREATE TABLE kelisim.quotas (
    form_id text NOT NULL,
    region text NOT NULL,
    target integer NOT NULL CHECK (target >= 0),
    PRIMARY KEY (form_id, region)
);
CREATE TABLE kelisim.conflicts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid text NOT NULL REFERENCES kelisim.interviews (uuid),
    detected_at text NOT NULL,
    source text NOT NULL,
    kept_sha256 text NOT NULL,
    other_sha256 text NOT NULL,
    kept_version text NOT NULL,
    other_version text NOT NULL,
    UNIQUE (uuid, kept_sha256, other_sha256)
);
"""

_VIEWS = """
CREATE VIEW kelisim.answers WITH (security_invoker = true) AS
SELECT i.uuid, a.key AS question, a.value ->> 0 AS value_type, a.value ->> 1 AS value_text,
       CASE WHEN a.value ->> 0 IN ('integer', 'decimal') THEN (a.value ->> 1)::numeric END
           AS value_num,
       a.value ->> 2 AS updated_at
FROM kelisim.interviews i CROSS JOIN LATERAL jsonb_each(i.answers) a;
CREATE VIEW kelisim.paradata_events WITH (security_invoker = true) AS
SELECT p.uuid, split_part(e, E'\\t', 2) AS question, split_part(e, E'\\t', 3) AS event,
       split_part(e, E'\\t', 1) AS at
FROM kelisim.paradata p CROSS JOIN LATERAL unnest(p.events) e;
"""

_TRIGGERS = """
CREATE FUNCTION kelisim.stamp_interview() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, kelisim AS $$
BEGIN
    NEW.seq := nextval('kelisim.change_seq');
    NEW.received_at := now();
    NEW.sent_by := session_user;
    RETURN NEW;
END
$$;
CREATE TRIGGER interviews_stamp BEFORE INSERT OR UPDATE ON kelisim.interviews
FOR EACH ROW EXECUTE FUNCTION kelisim.stamp_interview();
CREATE FUNCTION kelisim.refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: rows cannot be changed or deleted', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON kelisim.audit_log
FOR EACH ROW EXECUTE FUNCTION kelisim.refuse_change();
CREATE FUNCTION kelisim.existing(uuids text[]) RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, kelisim AS $$
    SELECT i.uuid FROM kelisim.interviews i WHERE i.uuid = ANY(uuids)
$$;
REVOKE ALL ON FUNCTION kelisim.existing(text[]) FROM PUBLIC;
CREATE TRIGGER interviews_no_delete BEFORE DELETE ON kelisim.interviews
FOR EACH ROW EXECUTE FUNCTION kelisim.refuse_change();
"""

#: Row-level security. An interviewer's rows are those whose interviewer name is mapped to
#: its login; the subquery on ``interviews`` in the child tables' policies is itself filtered
#: by the interviews policy.
_MINE = ("interviewer IN (SELECT a.interviewer FROM kelisim.accounts a "
         "WHERE a.login = current_user)")
_OWN_INTERVIEW = "uuid IN (SELECT i.uuid FROM kelisim.interviews i)"


def _policies() -> str:
    statements = [
        "ALTER TABLE kelisim.accounts ENABLE ROW LEVEL SECURITY;",
        "CREATE POLICY own_account ON kelisim.accounts FOR SELECT TO kelisim_interviewer "
        "USING (login = current_user);",
        "ALTER TABLE kelisim.interviews ENABLE ROW LEVEL SECURITY;",
        f"CREATE POLICY read_own ON kelisim.interviews FOR SELECT TO kelisim_interviewer "
        f"USING ({_MINE});",
        f"CREATE POLICY send_own ON kelisim.interviews FOR INSERT TO kelisim_interviewer "
        f"WITH CHECK ({_MINE});",
        f"CREATE POLICY update_own ON kelisim.interviews FOR UPDATE TO kelisim_interviewer "
        f"USING ({_MINE}) WITH CHECK ({_MINE});",
    ]
    for table in ("audit_log", "paradata", "conflicts"):
        statements += [
            f"ALTER TABLE kelisim.{table} ENABLE ROW LEVEL SECURITY;",
            f"CREATE POLICY read_own ON kelisim.{table} FOR SELECT TO kelisim_interviewer "
            f"USING ({_OWN_INTERVIEW});",
            f"CREATE POLICY send_own ON kelisim.{table} FOR INSERT TO kelisim_interviewer "
            f"WITH CHECK ({_OWN_INTERVIEW});",
        ]
    statements.append(f"CREATE POLICY merge_own ON kelisim.paradata FOR UPDATE "
                      f"TO kelisim_interviewer USING ({_OWN_INTERVIEW}) "
                      f"WITH CHECK ({_OWN_INTERVIEW});")
    for table in ("accounts", "interviews", "audit_log", "paradata", "conflicts"):
        statements.append(f"CREATE POLICY read_all ON kelisim.{table} FOR SELECT "
                          f"TO kelisim_supervisor USING (true);")
    return "\n".join(statements)


def _own_rows(table: str) -> str:
    """A table of rows of interviews: never deleted; an interviewer login reads, sends and
    replaces those of its own interviews, supervisors read all."""
    return f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON kelisim.{table}
FOR EACH ROW EXECUTE FUNCTION kelisim.refuse_change();
ALTER TABLE kelisim.{table} ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_own ON kelisim.{table} FOR SELECT TO kelisim_interviewer
    USING ({_OWN_INTERVIEW});
CREATE POLICY send_own ON kelisim.{table} FOR INSERT TO kelisim_interviewer
    WITH CHECK ({_OWN_INTERVIEW});
CREATE POLICY replace_own ON kelisim.{table} FOR UPDATE TO kelisim_interviewer
    USING ({_OWN_INTERVIEW}) WITH CHECK ({_OWN_INTERVIEW});
CREATE POLICY read_all ON kelisim.{table} FOR SELECT TO kelisim_supervisor USING (true);"""


_GRANTS = """
GRANT USAGE ON SCHEMA kelisim TO kelisim_interviewer, kelisim_supervisor;
GRANT SELECT ON ALL TABLES IN SCHEMA kelisim TO kelisim_supervisor;
GRANT SELECT ON kelisim.meta, kelisim.forms, kelisim.quotas, kelisim.accounts
    TO kelisim_interviewer;
GRANT SELECT, INSERT ON kelisim.interviews, kelisim.audit_log, kelisim.paradata,
    kelisim.conflicts TO kelisim_interviewer;
GRANT SELECT ON kelisim.answers, kelisim.paradata_events TO kelisim_interviewer;
GRANT UPDATE (form_id, form_version, interviewer, device_id, language, status, started_at,
    completed_at, updated_at, tz_offset, last_device_id, answers, fingerprint)
    ON kelisim.interviews
    TO kelisim_interviewer;
GRANT UPDATE (events) ON kelisim.paradata TO kelisim_interviewer;
GRANT EXECUTE ON FUNCTION kelisim.existing(text[]) TO kelisim_interviewer;
"""

_V1 = _ROLES + _TABLES + _VIEWS + _TRIGGERS + _policies() + _GRANTS

#: Version 2: files, as the SQLite store keeps them since its version 4. ``form_files`` are the
#: files that come with a questionnaire version (choice lists, ``pulldata()`` tables), published
#: and read with it; ``media`` the files attached to answers of media questions, one per
#: question of an interview (replaced when the kept answer names another file, never deleted).
#: An interviewer login reads and sends the files of its own interviews only.
_V2 = f"""
CREATE TABLE kelisim.form_files (
    form_id text NOT NULL,
    version text NOT NULL,
    name text NOT NULL,
    sha256 text NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (form_id, version, name),
    FOREIGN KEY (form_id, version) REFERENCES kelisim.forms (form_id, version)
);
CREATE TABLE kelisim.media (
    uuid text NOT NULL REFERENCES kelisim.interviews (uuid),
    question text NOT NULL,
    name text NOT NULL,
    original_name text NOT NULL,
    sha256 text NOT NULL,
    size bigint NOT NULL CHECK (size >= 0),
    data bytea NOT NULL,
    PRIMARY KEY (uuid, question)
);
{_own_rows('media')}
GRANT SELECT ON kelisim.form_files, kelisim.media TO kelisim_supervisor;
GRANT SELECT ON kelisim.form_files TO kelisim_interviewer;
GRANT SELECT, INSERT ON kelisim.media TO kelisim_interviewer;
GRANT UPDATE (name, original_name, sha256, size, data) ON kelisim.media TO kelisim_interviewer;
"""

#: Version 3: sealed interviews, as the SQLite store keeps them since its version 7. An
#: envelope is opaque to the server (encrypted for the project's key, which the server never
#: holds); its interview's row stays readable, with no answers. An interviewer login sends and
#: reads the envelopes of its own interviews only (and replaces one only by another envelope
#: of the same interview, when merge keeps the one sealed last); supervisors read them all;
#: none can be deleted. Unsealing happens in a SQLite master (``kelisim server pull``).
_V3 = f"""
CREATE TABLE kelisim.sealed (
    uuid text PRIMARY KEY REFERENCES kelisim.interviews (uuid),
    key_id text NOT NULL,
    envelope bytea NOT NULL,
    sha256 text NOT NULL,
    region text,
    sealed_at text NOT NULL
);
{_own_rows('sealed')}
GRANT SELECT ON kelisim.sealed TO kelisim_supervisor;
GRANT SELECT, INSERT ON kelisim.sealed TO kelisim_interviewer;
GRANT UPDATE (key_id, envelope, sha256, region, sealed_at) ON kelisim.sealed
    TO kelisim_interviewer;
"""

#: Version 4: conflict rows are settled as ``kelisim merge`` settles them. A row whose other
#: version a later one from the same laptop supersedes (it is that version edited further, so
#: nothing of it is lost) is replaced by the row of the later version; an interviewer login
#: may delete such rows of its own interviews, in the sync that writes the replacing row.
_V4 = f"""
GRANT DELETE ON kelisim.conflicts TO kelisim_interviewer;
CREATE POLICY settle_own ON kelisim.conflicts FOR DELETE TO kelisim_interviewer
    USING ({_OWN_INTERVIEW});
"""


def _json(value: str) -> str:
    """A text as ``json.dumps(..., ensure_ascii=False)`` writes it (``to_json`` escapes the
    same characters the same way), ``null`` for NULL."""
    return f"coalesce(to_json({value})::text, 'null')"


#: The interview columns merge's fingerprint covers, in ``sort_keys`` order.
_CONTENT = ("completed_at", "device_id", "form_id", "form_version", "interviewer", "language",
            "started_at", "status", "tz_offset", "uuid")
_INTERVIEW_JSON = " || ', ' || ".join(f"""'"{c}": ' || {_json(f"i.{c}")}""" for c in _CONTENT)

#: Version 5: the server computes each interview's fingerprint itself, as
#: ``survey.store.versions.fingerprint`` does (sha256 of the JSON of the content columns and
#: each answer's type and text, keys sorted), whatever the sending laptop claims. A changed
#: client could otherwise send a diverging copy under the fingerprint of the server's version,
#: and every other laptop's sync would take its own different copy for the same one.
_V5 = f"""
CREATE FUNCTION kelisim.fingerprint(i kelisim.interviews) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
SELECT encode(sha256(convert_to('{{"answers": {{' || coalesce((
    SELECT string_agg({_json("a.key")} || ': [' || {_json("a.value ->> 0")} || ', '
        || {_json("a.value ->> 1")} || ']', ', ' ORDER BY a.key COLLATE "C")
    FROM jsonb_each(i.answers) a), '') || '}}, "interview": {{' || {_INTERVIEW_JSON}
    || '}}}}', 'UTF8')), 'hex')
$$;
CREATE FUNCTION kelisim.stamp_fingerprint() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, kelisim AS $$
BEGIN
    NEW.fingerprint := kelisim.fingerprint(NEW);
    RETURN NEW;
END
$$;
CREATE TRIGGER interviews_fingerprint BEFORE INSERT OR UPDATE ON kelisim.interviews
FOR EACH ROW EXECUTE FUNCTION kelisim.stamp_fingerprint();
"""

#: The migrations, oldest first. Never edit a released one: append a new one.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5)

SCHEMA_VERSION = len(MIGRATIONS)
