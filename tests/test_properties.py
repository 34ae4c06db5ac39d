"""Property: whatever people do in either app, once every error is resolved and the apps are
synchronized again, every coupled pair holds equal mapped values, and no edit was lost
without a person deciding it (an error that a person resolved, which the log records).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event, update

from desktop_sync.apps.faults import TransientFault
from desktop_sync.domain import Side
from desktop_sync.store.models import utcnow
from tests.helpers import World

FIELDS = ("name", "city", "email")
VALUES = st.sampled_from(["Ask", "Berg", "Dal", "Eik", "Fjell", "Hav", "Li", "Mo"])

edit_op = st.one_of(
    st.tuples(st.just("erp_new"), VALUES),
    st.tuples(st.just("crm_new"), VALUES),
    st.tuples(
        st.just("erp_edit"), st.integers(0, 20), st.sampled_from((*FIELDS, "credit")), VALUES
    ),
    st.tuples(st.just("crm_edit"), st.integers(0, 20), st.sampled_from(FIELDS), VALUES),
    # an edit committed only now, stamped up to 9 minutes ago (inside the 10-minute look-back)
    st.tuples(
        st.sampled_from(["erp_late", "crm_late"]),
        st.integers(0, 20),
        st.sampled_from(FIELDS),
        VALUES,
        st.integers(1, 540),
    ),
    st.tuples(st.just("erp_del"), st.integers(0, 20)),
    st.tuples(st.just("crm_del"), st.integers(0, 20)),
    st.tuples(st.just("sync")),
    # a sync whose first COMMIT that wrote to an app committed, but its answer was lost
    st.tuples(st.just("sync_lost_commit"), st.sampled_from([Side.ERP, Side.CRM])),
)
decision = st.tuples(st.sampled_from([Side.ERP, Side.CRM]), st.sampled_from(["restore", "delete"]))


class People:
    """Applies edits to the world and remembers, per record and field, the last value written."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.erp_keys: list[str] = []
        self.crm_keys: list[str] = []
        self.last: dict[tuple[Side, str], dict[str, tuple[int, object]]] = {}
        self.count = 0
        self.seq = 0

    def wrote(self, side: Side, key: str, values: dict[str, object]) -> None:
        self.seq += 1
        self.last.setdefault((side, key), {}).update({f: (self.seq, v) for f, v in values.items()})

    def apply(self, op: tuple) -> None:  # type: ignore[type-arg]
        w, kind = self.world, op[0]
        if kind == "sync":
            w.sync()
            self._learn_keys()
        elif kind == "sync_lost_commit":
            with answer_of_next_write_commit_lost(w, op[1]):
                (result,) = w.service.synchronize(["CUSTOMER"])
            assert result.status.value == "finished" or result.transient, result.message
            self._learn_keys()
        elif kind == "erp_new":
            self.count += 1
            key = f"C{self.count}"
            w.erp_insert(key, op[1], city=op[1], email=f"{op[1]}@x.no", credit=self.count)
            self.erp_keys.append(key)
            self.wrote(
                Side.ERP,
                key,
                {"name": op[1], "city": op[1], "email": f"{op[1]}@x.no", "credit": self.count},
            )
        elif kind == "crm_new":
            self.count += 1
            key = f"a-{self.count}"
            w.crm_insert(op[1], accountid=key, city=op[1], email=f"{op[1]}@y.no")
            self.crm_keys.append(key)
            self.wrote(Side.CRM, key, {"name": op[1], "city": op[1], "email": f"{op[1]}@y.no"})
        elif kind in ("erp_edit", "crm_edit", "erp_late", "crm_late"):
            side = Side.ERP if kind.startswith("erp") else Side.CRM
            keys = self.erp_keys if side is Side.ERP else self.crm_keys
            if not keys:
                return
            key = keys[op[1] % len(keys)]
            value = op[3] if op[2] != "credit" else len(op[3]) * 100
            current = (w.erp_rows() if side is Side.ERP else w.crm_rows())[key][op[2]]
            if kind.endswith("late"):
                late(w, side, key, {op[2]: value}, timedelta(seconds=op[4]))
            else:
                (w.erp_update if side is Side.ERP else w.crm_update)(key, **{op[2]: value})
            if current != value:  # writing the value a field already holds changes nothing
                self.wrote(side, key, {op[2]: value})
        elif kind in ("erp_del", "crm_del"):
            keys = self.erp_keys if kind == "erp_del" else self.crm_keys
            if keys:
                key = keys.pop(op[1] % len(keys))
                (w.erp_delete if kind == "erp_del" else w.crm_delete)(key)

    def _learn_keys(self) -> None:
        """Records the engine created become records people may edit."""
        self.erp_keys = sorted(self.world.erp_rows())
        self.crm_keys = sorted(self.world.crm_rows())


