"""Google-shaped API errors (``{"error": {"code", "message", "status"}}``)."""

from __future__ import annotations

from typing import Any

from tests.fake_sheets.common import Json

#: Project number used in "API disabled" and quota messages.
FAKE_PROJECT = "123456789012"

_API_TITLES = {"sheets": "Google Sheets API", "drive": "Google Drive API"}
_API_HOSTS = {"sheets": "sheets.googleapis.com", "drive": "drive.googleapis.com"}


class ApiError(Exception):
    """An error answer of the fake API; ``body()`` is what goes on the wire."""

    def __init__(
        self,
        code: int,
        status: str | None,
        message: str,
        *,
        details: list[Json] | None = None,
        errors: list[Json] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.message = message
        self.details = details
        self.errors = errors

    def body(self) -> Json:
        """The JSON body Google sends for this error."""
        err: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.errors is not None:
            err["errors"] = self.errors
        if self.status is not None:
            err["status"] = self.status
        if self.details:
            err["details"] = self.details
        return {"error": err}

    def with_prefix(self, prefix: str) -> ApiError:
        """The same error with ``prefix`` in front of the message."""
        return ApiError(
            self.code, self.status, prefix + self.message, details=self.details, errors=self.errors
        )


def invalid_argument(message: str, field: str | None = None) -> ApiError:
    """400 INVALID_ARGUMENT, optionally with a BadRequest field violation."""
    details = None
    if field is not None:
        violation = {"field": field, "description": message}
        details = [
            {
                "@type": "type.googleapis.com/google.rpc.BadRequest",
                "fieldViolations": [violation],
            }
        ]
    return ApiError(400, "INVALID_ARGUMENT", message, details=details)


def not_found() -> ApiError:
    """404 for an unknown spreadsheet id (Sheets API)."""
    return ApiError(404, "NOT_FOUND", "Requested entity was not found.")


def permission_denied() -> ApiError:
    """403 for a spreadsheet that is not shared with the caller."""
    return ApiError(403, "PERMISSION_DENIED", "The caller does not have permission")


def unauthenticated() -> ApiError:
    """401 for a request without an access token."""
    return ApiError(
        401,
        "UNAUTHENTICATED",
        "Request is missing required authentication credential. Expected OAuth 2 access "
        "token, login cookie or other valid authentication credential. See "
        "https://developers.google.com/identity/sign-in/web/devconsole-project.",
    )


def service_disabled(api: str) -> ApiError:
    """403 "API has not been used in project ... before or it is disabled"."""
    host = _API_HOSTS[api]
    url = f"https://console.developers.google.com/apis/api/{host}/overview?project={FAKE_PROJECT}"
    message = (
        f"{_API_TITLES[api]} has not been used in project {FAKE_PROJECT} before or it is "
        f"disabled. Enable it by visiting {url} then retry. If you enabled this API recently, "
        "wait a few minutes for the action to propagate to our systems and retry."
    )
    details: list[Json] = [
        {
            "@type": "type.googleapis.com/google.rpc.Help",
            "links": [{"description": "Google developers console API activation", "url": url}],
        },
        {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "SERVICE_DISABLED",
            "domain": "googleapis.com",
            "metadata": {"service": host, "consumer": f"projects/{FAKE_PROJECT}"},
        },
    ]
    errors = None
    if api == "drive":
        errors = [{"message": message, "domain": "usageLimits", "reason": "accessNotConfigured"}]
    return ApiError(403, "PERMISSION_DENIED", message, details=details, errors=errors)


def quota_exceeded(kind: str) -> ApiError:
    """429 RESOURCE_EXHAUSTED as sent when the per-minute quota is used up."""
    metric = "Write requests" if kind == "write" else "Read requests"
    short = "write_requests" if kind == "write" else "read_requests"
    limit = f"{metric.split(maxsplit=1)[0]}RequestsPerMinutePerUser"
    message = (
        f"Quota exceeded for quota metric '{metric}' and limit '{metric} per minute per user' "
        f"of service 'sheets.googleapis.com' for consumer 'project_number:{FAKE_PROJECT}'."
    )
    details = [
        {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "RATE_LIMIT_EXCEEDED",
            "domain": "googleapis.com",
            "metadata": {
                "service": "sheets.googleapis.com",
                "quota_metric": f"sheets.googleapis.com/{short}",
                "quota_limit": limit,
                "consumer": f"projects/{FAKE_PROJECT}",
            },
        }
    ]
    return ApiError(429, "RESOURCE_EXHAUSTED", message, details=details)


def server_error(code: int) -> ApiError:
    """5xx answers: 500 INTERNAL, 502/503 UNAVAILABLE, 504 DEADLINE_EXCEEDED."""
    if code == 500:
        return ApiError(500, "INTERNAL", "Internal error encountered.")
    if code == 504:
        return ApiError(504, "DEADLINE_EXCEEDED", "The service is currently unavailable.")
    return ApiError(code, "UNAVAILABLE", "The service is currently unavailable.")


def unimplemented(what: str) -> ApiError:
    """501 for a valid request the fake does not model (so tests fail loudly)."""
    return ApiError(501, "UNIMPLEMENTED", f"fake_sheets does not implement {what}.")


def drive_error(code: int, message: str, reason: str, location: str | None = None) -> ApiError:
    """Drive v3 errors: no ``status``, an ``errors`` list instead."""
    item: Json = {"message": message, "domain": "global", "reason": reason}
    if location is not None:
        item.update({"location": location, "locationType": "parameter"})
    return ApiError(code, None, message, errors=[item])


def drive_not_found(file_id: str) -> ApiError:
    """Drive's 404 for unknown and unshared files alike."""
    return drive_error(404, f"File not found: {file_id}.", "notFound", "fileId")
