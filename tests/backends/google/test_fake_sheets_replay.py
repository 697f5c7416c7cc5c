"""The fake answers recorded Google exchanges the way Google did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fake_sheets import replay
from tests.paths import REPO, SHARED

SHARED = SHARED / "google-recordings"
VENDORED = REPO / "tests" / "fake_sheets" / "recordings"  # unedited copies
RECORDINGS = SHARED if SHARED.is_dir() else VENDORED
CASSETTES = sorted(RECORDINGS.glob("*.json")) if RECORDINGS.is_dir() else []


@pytest.mark.skipif(not CASSETTES, reason=f"no recorded Google exchanges in {RECORDINGS}")
@pytest.mark.parametrize("cassette", CASSETTES, ids=[p.stem for p in CASSETTES])
def test_recorded_exchange_replays_identically(cassette: Path) -> None:
    results = replay.replay_file(cassette)

    failures = [f"{label}: {reason}" for label, reason in results if reason is not None]
    assert results
    assert failures == []


def _cassette(tmp_path: Path, recorded_status: int) -> Path:
    interaction = {
        "request": {
            "method": "GET",
            "uri": "https://sheets.googleapis.com/v4/spreadsheets/nope?includeGridData=false",
            "body": None,
            "headers": {},
        },
        "response": {
            "status": {"code": recorded_status, "message": ""},
            "headers": {},
            "body": {
                "string": json.dumps(
                    {"error": {"code": 404, "message": "x", "status": "NOT_FOUND"}}
                )
            },
        },
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"version": 1, "interactions": [interaction]}), encoding="utf-8")
    return path


def test_main_reports_pass_lines_and_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _cassette(tmp_path, 404)

    code = replay.main([str(tmp_path)])

    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines[0].startswith("PASS one.json#0 GET /v4/spreadsheets/nope")
    assert lines[-1] == "1 passed, 0 failed"


def test_main_fails_when_the_fake_answers_differently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _cassette(tmp_path, 200)

    code = replay.main([str(tmp_path)])

    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert lines[0].startswith("FAIL one.json#0")
    assert "status 404 instead of 200" in lines[0]
    assert lines[-1] == "0 passed, 1 failed"


def test_comparison_maps_ids_and_ignores_google_defaults() -> None:
    ids = replay.IdMap()
    recorded = {"sheetId": 77, "title": "A", "defaultFormat": {"x": 1}}

    assert replay.difference(replay.normalized(recorded), {"sheetId": 5, "title": "A"}, ids) is None
    assert replay.difference({"sheetId": 77}, {"sheetId": 6}, ids) is not None
    assert replay.difference({"n": True}, {"n": 1}, ids) is not None
