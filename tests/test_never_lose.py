"""Never lose an edit: change detection that holds on real applications.

Each test is one way edits were seen lost on real apps (issue 9): late commits, a desktop clock
minutes off, a stamp far in the future, ISO text stamps in other offsets, NULL stamps, tables
without a stamp, a job killed between writing the apps and settling. Each runs on SQLite and on
PostgreSQL, and looks at what both apps hold afterwards.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text, update
from sqlalchemy.engine import URL

from desktop_sync.domain import Side
from desktop_sync.store.models import utcnow
from tests.helpers import World

APPS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", marks=pytest.mark.postgres, id="postgres"),
]


@pytest.fixture(params=APPS)
def make_world(request: pytest.FixtureRequest, tmp_path) -> Iterator[Callable[..., World]]:
    """Opens a world whose apps are SQLite files or one fresh PostgreSQL database."""
    server: URL | None = None
    if request.param == "postgres":
        server = request.getfixturevalue("postgres_db")
    worlds: list[World] = []

    def make(**options: Any) -> World:
        world = World(tmp_path, erp_url=server, crm_url=server, **options)
        worlds.append(world)
        return world

    yield make
    for world in worlds:
        world.close()


def erp_stamped(world: World, no: str, stamp: Any, **values: Any) -> None:
    """An ERP edit carrying the stamp `stamp` (as an app whose clock or transaction differs)."""
    with world.erp_engine.begin() as conn:
        conn.execute(
            update(world.erp).where(world.erp.c.no == no).values(last_modified=stamp, **values)
        )


def crm_stamped(world: World, key: str, stamp: Any, **values: Any) -> None:
    with world.crm_engine.begin() as conn:
        conn.execute(
            update(world.crm).where(world.crm.c.accountid == key).values(modifiedon=stamp, **values)
        )


def crm_city(world: World, erp_key: str) -> str:
    return world.crm_rows()[world.crm_key_of(erp_key)]["city"]


# -- 1. late commits ------------------------------------------------------------------------


def test_an_edit_committed_after_a_later_stamped_one_was_synchronized_is_not_lost(
    make_world,
) -> None:
    """The edit of C1 is stamped before C2's but commits after a sync has read C2 (an app that
    stamps with its transaction's start, or a slow transaction). The look-back reads it."""
    world = make_world()
    for no in ("C1", "C2"):
        world.erp_insert(no, f"Customer {no}", city="Bergen")
    world.sync()
    started = utcnow()  # the slow transaction begins: its stamp is taken now
    world.erp_update("C2", city="Oslo")  # committed at once, stamped later
    world.sync()
    assert crm_city(world, "C2") == "Oslo"
    erp_stamped(world, "C1", started, city="Late")  # ... and the slow one commits only now
    result = world.sync()
    assert crm_city(world, "C1") == "Late", "the late commit reached the CRM"
    assert result.counters.modified == 1
    assert world.sync().counters.as_dict() == dict.fromkeys(result.counters.as_dict(), 0), (
        "re-read rows are not written, counted or logged twice"
    )


@pytest.mark.postgres
def test_a_postgresql_transaction_held_open_across_a_sync(postgres_db: URL, tmp_path) -> None:
    """The ERP stamps with `localtimestamp` inside its transaction, as an ORM stamping with the
    transaction's start does; the transaction stays open while another edit is synchronized."""
    world = World(tmp_path, erp_url=postgres_db, crm_url=postgres_db)
    try:
        for no in ("C1", "C2"):
            world.erp_insert(no, f"Customer {no}", city="Bergen")
        world.sync()
        slow = world.erp_engine.connect()
        transaction = slow.begin()
        slow.execute(
            text("UPDATE customer SET city = 'Late', last_modified = localtimestamp WHERE no='C1'")
        )
        world.erp_update("C2", city="Oslo")
        world.sync()
        transaction.commit()
        slow.close()
        world.sync()
        assert (crm_city(world, "C1"), crm_city(world, "C2")) == ("Late", "Oslo")
    finally:
        world.close()


# -- 2. the desktop's clock -----------------------------------------------------------------


