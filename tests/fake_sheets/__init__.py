"""A fake Google Sheets API v4 (+ the Drive v3 calls gspread makes) for tests.

Entry points:

* ``start_fake_server()`` -> ``FakeServer`` (``base_url``, ``controller``,
  ``client()``, ``session()``, ``stop()``), usable without pytest;
* the ``fake_sheets`` pytest fixture in ``tests.fake_sheets.fixtures``;
* ``staff`` helpers producing edits "made by a person" between requests;
* ``python -m tests.fake_sheets.replay DIR`` to check the fake against
  recorded Google exchanges.

Every request body is validated against the Sheets/Drive discovery
documents shipped in google-api-python-client; unknown fields, wrong types
and bad enums get Google's 400 INVALID_ARGUMENT.  Known simplifications:
formulas other than plain arithmetic are not evaluated (their text is
returned), borders and column widths are accepted but not modelled.
"""

from tests.fake_sheets import staff
from tests.fake_sheets.client import FakeCredentials, FakeGoogleAdapter, make_client, make_session
from tests.fake_sheets.controller import Controller, RecordedRequest
from tests.fake_sheets.server import FakeServer, start_fake_server
from tests.fake_sheets.state import DEFAULT_IDENTITY

__all__ = [
    "DEFAULT_IDENTITY",
    "Controller",
    "FakeCredentials",
    "FakeGoogleAdapter",
    "FakeServer",
    "RecordedRequest",
    "make_client",
    "make_session",
    "staff",
    "start_fake_server",
]
