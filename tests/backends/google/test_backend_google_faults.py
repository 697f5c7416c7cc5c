"""Faults on the Google path: quota, server errors, slow answers, lost answers, no network.

Retries wait in virtual time (`VirtualTime`): no test sleeps for real, and the budget is
checked against the virtual clock.
"""

from __future__ import annotations

import random
import socket
import time

import pytest

from nastavnik.sheets_schema.errors import ConcurrentEdit, ConnectionFailed
from nastavnik.sync.backends.google.backend import GoogleWorkbook
from nastavnik.sync.backends.google.http import RateLimiter, RetryPolicy, SheetsApi
from nastavnik.sync.engine import ALL_TITLES, plan_init, run_init, run_sync
from tests import factories as f
from tests.backend_harnesses import VirtualTime, create_google_book, google_workbook
from tests.engine_contract import grids_of
from tests.engine_helpers import clock
from tests.fake_sheets import FakeServer, make_session, staff


def _workbook(
    fake: FakeServer, virtual: VirtualTime, **policy: float
) -> tuple[str, GoogleWorkbook]:
    book_id = create_google_book(fake, grids_of(f.workbook(meetings=[f.meeting()])))
    retry = RetryPolicy(sleep=virtual.sleep, clock=virtual.clock, rng=random.Random(1), **policy)
    return book_id, google_workbook(fake, book_id, policy=retry, time_source=virtual)


def _layout_counts(fake: FakeServer, book_id: str) -> tuple[int, int, int]:
    state = fake.controller.state_of(book_id)
    sheets = state["sheets"]
    protections = sum(len(s["protectedRanges"]) for s in sheets)
    rules = sum(len(s["conditionalFormats"]) for s in sheets)
    return len(sheets), protections, rules


def test_quota_429_three_times_then_success(fake_sheets: FakeServer) -> None:
    virtual = VirtualTime()
    _, workbook = _workbook(fake_sheets, virtual)
    fake_sheets.controller.reset()
    fake_sheets.controller.fail_next(3, 429, kind="read")
    snapshot = workbook.read(["Педагоги"])
    assert snapshot.tables and snapshot.requests == 5
    assert [r.status for r in fake_sheets.controller.requests] == [429, 429, 429, 200, 200]
    assert len(virtual.sleeps) == 3
    assert all(0 <= s <= 2**n for n, s in enumerate(virtual.sleeps))  # full jitter bounds


def test_quota_on_a_write_is_retried_because_google_did_not_apply_it(
    fake_sheets: FakeServer,
) -> None:
    virtual = VirtualTime()
    book_id, workbook = _workbook(fake_sheets, virtual)
    fake_sheets.controller.fail_next(2, 429, kind="write")
    report = run_sync(workbook, f.TODAY, clock)
    assert report.written and len(virtual.sleeps) == 2
    clean_id, clean = _workbook(fake_sheets, VirtualTime())
    run_sync(clean, f.TODAY, clock)
    assert _layout_counts(fake_sheets, book_id) == _layout_counts(fake_sheets, clean_id)


def test_persistent_500_fails_within_the_budget(fake_sheets: FakeServer) -> None:
    virtual = VirtualTime()
    _, workbook = _workbook(fake_sheets, virtual, budget=60.0)
    fake_sheets.controller.fail_next(1000, 500)
    with pytest.raises(ConnectionFailed) as caught:
        workbook.read(["Педагоги"])
    assert "500" in str(caught.value) and caught.value.exit_code == 2
    assert 0 < virtual.now <= 60.0
    assert 3 <= fake_sheets.controller.total < 40


def test_quota_exhausted_after_retries_says_so(fake_sheets: FakeServer) -> None:
    virtual = VirtualTime()
    _, workbook = _workbook(fake_sheets, virtual)
    fake_sheets.controller.fail_next(1000, 429)
    with pytest.raises(ConnectionFailed, match="квота"):
        workbook.read(["Педагоги"])
    assert virtual.now <= 120.0


def test_a_slow_answer_past_the_timeout_is_retried(fake_sheets: FakeServer) -> None:
    virtual = VirtualTime()
    _, workbook = _workbook(fake_sheets, virtual, read_timeout=0.3)
    fake_sheets.controller.reset()
    fake_sheets.controller.delay_next(3.0, kind="read")
    started = time.monotonic()
    snapshot = workbook.read(["Педагоги"])
    assert time.monotonic() - started < 2.0
    assert snapshot.tables and snapshot.requests == 3 and len(virtual.sleeps) == 1