@pytest.fixture(params=[5, -5], ids=["fast", "slow"])
def skewed_desktop(request: pytest.FixtureRequest, monkeypatch) -> int:
    """This computer's clock `param` minutes off; the apps' databases keep the right time."""
    minutes = request.param
    real = utcnow

    def skewed() -> Any:
        return real() + timedelta(minutes=minutes)

    for name, module in list(sys.modules.items()):
        if name.startswith("desktop_sync") and getattr(module, "utcnow", None) is real:
            monkeypatch.setattr(module, "utcnow", skewed)
    return minutes


def test_a_desktop_clock_minutes_off_loses_nothing(make_world, skewed_desktop: int) -> None:
    world = make_world()
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.crm_insert("Nord AS", accountid="a-1", city="Bodø")
    world.sync()
    for i in range(3):  # edits in the apps, stamped by the apps' own (right) clocks
        world.erp_update("C1", city=f"Oslo {i}")
        world.crm_update("a-1", city=f"Tromsø {i}")
        world.sync()
        assert crm_city(world, "C1") == f"Oslo {i}"
        assert world.erp_rows()[_erp_key_of(world, "a-1")]["city"] == f"Tromsø {i}"


def _erp_key_of(world: World, crm_key: str) -> str:
    return next(c["erp_key"] for c in world.couplings() if c["crm_key"] == crm_key)


# -- 3. a stamp far in the future -----------------------------------------------------------


def test_one_row_stamped_in_2099_does_not_hide_later_edits(make_world) -> None:
    world = make_world()
    world.erp_insert("C1", "Future AS", city="Bergen")
    world.erp_insert("C2", "Normal AS", city="Bergen")
    world.sync()
    erp_stamped(world, "C1", utcnow().replace(year=2099), city="Year 2099")
    world.sync()
    assert crm_city(world, "C1") == "Year 2099", "a row stamped in the future still synchronizes"
    world.erp_update("C2", city="Oslo")
    world.sync()
    assert crm_city(world, "C2") == "Oslo", "the watermark did not jump to 2099"
    world.erp_update("C1", city="Back to now")  # its stamp goes back to today: a change too
    world.sync()
    assert crm_city(world, "C1") == "Back to now"
    (reached,) = [w for w in _watermarks(world) if w[0] == "erp"]
    assert reached[1] < "2099", "no watermark past the database's now"


def _watermarks(world: World) -> list[tuple[str, str]]:
    from sqlalchemy import select

    from desktop_sync.store.models import Watermark

    with world.service.store.session() as session:
        return [tuple(r) for r in session.execute(select(Watermark.side, Watermark.modified))]


# -- 4. ISO text stamps with offsets --------------------------------------------------------


def test_text_stamps_in_other_offsets_are_compared_as_moments(make_world) -> None:
    """The CRM keeps its stamp as ISO text. An edit stamped "19:04-05:00" is later than one
    stamped "23:00+00:00" although it sorts before it as text."""
    world = make_world()
    world.crm_insert("Nord AS", accountid="a-1", city="Bodø")
    world.crm_insert("Sør AS", accountid="a-2", city="Kristiansand")
    world.sync()
    now = utcnow()
    crm_stamped(world, "a-2", (now - timedelta(seconds=30)).isoformat() + "+00:00", city="Mandal")
    world.sync()
    new_york = (now - timedelta(hours=5)).isoformat(timespec="seconds") + "-05:00"
    crm_stamped(world, "a-1", new_york, city="Narvik")
    world.sync()
    erp = world.erp_rows()
    assert erp[_erp_key_of(world, "a-1")]["city"] == "Narvik"
    assert erp[_erp_key_of(world, "a-2")]["city"] == "Mandal"


# -- 5. NULL stamps -------------------------------------------------------------------------


def test_rows_without_a_stamp_are_read_on_every_run(make_world) -> None:
    world = make_world()
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.sync()
    world.erp_insert("C2", "Unstamped AS", city="Bergen", last_modified=None)  # a new row
    result = world.sync()
    assert result.counters.inserted == 1 and crm_city(world, "C2") == "Bergen"
    erp_stamped(world, "C2", None, city="Voss")  # edited, still without a stamp
    result = world.sync()
    assert result.counters.modified == 1 and crm_city(world, "C2") == "Voss"
    again = world.sync()
    assert again.counters.as_dict() == dict.fromkeys(again.counters.as_dict(), 0), (
        "an unchanged unstamped row is read again, but neither written nor counted"
    )
    assert [line.outcome for line in world.log(Side.ERP, "C2")] == ["modified", "inserted"]


