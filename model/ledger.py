"""The append-only, hash-chained journal (台账) and the replay that checks the state tables.

No code path updates or deletes a ledger entry; a correction is a new entry whose
`corrects_seq` points at the old one. Every state row is written from the `changes` an entry
records, so replaying the ledger must give exactly the state tables.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from json.encoder import encode_basestring
from typing import Any

from sqlalchemy import Select, String, Table, Update, bindparam, func, insert, select, type_coerce, update
from sqlalchemy.engine import Connection, Dialect
from sqlmodel import Session, SQLModel

from model import backend, clock
from model.errors import DomainError, LedgerUnavailable
from model.tables import STATE_TABLES, LedgerEntry, LedgerMeta, Shift, UTCDateTime
from model.text import _

LEGACY_GENESIS = "0" * 64
"""Where the chains of ledgers created before they had an id (migration 0003) begin."""
IDENTIFIED = "ledger_identified"
"""The kind of the entry that gave an existing ledger its id."""
SYSTEM_OPERATOR = "linkdesk"
"""The operator of entries linkdesk writes itself, such as the one that gives a ledger its id."""
TABLES: dict[str, Table] = {model.__table__.name: model.__table__ for model in STATE_TABLES}  # type: ignore[attr-defined]
ENTRY_TABLE: Table = LedgerEntry.__table__  # type: ignore[attr-defined]
SHIFT_TABLE: Table = Shift.__table__  # type: ignore[attr-defined]
OPEN_SHIFT = (select(SHIFT_TABLE.c.id).where(SHIFT_TABLE.c.ended_at.is_(None))
              .order_by(SHIFT_TABLE.c.id.desc()).limit(1))
NEWEST_ENTRY = select(ENTRY_TABLE.c.seq, ENTRY_TABLE.c.hash).order_by(ENTRY_TABLE.c.seq.desc()).limit(1)
CHAIN_HEAD = select(NEWEST_ENTRY.with_only_columns(ENTRY_TABLE.c.seq).scalar_subquery(),
                    NEWEST_ENTRY.with_only_columns(ENTRY_TABLE.c.hash).scalar_subquery(),
                    OPEN_SHIFT.scalar_subquery())
"""The newest entry's number and hash and the open shift, read in one round trip by every append."""
META_TABLE: Table = LedgerMeta.__table__  # type: ignore[attr-defined]
LEDGER_ID = select(META_TABLE.c.ledger_id)
INSERT_ENTRY = insert(ENTRY_TABLE)
INSERTS = {name: insert(table) for name, table in TABLES.items()}
"""The INSERT of each table, built once: a statement made anew is keyed for the compiled cache on every run."""


def encode(value: Any) -> Any:
    """The JSON form of a stored value; datetimes as UTC ISO 8601 with microseconds."""
    if isinstance(value, datetime):
        return (value if value.tzinfo is UTC else clock.as_utc(value)).isoformat(timespec="microseconds")
    return value


