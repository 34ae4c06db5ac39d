"""What the errors window asks of the services beyond the verbs' own tests: the grid sorts by
who is resolving an error and by how many times it failed (in SQL), and Apply to Similar takes
the batch size the window gives."""

from __future__ import annotations

from sqlalchemy import update

from desktop_sync.domain import CancelToken, Side
from desktop_sync.services import ErrorFilter, Service
from desktop_sync.services.similar import Decision
from desktop_sync.store.models import SyncError
from tests.helpers import World


def test_errors_sort_by_claim_and_by_failures(world: World) -> None:
    for key in ("F1", "F2", "F3"):
        world.erp_insert(key, f"Firm {key}", city="x" * 31)
    world.sync()
    ids = {e.erp_key: e.id for e in world.open_errors()}
    with world.service.store.session() as session:
        for key, count in (("F1", 3), ("F2", 1), ("F3", 2)):
            session.execute(
                update(SyncError).where(SyncError.id == ids[key]).values(fail_count=count)
            )
    by_count = world.service.errors(ErrorFilter(), sort="fail_count", descending=False)
    assert [e.erp_key for e in by_count] == ["F2", "F3", "F1"]
    alice = Service.open(world.config_path, user="alice")
    try:
        alice.claim([ids["F2"]])
    finally:
        alice.close()
    world.service.claim([ids["F3"]])
    order = world.service.error_ids(ErrorFilter(), sort="claimed_by", descending=True)
    assert [i for i in order if i != ids["F1"]] == [ids["F3"], ids["F2"]]


def test_apply_to_similar_in_batches_the_window_chooses(world: World) -> None:
    keys = [f"C{i}" for i in range(5)]
    for key in keys:
        world.erp_insert(key, f"Firm {key}", city="Bergen")
    world.sync()
    for key in keys:
        world.erp_update(key, city="Oslo")
        world.crm_update(world.crm_key_of(key), city="Molde")
    world.sync()
    first = min(world.open_errors(), key=lambda e: e.id)
    seen, cancel = [], CancelToken()

    def after_two(progress) -> None:  # type: ignore[no-untyped-def]
        seen.append(progress.done)
        if progress.done >= 2:
            cancel.cancel()

    result = world.service.apply_to_similar(
        first.id, Decision(winner=Side.ERP), after_two, cancel, batch=2
    )
    assert seen == [0, 2] and result.cancelled and (result.done, result.total) == (2, 5)
    assert len(world.open_errors()) == 3