# -- 7. no false conflicts after a kill ------------------------------------------------------


def test_a_job_killed_after_writing_and_an_edit_after_it_make_no_conflict(
    make_world, monkeypatch
) -> None:
    """The job writes the CRM, then dies before settling (the store never learns). A person
    then edits the ERP record again: that is the ERP's change, not a conflict nobody made."""
    from desktop_sync.engine import batch

    world = make_world()
    for no in ("C1", "C2"):
        world.erp_insert(no, f"Customer {no}", city="Bergen")
    world.sync()
    world.erp_update("C1", city="Oslo")
    world.erp_update("C2", city="Oslo")

    def killed(*args: Any, **kwargs: Any) -> None:
        raise SystemExit("killed between writing the apps and settling")

    monkeypatch.setattr(batch, "settle_plans", killed)
    with pytest.raises(SystemExit):
        world.service.synchronize(["CUSTOMER"])
    monkeypatch.undo()
    assert crm_city(world, "C1") == "Oslo", "the CRM was written"
    world.erp_update("C1", city="Trondheim")  # a person's edit of the same field
    world.crm_update(world.crm_key_of("C2"), email="c2@x.no")  # and one of the other side
    result = world.sync()
    assert world.open_errors() == [], "no conflict nobody made"
    assert crm_city(world, "C1") == "Trondheim"
    assert world.erp_rows()["C2"]["email"] == "c2@x.no" and crm_city(world, "C2") == "Oslo"
    assert result.counters.modified == 2


# -- 8 and 9. bad rows fail alone ------------------------------------------------------------


PARTY_CONFIG = """
[settings]
user = "tester"

[store]
url = "sqlite:///{folder}/state.db"

[erp]
name = "ERP"
url = "{erp}"

[crm]
name = "CRM"
url = "{crm}"

[[mapping]]
name = "PARTY"
erp_table = "party"
crm_table = "account"
erp_key = "code"
crm_key = "accountid"
erp_modified = "write_date"
crm_modified = "modifiedon"

  [[mapping.field]]
  erp = "name"
  crm = "name"

  [[mapping.field]]
  erp = "active"
  crm = "city"
"""


@pytest.fixture(params=APPS)
def party_world(request: pytest.FixtureRequest, tmp_path) -> Iterator[World]:
    """An ERP whose `party` table has a `code` the mapping uses as key that the schema neither
    requires nor keeps unique, and a boolean `active` paired with a CRM text column."""
    server: URL | None = None
    if request.param == "postgres":
        server = request.getfixturevalue("postgres_db")
    world = World(tmp_path, erp_url=server, crm_url=server, write_config=False)
    with world.erp_engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE party (id INTEGER PRIMARY KEY, code VARCHAR(20), "
                "name VARCHAR(50) NOT NULL, active BOOLEAN, write_date TIMESTAMP)"
            )
        )
    world.config_path.write_text(
        PARTY_CONFIG.format(folder=tmp_path, erp=world.erp_url, crm=world.crm_url),
        encoding="utf-8",
    )
    yield world
    world.close()


def add_party(world: World, id_: int, code: str | None, name: str, active: bool = True) -> None:
    with world.erp_engine.begin() as conn:
        conn.execute(
            text("INSERT INTO party VALUES (:i, :c, :n, :a, :w)"),
            {"i": id_, "c": code, "n": name, "a": active, "w": utcnow()},
        )


def party_sync(world: World) -> Any:
    (result,) = world.service.synchronize(["PARTY"])
    assert result.status.value == "finished", result.message
    return result


def test_a_row_without_a_key_fails_alone_and_is_filed_once(party_world: World) -> None:
    add_party(party_world, 1, "P1", "Fjord AS")
    add_party(party_world, 2, None, "Keyless AS")
    add_party(party_world, 3, "P3", "Nord AS")
    result = party_sync(party_world)
    assert (result.counters.inserted, result.counters.failed) == (2, 1)
    names = sorted(r["name"] for r in party_world.crm_rows().values())
    assert names == ["Fjord AS", "Nord AS"], "the keyless row is not copied"
    assert all(c["erp_key"] not in (None, "None") for c in party_world.couplings())
    (error,) = party_world.open_errors()
    assert "has no 'code'" in error.message and "'Keyless AS'" in error.message
    again = party_sync(party_world)
    assert again.counters.failed == 0 and len(party_world.open_errors()) == 1, "filed once"
    with party_world.erp_engine.begin() as conn:
        conn.execute(
            text("UPDATE party SET code = 'P2', write_date = :w WHERE id = 2"), {"w": utcnow()}
        )
    party_sync(party_world)
    assert "Keyless AS" in {r["name"] for r in party_world.crm_rows().values()}