def canonical(obj: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 text kept as written."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=encode)


def entry_hash(
    seq: int,
    happened_at: str,
    entered_at: str,
    operator: str,
    shift_id: int | None,
    incident_no: str | None,
    kind: str,
    corrects_seq: int | None,
    payload: str,
    prev_hash: str,
) -> str:
    """SHA-256 over the entry's fields joined by a unit separator no field can contain unescaped.

    Strings are quoted with `encode_basestring`, the function `json.dumps(text, ensure_ascii=False)`
    calls for a str: the same text, without the encoder set-up that dominates a short string.
    """
    parts = (
        str(seq),
        happened_at,
        entered_at,
        encode_basestring(operator),
        "" if shift_id is None else str(shift_id),
        "" if incident_no is None else encode_basestring(incident_no),
        kind,
        "" if corrects_seq is None else str(corrects_seq),
        payload,
        prev_hash,
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def genesis_hash(ledger_id: str) -> str:
    """The `prev_hash` of a new ledger's first entry: made from its id, so no two ledgers share it."""
    return hashlib.sha256(f"linkdesk ledger\x1f{ledger_id}".encode()).hexdigest()


def identifying_entry(*, seq: int, prev_hash: str, shift_id: int | None, ledger_id: str,
                      at: datetime) -> dict[str, Any]:
    """The row of the entry that records the id an existing ledger was given (migration 0003)."""
    payload = canonical({"facts": {"ledger_id": ledger_id}, "changes": []})
    stamp = encode(at)
    digest = entry_hash(seq, stamp, stamp, SYSTEM_OPERATOR, shift_id, None, IDENTIFIED, None, payload, prev_hash)
    return {"seq": seq, "happened_at": at, "entered_at": at, "operator": SYSTEM_OPERATOR, "shift_id": shift_id,
            "incident_no": None, "kind": IDENTIFIED, "corrects_seq": None, "payload": payload,
            "prev_hash": prev_hash, "hash": digest}


def ledger_id(session: Session) -> str | None:
    """This ledger's id (None only for a database whose schema predates migration 0003)."""
    value: str | None = session.execute(LEDGER_ID).scalar()
    return value


def _first_prev_hash(connection: Connection) -> str:
    """The genesis the first entry chains to; a ledger without an id cannot start a chain."""
    identity = connection.execute(LEDGER_ID).scalar()
    if identity is None:
        raise LedgerUnavailable(_("the ledger has no id (its schema is older than this linkdesk): "
                                  "run `linkdesk db upgrade`"))
    return genesis_hash(identity)


@dataclass(frozen=True)
class Change:
    """One state row written by an entry: a whole new row, or some columns of an existing one."""

    table: str
    key: dict[str, Any]
    values: dict[str, Any]
    insert: bool = False
    held: SQLModel | None = field(default=None, compare=False, repr=False)
    """The row object the change was made from, when the action holds one (see `_expire_held`)."""

    @classmethod
    def new(cls, row: SQLModel) -> Change:
        table: Table = row.__table__  # type: ignore[attr-defined]
        data = {column.name: getattr(row, column.name) for column in table.columns}
        key = {column.name: data.pop(column.name) for column in table.primary_key.columns}
        return cls(table.name, key, data, insert=True)

    @classmethod
    def set(cls, row: SQLModel, **values: Any) -> Change:
        table: Table = row.__table__  # type: ignore[attr-defined]
        key = {column.name: getattr(row, column.name) for column in table.primary_key.columns}
        return cls(table.name, key, values, held=row)

    def as_json(self) -> dict[str, Any]:
        return {"table": self.table, "op": "insert" if self.insert else "update",
                "key": self.key, "values": self.values}


def next_id(session: Session, model: type[SQLModel]) -> int:
    """The next integer key; safe because writers hold the write lock while they run."""
    return int(session.connection().execute(_largest_key(model)).scalar_one()) + 1


@cache
def _largest_key(model: type[SQLModel]) -> Select[int]:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return select(func.coalesce(func.max(next(iter(table.primary_key.columns))), 0))


def open_shift_id(connection: Connection) -> int | None:
    shift_id: int | None = connection.execute(OPEN_SHIFT).scalar()
    return shift_id


@dataclass(frozen=True, slots=True)
class Appended:
    """What an action learns of the entry it just wrote: its number, hash, time and shift."""

    seq: int
    hash: str
    happened_at: datetime
    shift_id: int | None


def append(
    session: Session,
    *,
    kind: str,
    operator: str,
    facts: dict[str, Any],
    changes: Sequence[Change] = (),
    incident_no: str | None = None,
    happened_at: datetime | None = None,
    corrects_seq: int | None = None,
    changes_of_seq: Callable[[int], Sequence[Change]] | None = None,
) -> Appended:
    """Write the state changes and the one entry that records them, in the caller's transaction.

    `changes_of_seq` gives further changes that name the entry itself (a plan step settled by this
    entry records its seq): it is called with the new entry's seq, read under the write lock in
    the same round trip as the chain head, and its changes are hashed and replayed like the rest.
    The statements run on the session's connection, so they are part of its transaction; rows the
    action holds read what was written the next time they are used.
    """
    connection = session.connection()
    backend.serialize_appends(connection)
    newest_seq, newest_hash, shift_id = connection.execute(CHAIN_HEAD).one()
    seq, prev_hash = (newest_seq + 1, newest_hash) if newest_seq is not None else (1, _first_prev_hash(connection))
    entered_at = clock.now()
    happened = clock.as_utc(happened_at) if happened_at is not None else entered_at
    if changes_of_seq is not None:
        changes = [*changes, *changes_of_seq(seq)]
    payload = canonical({"facts": facts, "changes": [change.as_json() for change in changes]})
    _refuse_nul(payload, changes, operator)
    _apply(connection, changes)
    digest = entry_hash(seq, encode(happened), encode(entered_at), operator, shift_id,
                        incident_no, kind, corrects_seq, payload, prev_hash)
    row = {
        "seq": seq, "happened_at": happened, "entered_at": entered_at, "operator": operator,
        "shift_id": shift_id, "incident_no": incident_no, "kind": kind,
        "corrects_seq": corrects_seq, "payload": payload, "prev_hash": prev_hash, "hash": digest,
    }
    connection.execute(INSERT_ENTRY, row)
    backend.announce(connection, seq)
    _expire_held(session, changes)
    return Appended(seq, digest, happened, shift_id)


def _refuse_nul(payload: str, changes: Sequence[Change], operator: str) -> None:
    """Refuse text holding NUL (U+0000) before anything is written, on every backend alike.

    PostgreSQL cannot store the character in text at all and SQLite would keep it; a ledger holds
    the same facts on both, so the entry is refused, naming the field (the payload's JSON would
    escape it; the state rows could not hold it). Every value of the changes is in the payload,
    whose JSON writes a NUL as `\\u0000`: only a payload holding that text has its changes gone
    through for the field.
    """
    fields = [("operator", operator)]
    if "\\u0000" in payload:
        fields += [(name, value) for change in changes
                   for name, value in (*change.key.items(), *change.values.items())]
    for name, value in fields:
        if isinstance(value, str) and "\x00" in value:
            raise DomainError(_("{field} holds a NUL character (U+0000), which the ledger does not store: "
                                "remove it and try again").format(field=name))


def _apply(connection: Connection, changes: Sequence[Change]) -> None:
    """Write the changes in their order: each run of new rows by executemany, updates one by one."""
    for inserting, run in itertools.groupby(changes, key=lambda change: change.insert):
        if inserting:
            _insert_run(connection, list(run))
        else:
            for change in run:
                _update(connection, change)


def _insert_run(connection: Connection, run: Sequence[Change]) -> None:
    """Insert consecutive new rows grouped by table, tables in the order they first appear.

    A parent row comes before its children in a run, so its table's group is written first.
    Rows are grouped by their columns too, since one executemany binds the same columns for all.
    """
    groups: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
    for change in run:
        row = {**change.key, **change.values}
        groups.setdefault((change.table, tuple(row)), []).append(row)
    for (table_name, _columns), rows in groups.items():
        connection.execute(INSERTS[table_name], rows)


def _update(connection: Connection, change: Change) -> None:
    """Set the change's columns on the one row its key names; the columns set are the values given."""
    keys = {f"key_{name}": value for name, value in change.key.items()}
    if connection.execute(_update_by_key(change.table, tuple(change.key)), {**change.values, **keys}).rowcount != 1:
        raise LookupError(f"no {change.table} row {change.key} to update")


@cache
def _update_by_key(table_name: str, key_names: tuple[str, ...]) -> Update:
    """An UPDATE of the row whose key columns equal the parameters `key_<column>`, built once per table.

    A statement built for each change was keyed for the compiled cache each time (~150 us, against
    ~35 us to run one built once); no column's name begins with `key_`.
    """
    table = TABLES[table_name]
    return update(table).where(*(table.c[name] == bindparam(f"key_{name}") for name in key_names))


def _expire_held(session: Session, changes: Sequence[Change]) -> None:
    """Rows the session holds and a change rewrote read the written values when next used.

    The changes went to the database past the session, so the session's copy of a changed row is
    out of date: its changed columns are expired (only on rows the action holds, the ones
    `Change.set` was given), and the next read of them loads what this transaction wrote.
    """
    for change in changes:
        if change.held is not None and change.held in session:
            session.expire(change.held, list(change.values))


@dataclass(frozen=True)
class Head:
    """The newest entry of the chain: what a printed handover or `ledger verify` anchors.

    Written as `SEQ:HASH`, the form `ledger verify` prints and `ledger verify --anchor` takes.
    """

    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Head:
        """An anchor as written on paper; a hash copied by hand may stop after its first 16 digits.

        Sixteen hex digits are 64 bits: no one rewrites a chain to match them by chance or by effort.
        """
        seq, colon, digest = text.strip().partition(":")
        digest = digest.strip().lower()
        if (not colon or not seq.strip().isdigit() or int(seq) < 1 or not ANCHOR_DIGITS <= len(digest) <= 64
                or any(char not in "0123456789abcdef" for char in digest)):
            raise ValueError(_("{anchor!r} is not an anchor: write it as SEQ:HASH, the entry number, a colon "
                               "and its hash (at least the first {digits} digits)")
                             .format(anchor=text, digits=ANCHOR_DIGITS))
        return cls(seq=int(seq), hash=digest)


ANCHOR_DIGITS = 16
"""The fewest hash digits an anchor may give."""


def head(session: Session) -> Head | None:
    """The chain's newest entry (its seq and hash), or None for an empty ledger."""
    newest = session.execute(NEWEST_ENTRY).first()
    return Head(seq=newest[0], hash=newest[1]) if newest else None


@dataclass
class VerifyReport:
    """What `ledger verify` found. `bad_seq` is the first entry that breaks the chain or state."""

    entries: int = 0
    bad_seq: int | None = None
    problem: str = ""
    clock_steps_back: list[int] = field(default_factory=list)
    head: Head | None = None
    """The newest entry of the chain as far as it verified."""
    anchor_problems: list[str] = field(default_factory=list)
    """One line per anchor the chain no longer holds."""

    @property
    def ok(self) -> bool:
        return self.bad_seq is None and not self.problem and not self.anchor_problems


def iter_entries(session: Session, batch: int = 5000) -> Iterator[LedgerEntry]:
    """Every entry in sequence order, streamed in batches so a year's ledger fits in memory."""
    last = 0
    while True:
        rows = session.exec(  # type: ignore[call-overload]
            select(LedgerEntry).where(LedgerEntry.seq > last).order_by(LedgerEntry.seq).limit(batch)  # type: ignore[arg-type]
        ).scalars().all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        session.expunge_all()


HASHED = ("seq", "happened_at", "entered_at", "operator", "shift_id", "incident_no", "kind", "corrects_seq",
          "payload", "prev_hash", "hash")
CHAIN = select(*(type_coerce(ENTRY_TABLE.c[name], String) if name.endswith("_at") else ENTRY_TABLE.c[name]
                 for name in HASHED)).order_by(ENTRY_TABLE.c.seq)
"""Every entry's hashed fields in sequence order, the two times as the driver gives them (see `time_reader`)."""


def chain_batches(session: Session, batch: int = 20_000) -> Iterator[Sequence[Sequence[Any]]]:
    """Every entry's hashed fields (see CHAIN) in sequence order, `batch` rows at a time.

    The times come as the driver gives them: `time_reader` makes each the datetime the dialect's
    DateTime reads, the value `stamp` takes.
    """
    yield from session.connection().execute(CHAIN).partitions(batch)


def chain_rows(session: Session) -> Iterator[Sequence[Any]]:
    """Every entry's hashed fields in sequence order (see `chain_batches`), one row at a time."""
    for rows in chain_batches(session):
        yield from rows


def time_reader(dialect: Dialect) -> Callable[[Any], Any]:
    """The dialect's own reading of a stored time (`UTCDateTime.stored`), as one function.

    The chain's two times are read raw so that an entry whose happened and entered times are the
    same stored value is read, and stamped, once.
    """
    read = UTCDateTime.impl.dialect_impl(dialect).result_processor(dialect, None)
    return read if read is not None else _as_given


def _as_given(moment: Any) -> Any:
    return moment


def stamp(moment: datetime) -> str:
    """`encode(utc_of(moment))` in one step, for a time as the dialect's DateTime reads it.

    A naive value (SQLite keeps no offset) is UTC by construction, so its ISO 8601 text gains only
    the offset; an aware one (a server's, in its session's zone) is converted to UTC first.
    """
    if moment.tzinfo is None:
        return moment.isoformat(timespec="microseconds") + "+00:00"
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Identity:
    """The ledger's id and where its chain begins, as `ledger_meta` records them."""

    ledger_id: str
    identified_seq: int | None

    @property
    def genesis(self) -> str:
        return LEGACY_GENESIS if self.identified_seq is not None else genesis_hash(self.ledger_id)

    def recorded_by(self, kind: str, payload: str) -> bool:
        """Whether an entry is the one that gave this ledger its id."""
        return kind == IDENTIFIED and bool(json.loads(payload)["facts"].get("ledger_id") == self.ledger_id)


def identity(session: Session) -> Identity | str:
    """The ledger's identity, or why it has none that can be trusted."""
    rows = session.execute(select(META_TABLE.c.ledger_id, META_TABLE.c.identified_seq)).all()
    if len(rows) != 1:
        return _("the ledger's id is missing or doubled ({count} rows in ledger_meta)").format(count=len(rows))
    return Identity(rows[0][0], rows[0][1])


Key = tuple[Any, ...]
State = dict[str, dict[Key, dict[str, Any]]]
"""The state tables as the ledger's changes build them: table, then key, then column and its JSON value."""
WrittenBy = dict[str, dict[Key, int]]
"""The seq of the last entry that wrote each state row, by table and key."""


def verify(session: Session, *, check_state: bool = True, anchors: Sequence[Head] = ()) -> VerifyReport:
    """Check every hash and link from this ledger's genesis, each anchor, then the state tables.

    Each entry's hash is computed again from its fields as the database gives them back, times
    stamped from the datetimes the dialect's DateTime reads, exactly as `append` encoded the values
    it wrote. An anchor (a head printed earlier) fails when its entry is gone (the ledger was
    truncated) or has another hash (the chain was rewritten at or before it).
    """
    report = VerifyReport()
    found = identity(session)
    if isinstance(found, str):
        report.problem = found
        return report
    wanted: dict[int, list[Head]] = {}
    for anchor in anchors:
        wanted.setdefault(anchor.seq, []).append(anchor)
    state: State = {name: {} for name in TABLES}
    written_by: WrittenBy = {name: {} for name in TABLES}
    expected_prev, expected_seq, last_entered, identified_seq = found.genesis, 1, "", found.identified_seq
    read_time = time_reader(session.connection().dialect)
    for seq, happened_at, entered_at, operator, shift_id, incident_no, kind, corrects_seq, payload, \
            prev_hash, digest in chain_rows(session):
        report.entries += 1
        entered = stamp(read_time(entered_at))
        happened = entered if happened_at == entered_at else stamp(read_time(happened_at))
        fault = ""
        if seq != expected_seq:
            fault = _("sequence jumps from {before} to {seq}").format(before=expected_seq - 1, seq=seq)
        elif prev_hash != expected_prev:
            fault = (_("its previous-hash is not this ledger's genesis: the chain was written for another ledger")
                     if seq == 1 else _("its previous-hash does not match the entry before it"))
        elif digest != entry_hash(seq, happened, entered, operator, shift_id, incident_no,
                                  kind, corrects_seq, payload, prev_hash):
            fault = _("its content does not match its hash (changed after it was written)")
        elif seq == identified_seq and not found.recorded_by(kind, payload):
            fault = _("it should record this ledger's id {ledger_id} and does not: the chain belongs to another "
                      "ledger").format(ledger_id=found.ledger_id)
        if fault:
            report.bad_seq, report.problem = seq, _("entry {seq}: {fault}").format(seq=seq, fault=fault)
            return report
        if seq in wanted:
            report.anchor_problems += [
                _("anchor {anchor}: entry {seq} now has hash {digest}; the chain was rewritten at or before "
                  "it").format(anchor=anchor, seq=seq, digest=digest)
                for anchor in wanted.pop(seq) if not digest.startswith(anchor.hash)]
        if entered < last_entered:
            report.clock_steps_back.append(seq)
        last_entered = entered
        expected_prev, expected_seq = digest, seq + 1
        if check_state:
            _replay(seq, payload, state, written_by)
    last = expected_seq - 1
    report.head = Head(last, expected_prev) if last else None
    report.anchor_problems += [
        _("anchor {anchor}: the ledger ends at entry {last}, so entry {seq} is gone (entries were "
          "removed)").format(anchor=anchor, last=last, seq=anchor.seq)
        for seq in sorted(wanted) for anchor in wanted[seq]]
    if identified_seq is not None and last < identified_seq:
        report.problem = _("the ledger ends at entry {last}, before entry {seq} that records its id (entries "
                           "were removed)").format(last=last, seq=identified_seq)
        return report
    if check_state:
        _compare_state(session.connection(), state, written_by, report)
    return report


CHANGES_FIRST = '{"changes":'
"""How a canonical payload begins ("changes" sorts before "facts"): its changes are read from there."""
NO_CHANGES = CHANGES_FIRST + "[],"
_DECODER = json.JSONDecoder()


def _changes_of(payload: str) -> list[dict[str, Any]]:
    """The changes an entry records, decoded without its facts (which the replay does not need).

    The payload's hash was just checked, so a payload written by `append` is canonical and its
    changes array stands at the start; any other JSON object is decoded whole.
    """
    if payload.startswith(CHANGES_FIRST):
        changes: list[dict[str, Any]] = _DECODER.raw_decode(payload, len(CHANGES_FIRST))[0]
        return changes
    recorded: list[dict[str, Any]] = json.loads(payload).get("changes", [])
    return recorded


def _replay(seq: int, payload: str, state: State, written_by: WrittenBy) -> None:
    """Apply one entry's changes to the replayed state; a new row's values are the decoded dict itself."""
    if payload.startswith(NO_CHANGES):
        return
    for change in _changes_of(payload):
        table, key = change["table"], tuple(change["key"].values())
        if change["op"] == "insert":
            state[table][key] = change["values"]
        else:
            state[table].setdefault(key, {}).update(change["values"])
        written_by[table][key] = seq


def _stored_rows(connection: Connection, table: Table) -> Iterator[tuple[Key, dict[str, Any]]]:
    """Each state row of `table` by its key (columns in sorted order, as a change's key is recorded),
    its values in the JSON form `append` recorded them in: times read as `UTCDateTime.stored`
    reads them and `stamp`ed."""
    names = [column.name for column in table.columns]
    times = [column.name for column in table.columns if isinstance(column.type, UTCDateTime)]
    key_names = sorted(column.name for column in table.primary_key.columns)
    read = select(*(UTCDateTime.stored(column) if column.name in times else column for column in table.columns))
    for batch in connection.execute(read).partitions(20_000):
        for values in batch:
            row = dict(zip(names, values, strict=True))
            for name in times:
                if row[name] is not None:
                    row[name] = stamp(row[name])
            yield tuple(row[name] for name in key_names), row


def _label(table: str, key: Key) -> str:
    return f"{table} {'/'.join(str(part) for part in key)}"


def _compare_state(connection: Connection, state: State, written_by: WrittenBy, report: VerifyReport) -> None:
    """Every state row must hold what the ledger last wrote to it, and every row it wrote must exist.

    A row agrees when the columns the ledger recorded are a subset of the row's items, one C-level
    comparison per row; only a row that disagrees is gone through column by column to name the fault.
    """
    for name, table in TABLES.items():
        expected = state[name]
        for key, row in _stored_rows(connection, table):
            recorded = expected.pop(key, None)
            if recorded is None:
                report.problem = _("{row} is in the state tables but no ledger entry wrote it").format(
                    row=_label(name, key))
                return
            if recorded.items() <= row.items():
                continue
            column, value = next((column, value) for column, value in recorded.items()
                                 if column not in row or row[column] != value)
            seq = written_by[name][key]
            report.bad_seq = seq
            report.problem = _("{row}: {column} is {stored!r} but the ledger (last at entry {seq}) says "
                               "{recorded!r}").format(row=_label(name, key), column=column, stored=row.get(column),
                                                       seq=seq, recorded=value)
            return
        if expected:
            missing = next(iter(expected))
            seq = written_by[name][missing]
            report.bad_seq = seq
            report.problem = _("{table} {key} written by entry {seq} is missing from the state tables").format(
                table=name, key=missing, seq=seq)
            return


def export_lines(session: Session) -> Iterable[str]:
    """One canonical JSON line per entry, payload decoded, in sequence order."""
    for entry in iter_entries(session):
        yield canonical({
            "seq": entry.seq, "happened_at": entry.happened_at, "entered_at": entry.entered_at,
            "operator": entry.operator, "shift_id": entry.shift_id,
            "incident_no": entry.incident_no, "kind": entry.kind,
            "corrects_seq": entry.corrects_seq, "payload": json.loads(entry.payload),
            "prev_hash": entry.prev_hash, "hash": entry.hash,
        })
