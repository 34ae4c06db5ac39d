"""The synchronization rules against real database servers: apps on PostgreSQL and MariaDB (and
one of each), and the state store on PostgreSQL.

The apps' tables are those of `tests.helpers` (the ERP keeps last-modified in a DATETIME without
fractional seconds, so on MariaDB in whole seconds; the CRM keeps it as ISO text). Every test
looks at what the apps and the store hold afterwards, not only at counters.

Both apps of one server share one fresh database (their tables have different names); each app
still has its own engine and connection, as in production.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import (
    UUID,
    Column,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    create_engine,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from desktop_sync.domain import Side
from desktop_sync.store.models import Job, Lease, utcnow
from tests.helpers import World

APP_SERVERS = [
    pytest.param("postgres", marks=pytest.mark.postgres, id="postgres"),
    pytest.param("mariadb", marks=pytest.mark.mariadb, id="mariadb"),
]


# -- setting up ---------------------------------------------------------------------------


def _open_world(
    tmp_path, erp_url: URL | None = None, crm_url: URL | None = None, **options: Any
) -> World:
    return World(tmp_path, erp_url=erp_url, crm_url=crm_url, **options)


@pytest.fixture(params=APP_SERVERS)
def app_server(request: pytest.FixtureRequest) -> URL:
    """A fresh database on PostgreSQL or MariaDB for both apps."""
    return request.getfixturevalue(f"{request.param}_db")


@pytest.fixture
def make_world(tmp_path, app_server: URL) -> Iterator[Callable[..., World]]:
    """Opens a world whose ERP and CRM are both on `app_server` (the store stays in SQLite)."""
    worlds: list[World] = []

    def make(**options: Any) -> World:
        world = _open_world(tmp_path, app_server, app_server, **options)
        worlds.append(world)
        return world

    yield make
    for world in worlds:
        world.close()


def erp_insert_earlier(world: World, no: str, name: str, **values: Any) -> None:
    """An ERP record created a minute ago, as records are created long before they are edited.

    The ERP keeps whole seconds on MariaDB, where two edits of one record within the same
    second cannot be told apart by anyone; creating the record earlier keeps each test's later
    edit in a later second without sleeping.
    """
    with world.erp_engine.begin() as conn:
        conn.execute(
            insert(world.erp).values(
                no=no, name=name, last_modified=utcnow() - timedelta(minutes=1), **values
            )
        )


def zero(result: Any) -> bool:
    return result.counters.as_dict() == dict.fromkeys(result.counters.as_dict(), 0)


# -- apps on a server -------------------------------------------------------------------


def test_inserts_both_ways_and_the_engines_writes_are_not_changes(make_world) -> None:
    world = make_world(erp_filter={"blocked": False})
    world.erp_insert(
        "C1", "Fjord AS", city="Bergen", email="post@fjord.no", credit=Decimal("100.50")
    )
    world.erp_insert("C2", "Blocked AS", blocked=True)
    world.crm_insert("Nord AS", accountid="a-1", city="Bodø", email="nord@x.no")
    result = world.sync()
    assert (result.counters.inserted, result.counters.failed) == (2, 0)

    account = world.crm_rows()[world.crm_key_of("C1")]
    assert (account["name"], account["city"], account["email"]) == (
        "Fjord AS",
        "Bergen",
        "post@fjord.no",
    )
    assert account["credit"] == Decimal("100.50") and account["typecode"] == 3
    assert len(account["accountid"]) == 36
    assert "Blocked AS" not in {r["name"] for r in world.crm_rows().values()}, (
        "the boolean filter excludes it"
    )

    (nord,) = [c for c in world.couplings() if c["crm_key"] == "a-1"]
    customer = world.erp_rows()[nord["erp_key"]]
    assert (customer["name"], customer["city"], customer["email"]) == (
        "Nord AS",
        "Bodø",
        "nord@x.no",
    )
    assert customer["blocked"] is False and customer["last_modified"] is not None
    assert len(world.couplings()) == 2
    assert all(
        not c["skipped"] and c["pending"] is None and not c["retry"] for c in world.couplings()
    )
    assert world.open_errors() == []

    assert zero(world.sync()), "the engine's own inserts are not read back as changes"
    assert len(world.crm_rows()) == 2 and len(world.erp_rows()) == 3


def test_changes_are_copied_and_an_incremental_run_modifies_exactly_one_record(make_world) -> None:
    world = make_world(batch_size=2)  # pages through rows sharing one last-modified second
    for i in range(5):
        erp_insert_earlier(world, f"C{i}", f"Customer {i}", city="Bergen")
    assert world.sync().counters.inserted == 5
    keys = {c["erp_key"]: c["crm_key"] for c in world.couplings()}

    world.crm_update(keys["C1"], city="Voss")
    world.crm_update(keys["C2"], city="Oslo", name="Customer Two")
    result = world.sync()  # one executemany UPDATE of two ERP rows
    assert (result.counters.modified, result.counters.failed) == (2, 0)
    erp = world.erp_rows()
    assert (erp["C1"]["city"], erp["C2"]["city"], erp["C2"]["name"]) == (
        "Voss",
        "Oslo",
        "Customer Two",
    )
    assert [erp[f"C{i}"]["city"] for i in (0, 3, 4)] == ["Bergen"] * 3
    bases = {c["erp_key"]: c["base"] for c in world.couplings()}
    assert bases["C1"]["city"] == "Voss" and bases["C2"]["name"] == "Customer Two"

    assert zero(world.sync()), "the engine's own updates are not read back as changes"

    # a person edits a record the engine has just written, straight away
    world.erp_update("C1", name="Customer One")
    result = world.sync()
    assert result.counters.as_dict() == dict.fromkeys(result.counters.as_dict(), 0) | {
        "modified": 1
    }
    crm = world.crm_rows()
    assert crm[keys["C1"]]["name"] == "Customer One" and crm[keys["C1"]]["city"] == "Voss"
    others = [crm[keys[f"C{i}"]]["name"] for i in (0, 2, 3, 4)]
    assert others == ["Customer 0", "Customer Two", "Customer 3", "Customer 4"]
    assert zero(world.sync())


def test_changed_in_both_is_a_conflict_and_nothing_is_written(make_world) -> None:
    world = make_world()
    erp_insert_earlier(world, "C1", "Fjord AS", city="Bergen", email="a@fjord.no")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.erp_update("C1", name="Fjord ERP", city="Oslo")
    world.crm_update(crm_key, name="Fjord CRM", email="b@fjord.no")
    result = world.sync()
    assert result.counters.skipped == 1 and result.counters.modified == 0
    assert world.erp_rows()["C1"]["name"] == "Fjord ERP"
    assert world.crm_rows()[crm_key]["name"] == "Fjord CRM"
    assert world.crm_rows()[crm_key]["city"] == "Bergen"
    error = world.error_of("C1")
    assert error.kind == "changed_in_both" and "name" in error.message
    assert "Fjord ERP" in error.detail and "Fjord CRM" in error.detail
    (coupling,) = world.couplings()
    assert coupling["skipped"] and coupling["base"]["name"] == "Fjord AS"


def test_deleted_in_crm_is_an_error_and_the_erp_record_is_kept(make_world) -> None:
    world = make_world()
    erp_insert_earlier(world, "C1", "Fjord AS", city="Bergen")
    erp_insert_earlier(world, "C2", "Other AS")
    world.sync()
    crm_key = world.crm_key_of("C1")
    world.crm_delete(crm_key)
    world.erp_update("C1", city="Oslo")
    world.sync()
    error = world.error_of("C1")
    assert error.kind == "deleted_in_crm" and error.crm_key == crm_key
    assert error.erp_exists and not error.crm_exists
    assert "changed in ERP" in error.message
    assert set(world.erp_rows()) == {"C1", "C2"} and world.erp_rows()["C1"]["city"] == "Oslo"
    assert crm_key not in world.crm_rows() and len(world.crm_rows()) == 1
    assert next(c for c in world.couplings() if c["erp_key"] == "C1")["skipped"]


def test_integer_identity_key_is_assigned_by_the_database(make_world) -> None:
    world = make_world(crm_identity=True)
    erp_insert_earlier(world, "C1", "One AS")
    erp_insert_earlier(world, "C2", "Two AS")
    erp_insert_earlier(world, "C3", "Three AS")
    assert world.sync().counters.inserted == 3
    keys = {c["erp_key"]: c["crm_key"] for c in world.couplings()}
    crm = world.crm_rows()
    assert sorted(keys.values(), key=int) == ["1", "2", "3"]
    assert {crm[keys[k]]["name"] for k in keys} == {"One AS", "Two AS", "Three AS"}
    assert all(crm[keys[k]]["name"] == world.erp_rows()[k]["name"] for k in keys), (
        "each key is its own row's"
    )

    new_id = world.crm_insert("Four AS", city="Tromsø")
    assert new_id == 4
    world.crm_update(int(keys["C2"]), city="Voss")
    result = world.sync()
    assert (result.counters.inserted, result.counters.modified) == (1, 1)
    assert world.erp_rows()["C2"]["city"] == "Voss"
    (four,) = [c for c in world.couplings() if c["crm_key"] == "4"]
    assert world.erp_rows()[four["erp_key"]]["name"] == "Four AS"
    assert zero(world.sync())


def test_native_uuid_key(tmp_path, app_server: URL) -> None:
    """A CRM whose key column is the server's own UUID type: keys made by the engine, read back,
    and looked up again as UUIDs."""
    md = MetaData()
    account = Table(
        "account",
        md,
        Column("accountid", UUID(), primary_key=True),
        Column("name", String(50), nullable=False),
        Column("city", String(30)),
        Column("email", String(80)),
        Column("credit", Numeric(12, 2)),
        Column("typecode", Integer),
        Column("modifiedon", String(32), index=True),
    )
    engine = create_engine(app_server)
    md.create_all(engine)
    engine.dispose()
    world = _open_world(tmp_path, app_server, app_server)
    world.crm = account  # people's edits bind UUIDs too
    try:
        erp_insert_earlier(world, "C1", "Fjord AS", city="Bergen")
        mine = uuid.uuid4()
        world.crm_insert("Nord AS", accountid=mine, city="Bodø")
        assert world.sync().counters.inserted == 2
        crm_key = world.crm_key_of("C1")
        assert uuid.UUID(crm_key) and crm_key in world.crm_rows()
        (nord,) = [c for c in world.couplings() if c["crm_key"] == str(mine)]
        assert world.erp_rows()[nord["erp_key"]]["city"] == "Bodø"
        world.crm_update(uuid.UUID(crm_key), city="Voss")
        world.erp_update(nord["erp_key"], city="Narvik")
        assert world.sync().counters.modified == 2
        assert (
            world.erp_rows()["C1"]["city"] == "Voss"
            and world.crm_rows()[str(mine)]["city"] == "Narvik"
        )
        assert zero(world.sync())
    finally:
        world.close()


def test_a_job_killed_after_writing_is_completed_without_duplicates(
    make_world, monkeypatch
) -> None:
    """Killed between writing the apps and settling the store: the next job finds the announced
    inserts (a key the database assigned is found by the job's stamp) and writes nothing twice."""
    import desktop_sync.engine.batch as batch

    world = make_world(crm_identity=True)
    erp_insert_earlier(world, "C1", "One AS", city="Bergen")
    erp_insert_earlier(world, "C2", "Two AS")
    world.crm_insert("Nord AS", city="Bodø")

    settle = batch.settle_plans

    def killed_after_inserting(ctx, plans, *args: Any) -> None:  # type: ignore[no-untyped-def]
        if any(p.inserts for p in plans):
            raise RuntimeError("killed")
        settle(ctx, plans, *args)

    monkeypatch.setattr(batch, "settle_plans", killed_after_inserting)
    (job,) = world.service.synchronize(
        ["CUSTOMER"]
    )  # killed in the ERP pass, after writing the CRM
    assert job.status.value == "failed"
    assert len(world.crm_rows()) == 3 and len(world.erp_rows()) == 2
    assert [c["pending"] for c in world.couplings()] == ["insert:crm", "insert:crm"]
    assert all(c["crm_key"] is None for c in world.couplings()), "the CRM assigns its keys itself"
    (job,) = world.service.synchronize(["CUSTOMER"])  # recovers those, killed in the CRM pass
    assert job.status.value == "failed"
    assert len(world.erp_rows()) == 3
    assert [c["pending"] for c in world.couplings()] == [None, None, "insert:erp"]
    monkeypatch.undo()

    result = world.sync()
    assert result.counters.failed == 0
    crm, erp = world.crm_rows(), world.erp_rows()
    assert sorted(r["name"] for r in crm.values()) == ["Nord AS", "One AS", "Two AS"]
    assert sorted(r["name"] for r in erp.values()) == ["Nord AS", "One AS", "Two AS"]
    couplings = world.couplings()
    assert len(couplings) == 3 and all(
        c["pending"] is None and c["erp_key"] and c["crm_key"] for c in couplings
    )
    assert {crm[c["crm_key"]]["name"] for c in couplings} == {
        erp[c["erp_key"]]["name"] for c in couplings
    }
    assert all(crm[c["crm_key"]]["name"] == erp[c["erp_key"]]["name"] for c in couplings)
    assert zero(world.sync())


def test_rejected_insert_fails_that_record_with_the_servers_message(
    make_world, app_server: URL
) -> None:
    world = make_world()
    with world.crm_engine.begin() as conn:
        conn.execute(text("CREATE UNIQUE INDEX ux_account_email ON account (email)"))
    world.erp_insert("C1", "One AS", email="same@x.no")
    world.erp_insert("C2", "Two AS", email="same@x.no")
    world.erp_insert("C3", "Three AS", email="three@x.no")
    result = world.sync()
    assert (result.counters.inserted, result.counters.failed) == (2, 1)
    names = sorted(r["name"] for r in world.crm_rows().values())
    assert names in (["One AS", "Three AS"], ["Three AS", "Two AS"])
    (error,) = world.open_errors()
    assert error.kind == "failed"
    assert error.message == (
        f"email 'same@x.no' of customer {error.erp_key} is already used by another record in "
        "CRM, where it must be unique. Change it in ERP (or couple the two records with Set Up "
        "Coupling), then Retry."
    )
    if app_server.get_backend_name() == "postgresql":  # the server's words stay in the detail
        assert 'duplicate key value violates unique constraint "ux_account_email"' in error.detail
    else:
        assert "Duplicate entry 'same@x.no' for key 'ux_account_email'" in error.detail
    assert "IntegrityError" in error.detail
    failed = next(c for c in world.couplings() if c["erp_key"] == error.erp_key)
    assert failed["crm_key"] is None and failed["skipped"]
    ok = [c for c in world.couplings() if c["erp_key"] != error.erp_key]
    assert len(ok) == 2 and all(c["crm_key"] in world.crm_rows() and not c["skipped"] for c in ok)


def test_a_change_landing_while_the_job_runs_is_not_overwritten(make_world, monkeypatch) -> None:
    from desktop_sync.apps.connection import SideTable

    world = make_world()
    erp_insert_earlier(world, "C1", "One AS", city="Bergen")
    erp_insert_earlier(world, "C2", "Two AS", city="Bergen")
    world.sync()
    keys = {c["erp_key"]: c["crm_key"] for c in world.couplings()}
    world.crm_update(keys["C1"], city="Voss")
    world.crm_update(keys["C2"], city="Voss")
    original = SideTable.update_rows

    def someone_edits_first(self, conn, rows):  # type: ignore[no-untyped-def]
        if self.side is Side.ERP:
            with world.erp_engine.begin() as other:  # another connection, committed first
                other.execute(
                    update(world.erp)
                    .where(world.erp.c.no == "C1")
                    .values(city="Tromsø", last_modified=utcnow())
                )
        return original(self, conn, rows)

    monkeypatch.setattr(SideTable, "update_rows", someone_edits_first)
    world.sync()
    monkeypatch.setattr(SideTable, "update_rows", original)
    erp = world.erp_rows()
    assert erp["C1"]["city"] == "Tromsø", "the concurrent edit is kept"
    assert erp["C2"]["city"] == "Voss", "the other update of the same batch landed"
    couplings = {c["erp_key"]: c for c in world.couplings()}
    assert couplings["C1"]["retry"] and not couplings["C2"]["retry"]
    assert "changed while the job ran" in world.log(Side.ERP, "C1")[0].message
    assert world.crm_rows()[keys["C1"]]["city"] == "Voss"

    world.sync()
    error = world.error_of("C1")
    assert error.kind == "changed_in_both" and "Tromsø" in error.detail and "Voss" in error.detail
    assert (
        world.erp_rows()["C1"]["city"] == "Tromsø"
        and world.crm_rows()[keys["C1"]]["city"] == "Voss"
    )


def test_a_batch_update_stamped_like_the_row_it_replaces_counts_as_landed(
    make_world, monkeypatch
) -> None:
    """On whole seconds the engine's stamp can equal the one it read (the row was last changed in
    the second before the write). When another update of the same batch did not land, the row
    count alone cannot tell which did; the row that holds exactly the written values landed."""
    from desktop_sync.apps.connection import SideTable

    world = make_world()
    erp_insert_earlier(world, "C1", "One AS", city="Bergen")
    erp_insert_earlier(world, "C2", "Two AS", city="Bergen")
    world.sync()
    keys = {c["erp_key"]: c["crm_key"] for c in world.couplings()}
    with world.erp_engine.connect() as conn:
        c2_modified = conn.scalar(select(world.erp.c.last_modified).where(world.erp.c.no == "C2"))
    world.crm_update(keys["C1"], city="Voss")
    world.crm_update(keys["C2"], city="Voss")
    update_rows = SideTable.update_rows

    def someone_edits_first(self, conn, rows):  # type: ignore[no-untyped-def]
        if self.side is Side.ERP:
            with world.erp_engine.begin() as other:
                other.execute(
                    update(world.erp)
                    .where(world.erp.c.no == "C1")
                    .values(city="Tromsø", last_modified=utcnow())
                )
        return update_rows(self, conn, rows)

    monkeypatch.setattr(SideTable, "update_rows", someone_edits_first)
    erp_stamps = world.service.apps[Side.ERP].side_table(world.service.config.mappings[0]).stamps
    monkeypatch.setattr(erp_stamps, "write_value", lambda moment: c2_modified)
    world.sync()
    monkeypatch.undo()
    erp = world.erp_rows()
    assert (erp["C1"]["city"], erp["C2"]["city"]) == ("Tromsø", "Voss")
    couplings = {c["erp_key"]: c for c in world.couplings()}
    assert couplings["C1"]["retry"] and not couplings["C2"]["retry"], "C2's update landed"
    assert couplings["C2"]["base"]["city"] == "Voss"
    assert [e.outcome for e in world.log(Side.ERP, "C2")][0] == "modified"
    assert "changed while the job ran" not in world.log(Side.ERP, "C2")[0].message


def test_values_the_server_would_reject(make_world, app_server: URL) -> None:
    world = make_world()
    widen = {
        "postgresql": [
            "ALTER TABLE customer ALTER COLUMN city TYPE VARCHAR(100)",
            "ALTER TABLE customer ALTER COLUMN credit TYPE NUMERIC(20, 2)",
        ],
        "mysql": [
            "ALTER TABLE customer MODIFY city VARCHAR(100)",
            "ALTER TABLE customer MODIFY credit NUMERIC(20, 2)",
        ],
    }[app_server.get_backend_name()]
    with world.erp_engine.begin() as conn:  # the ERP allows more than the CRM
        for statement in widen:
            conn.execute(text(statement))
    erp_insert_earlier(world, "C1", "Fjord AS", city="Bergen", credit=Decimal("1.00"))
    erp_insert_earlier(world, "C2", "Rich AS", credit=Decimal("2.00"))
    world.sync()
    crm_key = world.crm_key_of("C1")

    # the server itself refuses 31 characters in the CRM's VARCHAR(30)
    with pytest.raises(DBAPIError) as refused, world.crm_engine.begin() as conn:
        conn.execute(
            update(world.crm).where(world.crm.c.accountid == crm_key).values(city="x" * 31)
        )
    assert "too long" in str(refused.value.orig).lower()

    world.erp_update("C1", city="x" * 31)
    world.erp_update(
        "C2", credit=Decimal("12345678901.00")
    )  # NUMERIC(12, 2) holds at most 10 digits before the point
    world.erp_insert("C3", "New AS", city="y" * 40)
    result = world.sync()
    assert result.counters.failed == 3
    too_long = world.error_of("C1")
    assert too_long.message == (
        "city of customer C1 is 31 characters long; CRM takes at most 30. Shorten it in ERP, "
        "then Retry."
    )
    assert world.crm_rows()[crm_key]["city"] == "Bergen"
    new = world.error_of("C3")
    assert new.message.startswith("city of customer C3 is 40 characters long; CRM takes at")
    overflow = world.error_of("C2")  # not checked before writing: the server's own words
    assert overflow.message == (
        "credit 12345678901.00 of customer C2 is too large for CRM. Correct it in ERP, then Retry."
    )
    if app_server.get_backend_name() == "postgresql":
        assert "numeric field overflow" in overflow.detail
    else:
        assert "Out of range value for column 'credit'" in overflow.detail
    assert world.crm_rows()[world.crm_key_of("C2")]["credit"] == Decimal("2.00")
    assert len(world.crm_rows()) == 2
    assert {c["erp_key"] for c in world.couplings() if c["skipped"]} == {"C1", "C2", "C3"}


@pytest.mark.postgres
@pytest.mark.mariadb
def test_erp_on_mariadb_and_crm_on_postgres(tmp_path, mariadb_db: URL, postgres_db: URL) -> None:
    world = _open_world(tmp_path, mariadb_db, postgres_db, crm_identity=True)
    try:
        erp_insert_earlier(world, "C1", "Fjord AS", city="Bergen", credit=Decimal("10.10"))
        erp_insert_earlier(world, "C2", "Nord AS", city="Bodø")
        world.crm_insert("Sør AS", city="Kristiansand")
        result = world.sync()
        assert result.counters.inserted == 3 and result.counters.failed == 0
        keys = {c["erp_key"]: c["crm_key"] for c in world.couplings()}
        crm = world.crm_rows()
        assert crm[keys["C1"]]["name"] == "Fjord AS" and crm[keys["C1"]]["credit"] == Decimal(
            "10.10"
        )
        (sor,) = [k for k, v in keys.items() if v == "1"]
        assert world.erp_rows()[sor]["city"] == "Kristiansand"
        assert zero(world.sync())

        world.crm_update(int(keys["C2"]), city="Narvik")
        assert world.sync().counters.modified == 1
        assert world.erp_rows()["C2"]["city"] == "Narvik"
        world.erp_update("C2", name="Nord Nord AS")  # the row the engine has just written
        result = world.sync()
        assert (
            result.counters.modified == 1 and world.crm_rows()[keys["C2"]]["name"] == "Nord Nord AS"
        )
        world.erp_update(sor, email="sor@x.no")
        assert world.sync().counters.modified == 1
        assert world.crm_rows()["1"]["email"] == "sor@x.no"
        assert zero(world.sync())
        assert world.open_errors() == []
    finally:
        world.close()


# -- the state store on PostgreSQL ---------------------------------------------------------


@pytest.fixture
def pg_store_world(tmp_path, postgres_db: URL) -> Iterator[World]:
    world = World(tmp_path, store_url=postgres_db)
    yield world
    world.close()


@pytest.mark.postgres
def test_store_on_postgres_full_sync(pg_store_world: World) -> None:
    world = pg_store_world
    store = world.service.store
    assert store.is_postgresql
    assert store.current_revision() == store.head_revision() is not None, (
        "Alembic created the schema"
    )

    for i in range(3):
        world.erp_insert(f"C{i}", f"Customer {i}", city="Bergen")
    world.crm_insert("Nord AS", accountid="a-1")
    result = world.sync()
    assert result.counters.inserted == 4
    assert len(world.couplings()) == 4 and len(world.crm_rows()) == 4 and len(world.erp_rows()) == 4
    assert all(
        c["base"]["name"] and not c["skipped"] and c["pending"] is None for c in world.couplings()
    )
    assert zero(world.sync())

    world.crm_update(world.crm_key_of("C1"), city="Voss")
    world.erp_update("C2", name="Two AS")
    result = world.sync()
    assert result.counters.modified == 2
    assert world.erp_rows()["C1"]["city"] == "Voss"
    assert world.crm_rows()[world.crm_key_of("C2")]["name"] == "Two AS"
    with store.session() as session:
        watermarks = session.execute(text("SELECT side, modified FROM watermark")).all()
        jobs = session.scalars(select(Job.status)).all()
        leases = session.execute(select(Lease.mapping, Lease.holder)).all()
    assert {side for side, _ in watermarks} == {"erp", "crm"}
    assert jobs == ["finished"] * 3
    assert leases == [("CUSTOMER", None)], "the lease is released after each job"
    assert [e.outcome for e in world.log(Side.ERP, "C1")] == ["modified", "inserted"]


@pytest.mark.postgres
def test_store_on_postgres_lease_is_exclusive(pg_store_world: World) -> None:
    from desktop_sync.store import lease

    store = pg_store_world.service.store
    lease.acquire(store, "CUSTOMER", "runner-a")
    with pytest.raises(lease.MappingBusy):
        lease.acquire(store, "CUSTOMER", "runner-b")
    lease.acquire(store, "CUSTOMER", "runner-a")  # renewing one's own lease
    lease.release(store, "CUSTOMER", "runner-a")
    lease.acquire(store, "CUSTOMER", "runner-b")
    lease.release(store, "CUSTOMER", "runner-b")


@pytest.mark.postgres
def test_store_on_postgres_retry_and_restore(pg_store_world: World) -> None:
    world = pg_store_world
    with world.crm_engine.begin() as conn:
        conn.execute(text("CREATE UNIQUE INDEX ux_account_email ON account (email)"))
    world.crm_insert("Taken AS", accountid="a-9", email="same@x.no")
    world.erp_insert("C1", "One AS", email="same@x.no")
    world.erp_insert("C2", "Two AS", city="Bergen")
    result = world.sync()
    assert (result.counters.inserted, result.counters.failed) == (
        2,
        1,
    )  # a-9 into the ERP, C2 into the CRM
    failed = world.error_of("C1")
    assert failed.kind == "failed" and "is already used by another record" in failed.message
    assert "UNIQUE constraint failed" in failed.detail

    # Retry: after the CRM's duplicate is cleaned up, the next job inserts the record
    world.crm_delete("a-9")
    retried = world.service.retry([failed.id])
    assert retried.ok and retried.done == 1
    (coupling,) = [c for c in world.couplings() if c["erp_key"] == "C1"]
    assert coupling["retry"] and not coupling["skipped"] and coupling["crm_key"] is None
    world.sync()
    account = world.crm_rows()[world.crm_key_of("C1")]
    assert account["name"] == "One AS" and account["email"] == "same@x.no"
    assert all(e.erp_key != "C1" for e in world.open_errors())
    (resolved,) = [e for e in world.all_errors() if e["id"] == failed.id]
    assert resolved["resolution"] == "retry" and resolved["resolved_by"] == "tester"

    # Restore: the CRM record of C2 was deleted and the ERP record changed since
    old_key = world.crm_key_of("C2")
    world.crm_delete(old_key)
    world.erp_update("C2", city="Oslo")
    world.sync()
    deleted = world.error_of("C2")
    assert deleted.kind == "deleted_in_crm"
    restored = world.service.restore([deleted.id])
    assert restored.ok and restored.done == 1, restored.lines()
    new_key = world.crm_key_of("C2")
    assert new_key != old_key
    account = world.crm_rows()[new_key]
    assert (account["name"], account["city"]) == ("Two AS", "Oslo")
    assert [e for e in world.open_errors() if e.erp_key in ("C1", "C2")] == []
    (coupling,) = [c for c in world.couplings() if c["erp_key"] == "C2"]
    assert not coupling["skipped"] and coupling["pending"] is None
    assert world.log(Side.ERP, "C2")[0].outcome == "restored"
    assert zero(world.sync())