def test_a_key_on_two_rows_fails_those_records_alone(party_world: World) -> None:
    add_party(party_world, 1, "P1", "Fjord AS")
    add_party(party_world, 2, "P1", "Fjord Copy AS")
    add_party(party_world, 3, "P3", "Nord AS")
    result = party_sync(party_world)
    assert (result.counters.inserted, result.counters.failed) == (1, 1)
    (error,) = party_world.open_errors()
    assert error.erp_key == "P1" and "is on 2 rows" in error.message
    assert [r["name"] for r in party_world.crm_rows().values()] == ["Nord AS"]
    assert party_sync(party_world).counters.failed == 0, "counted once"
    with party_world.erp_engine.begin() as conn:
        conn.execute(
            text("UPDATE party SET code = 'P2', write_date = :w WHERE id = 2"), {"w": utcnow()}
        )
    party_world.service.retry([error.id])
    party_sync(party_world)
    names = sorted(r["name"] for r in party_world.crm_rows().values())
    assert names == ["Fjord AS", "Fjord Copy AS", "Nord AS"]
    assert party_world.open_errors() == []


def test_a_value_that_cannot_be_compared_fails_that_record_only(party_world: World) -> None:
    """A boolean paired with a text column holding 'open': comparing them must not stop the
    job; where the database refuses the value, that one record fails with its words."""
    add_party(party_world, 1, "P1", "Fjord AS")
    party_sync(party_world)
    crm_key = party_world.crm_key_of("P1")
    with party_world.crm_engine.begin() as conn:
        conn.execute(
            text("UPDATE account SET city = 'open', modifiedon = :m WHERE accountid = :k"),
            {"m": utcnow().isoformat(), "k": crm_key},
        )
    add_party(party_world, 2, "P2", "Nord AS")
    result = party_sync(party_world)
    assert result.status.value == "finished"
    assert "Nord AS" in {r["name"] for r in party_world.crm_rows().values()}
    (error,) = party_world.open_errors()
    assert error.kind == "failed" and error.erp_key == "P1" and "boolean" in error.message
    with party_world.erp_engine.connect() as conn:
        active = conn.scalar(text("SELECT active FROM party WHERE id = 1"))
    assert active in (True, 1), "nothing half-written"


def test_text_that_is_not_utf8_fails_that_record_only(world: World) -> None:
    """SQLite keeps any bytes in a TEXT column; one such value named the record, the column
    and the bytes instead of failing every record of the mapping on every run."""
    world.erp_insert("C1", "Fjord AS")
    world.erp_insert("C3", "Nord AS")
    with world.erp_engine.begin() as conn:
        conn.execute(
            text("INSERT INTO customer (no, name, last_modified) VALUES ('C2', :n, :m)"),
            {"n": b"Caf\xe9 AS", "m": utcnow()},
        )
        conn.execute(text("UPDATE customer SET name = CAST(name AS TEXT) WHERE no = 'C2'"))
    result = world.sync()
    assert (result.counters.inserted, result.counters.failed) == (2, 1)
    (error,) = world.open_errors()
    assert error.erp_key == "C2" and "b'Caf\\xe9 AS'" in error.message
    assert error.message.startswith("name of customer C2 holds") and "not UTF-8" in error.message
    assert world.sync().counters.failed == 0, "counted once"
    world.erp_update("C2", name="Café AS")
    world.service.retry([error.id])
    world.sync()
    assert "Café AS" in {r["name"] for r in world.crm_rows().values()}


# -- stamps in other forms ---------------------------------------------------------------------


def zero(result: Any) -> bool:
    return result.counters.as_dict() == dict.fromkeys(result.counters.as_dict(), 0)