def test_lost_answer_of_a_structural_write_is_not_resent(fake_sheets: FakeServer) -> None:
    virtual = VirtualTime()
    _, workbook = _workbook(fake_sheets, virtual)
    snapshot = workbook.read(ALL_TITLES)
    changes = plan_init(snapshot)
    fake_sheets.controller.reset()
    fake_sheets.controller.fail_next(1, 503, kind="write", process_anyway=True)
    with pytest.raises(ConcurrentEdit, match="перечитана"):
        workbook.apply(changes, snapshot)  # it adds sheets and rules: a repeat would fail
    assert fake_sheets.controller.writes == 1 and not virtual.sleeps
    assert not run_init(workbook).is_empty  # a fresh read plans what is missing …
    assert run_init(workbook).is_empty  # … and then finds it all there


def test_engine_recovers_from_a_lost_structural_answer(fake_sheets: FakeServer) -> None:
    virtual = VirtualTime()
    book_id, workbook = _workbook(fake_sheets, virtual)
    fake_sheets.controller.fail_next(1, 500, kind="write", process_anyway=True)
    run_sync(workbook, f.TODAY, clock)
    assert fake_sheets.controller.count(kind="write", method="POST") >= 1
    clean_id, clean = _workbook(fake_sheets, VirtualTime())
    run_sync(clean, f.TODAY, clock)
    assert _layout_counts(fake_sheets, book_id) == _layout_counts(fake_sheets, clean_id)
    assert run_sync(workbook, f.TODAY, clock).changes.is_empty


def test_lost_answer_of_a_values_only_write_is_resent(fake_sheets: FakeServer) -> None:
    virtual = VirtualTime()
    book_id, workbook = _workbook(fake_sheets, virtual)
    run_sync(workbook, f.TODAY, clock)
    header = workbook.read(["Педагоги"]).tables["Педагоги"].header
    start = header.index("Дата начала педагогической деятельности")
    edit = staff.set_value(book_id, 3, start + 1, "01.09.2015", "Педагоги")
    fake_sheets.controller.apply(edit)  # the mentee's experience changes: calc cells to write
    fake_sheets.controller.reset()
    # the anchored cells (the second write) land, their answer is lost: sent again
    fake_sheets.controller.fail_next(1, 502, kind="write", process_anyway=True, skip=1)
    report = run_sync(workbook, f.TODAY, clock)
    paths = [
        r.path.rsplit(":", 1)[-1] for r in fake_sheets.controller.requests if r.kind == "write"
    ]
    assert report.written and paths == ["batchUpdate", *["batchUpdateByDataFilter"] * 2]
    assert len(virtual.sleeps) == 1
    assert run_sync(workbook, f.TODAY, clock).changes.is_empty


def test_no_network_is_a_clear_error(fake_sheets: FakeServer) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once closed
    session = make_session(f"http://127.0.0.1:{port}")
    virtual = VirtualTime()
    api = SheetsApi(
        "x" * 44,
        session.credentials,
        session=session,
        policy=RetryPolicy(sleep=virtual.sleep, clock=virtual.clock, budget=30.0),
        limiter=RateLimiter(1000, 60.0, sleep=virtual.sleep, clock=virtual.clock),
    )
    with pytest.raises(ConnectionFailed, match="Нет связи") as caught:
        GoogleWorkbook(api).read(["Педагоги"])
    assert "интернет" in caught.value.hint
    assert api.requests_sent > 1 and virtual.now <= 30.0


def test_rate_limiter_keeps_a_minute_window() -> None:
    virtual = VirtualTime()
    limiter = RateLimiter(3, 60.0, sleep=virtual.sleep, clock=virtual.clock)
    for _ in range(3):
        limiter.acquire()
    assert virtual.now == 0.0
    virtual.now = 10.0
    limiter.acquire()  # the fourth waits for the first to leave the window
    assert virtual.now == 60.0 and virtual.sleeps == [50.0]


def test_backoff_is_full_jitter_capped_and_honours_retry_after() -> None:
    policy = RetryPolicy(rng=random.Random(5), base=1.0, cap=8.0)
    delays = [policy.backoff(n) for n in range(10) for _ in range(20)]
    assert min(delays) >= 0 and max(delays) <= 8.0
    assert len({round(d, 3) for d in delays}) > 100  # spread, not a fixed ladder
    assert policy.backoff(0, retry_after=30.0) == 30.0