def late(world: World, side: Side, key: str, values: dict[str, object], age: timedelta) -> None:
    """An edit whose transaction began `age` ago and commits only now: its stamp is old."""
    stamp = utcnow() - age
    if side is Side.ERP:
        statement = update(world.erp).where(world.erp.c.no == key).values(last_modified=stamp)
        engine = world.erp_engine
    else:
        statement = update(world.crm).where(world.crm.c.accountid == key)
        statement = statement.values(modifiedon=stamp.isoformat(timespec="microseconds"))
        engine = world.crm_engine
    with engine.begin() as conn:
        conn.execute(statement.values(**values))


@contextmanager
def answer_of_next_write_commit_lost(world: World, side: Side) -> Iterator[None]:
    """The first COMMIT of a transaction that wrote to `side`'s app commits, and then the
    connection is lost before its answer (as a cut network does): the job must stop, and the
    next one must neither duplicate nor lose what that commit did."""
    engine = world.service.apps[side].engine
    dialect = engine.dialect
    commit = dialect.do_commit
    wrote: set[int] = set()

    def note(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            wrote.add(id(conn.connection.dbapi_connection))

    def lost(dbapi_connection):  # type: ignore[no-untyped-def]
        commit(dbapi_connection)
        if id(dbapi_connection) in wrote:
            dialect.do_commit = commit  # once
            raise TransientFault(world.service.side_name(side), "the connection was lost")

    event.listen(engine, "before_cursor_execute", note)
    dialect.do_commit = lost
    try:
        yield
    finally:
        dialect.do_commit = commit
        event.remove(engine, "before_cursor_execute", note)


@contextmanager
def desktop_clock_off_by(minutes: int) -> Iterator[None]:
    """This computer's clock `minutes` off, the apps' databases keeping the right time."""
    real = utcnow
    with ExitStack() as stack:
        for name, module in list(sys.modules.items()):
            if name.startswith("desktop_sync") and getattr(module, "utcnow", None) is real:
                stack.enter_context(
                    patch.object(module, "utcnow", lambda: real() + timedelta(minutes=minutes))
                )
        yield


def resolve_everything(world: World, decisions: list[tuple[Side, str]]) -> None:
    """Sync, look for quiet deletions, and let a person decide every error, until none is left."""
    for round_ in range(6):
        world.sync()
        world.service.find_deleted()
        errors = world.open_errors()
        if not errors:
            return
        for i, error in enumerate(errors):
            winner, deletion = decisions[(i + round_) % len(decisions)]
            if error.kind == "changed_in_both":
                result = world.service.synchronize_errors([error.id], winner=winner)
            elif error.kind == "failed":
                result = world.service.remove_coupling([error.id])
            elif deletion == "restore":
                result = world.service.restore([error.id])
            else:
                result = world.service.delete_records([error.id])
            assert result.ok, result.lines()
    raise AssertionError(f"errors keep coming back: {world.open_errors()}")


@given(
    ops=st.lists(edit_op, min_size=1, max_size=25),
    decisions=st.lists(decision, min_size=1, max_size=4),
    skew=st.sampled_from([0, 5, -5]),
)
def test_after_resolving_every_error_coupled_records_agree_and_nothing_was_lost_silently(
    ops, decisions, skew
) -> None:
    with tempfile.TemporaryDirectory() as folder, desktop_clock_off_by(skew):
        world = World(Path(folder))
        try:
            people = People(world)
            for op in ops:
                people.apply(op)
            resolve_everything(world, decisions)
            final = world.sync()
            assert final.counters.failed == final.counters.skipped == 0
            check_agreement(world)
            check_nothing_lost_silently(world, people)
        finally:
            world.close()


def check_agreement(world: World) -> None:
    erp, crm = world.erp_rows(), world.crm_rows()
    for c in world.couplings():
        assert c["erp_key"] in erp and c["crm_key"] in crm, f"coupling points at nothing: {c}"
        e, a = erp[c["erp_key"]], crm[c["crm_key"]]
        for f in (*FIELDS, "credit"):
            assert e[f] == a[f], (f, e, a)
    coupled_erp = {c["erp_key"] for c in world.couplings()}
    coupled_crm = {c["crm_key"] for c in world.couplings()}
    assert set(erp) <= coupled_erp, "every ERP record is coupled (bidirectional, no filter)"
    assert set(crm) <= coupled_crm


def check_nothing_lost_silently(world: World, people: People) -> None:
    """A pair that never had an error holds, in each field, the last value a person wrote on
    either side; where an error was raised, a person decided, and the log says so."""
    errors = world.all_errors()
    touched = {(Side.ERP, e["erp_key"]) for e in errors} | {
        (Side.CRM, e["crm_key"]) for e in errors
    }
    erp = world.erp_rows()
    for c in world.couplings():
        keys = {Side.ERP: c["erp_key"], Side.CRM: c["crm_key"]}
        if any((side, key) in touched for side, key in keys.items()):
            continue
        latest: dict[str, tuple[int, object]] = {}
        for side, key in keys.items():
            for field, (seq, value) in people.last.get((side, key), {}).items():
                if field not in latest or seq > latest[field][0]:
                    latest[field] = (seq, value)
        row = erp[c["erp_key"]]
        for field, (_, value) in latest.items():
            assert row[field] == value, (
                f"{keys} {field}: a person last wrote {value!r}, both apps hold {row[field]!r}"
            )