def test_a_table_without_a_stamp_column_is_compared_by_value(make_world) -> None:
    world = make_world(crm_modified=None)
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.crm_insert("Nord AS", accountid="a-1", city="Bodø")
    world.sync()
    key = world.crm_key_of("C1")
    assert zero(world.sync()), "read again, found equal, nothing written or counted"
    world.crm_update(key, city="Voss")
    result = world.sync()
    assert world.erp_rows()["C1"]["city"] == "Voss" and result.counters.modified == 1
    world.erp_update("C1", email="post@fjord.no")
    result = world.sync()
    assert world.crm_rows()[key]["email"] == "post@fjord.no" and result.counters.modified == 1
    assert world.open_errors() == []
    assert zero(world.sync())
    world.crm_update(key, city="Voss")  # the same value again: no change
    assert zero(world.sync())


def test_the_first_stamp_of_several_that_is_set_counts(make_world) -> None:
    """`erp_modified = ["last_modified", "created"]`: new rows of many apps carry only their
    creation time until their first edit."""
    world = make_world(erp_modified=["last_modified", "created"])
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.sync()
    world.erp_insert("C2", "New AS", city="Voss", last_modified=None, created=utcnow())
    assert world.sync().counters.inserted == 1 and crm_city(world, "C2") == "Voss"
    assert zero(world.sync())
    world.erp_update("C2", city="Stord")
    world.sync()
    assert crm_city(world, "C2") == "Stord"
    world.crm_update(world.crm_key_of("C2"), city="Fitjar")
    world.sync()
    row = world.erp_rows()["C2"]
    assert row["city"] == "Fitjar" and row["last_modified"] is not None, "stamped in the first"


@pytest.mark.postgres
def test_naive_stamps_are_read_in_the_servers_time_zone(postgres_db: URL, tmp_path) -> None:
    """An ERP on a server in New York stamps `timestamp without time zone` columns with its
    local time, five hours behind UTC: its edits are still seen, and the engine's own stamps
    are written in the same zone."""
    from sqlalchemy import create_engine

    admin = create_engine(postgres_db, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"ALTER DATABASE \"{postgres_db.database}\" SET timezone TO 'EST'"))
    admin.dispose()
    world = World(tmp_path, erp_url=postgres_db, crm_url=postgres_db)
    try:

        def local_edit(sql: str) -> None:
            with world.erp_engine.begin() as conn:
                conn.execute(text(sql))

        local_edit(
            "INSERT INTO customer (no, name, city, last_modified) "
            "VALUES ('C1', 'Fjord AS', 'Bergen', localtimestamp)"
        )
        world.sync()
        local_edit("UPDATE customer SET city = 'Oslo', last_modified = localtimestamp")
        world.sync()
        assert crm_city(world, "C1") == "Oslo"
        world.crm_update(world.crm_key_of("C1"), city="Voss")
        world.sync()
        with world.erp_engine.connect() as conn:
            lag = conn.scalar(text("SELECT localtimestamp - last_modified FROM customer"))
        assert world.erp_rows()["C1"]["city"] == "Voss"
        assert abs(lag.total_seconds()) < 60, "the engine stamped in the server's zone"
        local_edit("UPDATE customer SET city = 'Bergen', last_modified = localtimestamp")
        world.sync()
        assert crm_city(world, "C1") == "Bergen"
    finally:
        world.close()


@pytest.mark.postgres
def test_a_stamp_kept_by_a_trigger(postgres_db: URL, tmp_path) -> None:
    """The CRM's `modifiedon` is set by a trigger on every write, the engine's included (as a
    Django CRM's was): the engine reads back what the trigger wrote, sees no echo as a change
    and finds every person's edit."""
    world = World(tmp_path, erp_url=postgres_db, crm_url=postgres_db)
    try:
        with world.crm_engine.begin() as conn:
            conn.execute(
                text(
                    "CREATE FUNCTION stamp() RETURNS trigger AS $$ BEGIN "
                    "NEW.modifiedon := to_char(clock_timestamp() AT TIME ZONE 'UTC', "
                    "'YYYY-MM-DD\"T\"HH24:MI:SS.US'); RETURN NEW; END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER account_stamp BEFORE INSERT OR UPDATE ON account "
                    "FOR EACH ROW EXECUTE FUNCTION stamp()"
                )
            )
        for i in range(3):
            world.erp_insert(f"C{i}", f"Customer {i}", city="Bergen")
        world.sync()
        assert zero(world.sync()), "the trigger's stamps on the engine's inserts are no change"
        world.crm_update(world.crm_key_of("C1"), city="Voss")
        world.erp_update("C2", city="Oslo")
        result = world.sync()
        assert result.counters.modified == 2 and world.open_errors() == []
        assert world.erp_rows()["C1"]["city"] == "Voss" and crm_city(world, "C2") == "Oslo"
        assert zero(world.sync())
    finally:
        world.close()


def test_an_edit_landing_while_the_job_runs_is_kept_without_a_stamp(
    make_world, monkeypatch
) -> None:
    """Without a stamp the engine updates a row only while every mapped value is as it read
    it: a person's edit that lands first is never overwritten."""
    from desktop_sync.apps.connection import SideTable

    world = make_world(crm_modified=None)
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.sync()
    key = world.crm_key_of("C1")
    world.erp_update("C1", city="Oslo")
    original = SideTable.update_rows

    def someone_edits_first(self, conn, rows):  # type: ignore[no-untyped-def]
        if self.side is Side.CRM:
            with world.crm_engine.begin() as other:
                other.execute(
                    update(world.crm).where(world.crm.c.accountid == key).values(city="Tromsø")
                )
        return original(self, conn, rows)

    monkeypatch.setattr(SideTable, "update_rows", someone_edits_first)
    world.sync()
    monkeypatch.undo()
    assert world.crm_rows()[key]["city"] == "Tromsø", "the person's edit is kept"
    world.sync()
    error = world.error_of("C1")
    assert error.kind == "changed_in_both" and "Tromsø" in error.detail and "Oslo" in error.detail


# -- 11. a field added to a mapping ------------------------------------------------------------


def test_a_field_added_to_a_mapping_is_back_filled(make_world) -> None:
    world = make_world(with_email=False)
    world.erp_insert("C1", "Fjord AS", email="post@fjord.no")  # the CRM gets no email
    world.erp_insert("C2", "Nord AS", email="nord@erp.no")
    world.erp_insert("C3", "Sør AS")
    world.sync()
    keys = {no: world.crm_key_of(no) for no in ("C1", "C2", "C3")}
    world.crm_update(keys["C2"], email="nord@crm.no")  # both hold an email, different ones
    world.crm_update(keys["C3"], email="sor@crm.no")
    world.configure(with_email=True)
    result = world.sync()
    assert result.message == "back-filled 'email': 2 coupled pairs compared by value, 1 differed"
    assert result.counters.modified == 2, "C3 by its CRM edit, C1 by the back-fill"
    crm, erp = world.crm_rows(), world.erp_rows()
    assert crm[keys["C1"]]["email"] == "post@fjord.no", "copied where the CRM had none"
    assert erp["C3"]["email"] == "sor@crm.no", "copied where the ERP had none"
    error = world.error_of("C2")
    assert error.kind == "changed_in_both", "both hold different values: a person decides"
    again = world.sync()
    assert "back-filled" not in again.message and zero(again), "done once"


def test_a_field_turned_around_is_back_filled(make_world) -> None:
    world = make_world(city_direction="to_crm")
    world.erp_insert("C1", "Fjord AS", city="Bergen")
    world.sync()
    key = world.crm_key_of("C1")
    world.crm_update(key, city="Voss")  # not copied while the field goes to the CRM only
    world.sync()
    assert world.erp_rows()["C1"]["city"] == "Bergen"
    world.configure()  # city is bidirectional now
    result = world.sync()
    assert "back-filled 'city'" in result.message
    assert world.erp_rows()["C1"]["city"] == "Voss"


def test_sync_full_repairs_what_the_stamps_did_not_show(make_world) -> None:
    world = make_world()
    for no in ("C1", "C2"):
        world.erp_insert(no, f"Customer {no}", city="Bergen")
    world.sync()
    with world.erp_engine.begin() as conn:  # an edit the app did not stamp
        conn.execute(update(world.erp).where(world.erp.c.no == "C1").values(city="Unstamped"))
    assert zero(world.sync()), "invisible to an ordinary run"
    (result,) = world.service.synchronize(["CUSTOMER"], full=True)
    assert result.message == "2 coupled pairs compared by value, 1 differed"
    assert result.counters.modified == 1 and crm_city(world, "C1") == "Unstamped"
    (again,) = world.service.synchronize(["CUSTOMER"], full=True)
    assert again.message.endswith("0 differed") and again.counters.modified == 0
