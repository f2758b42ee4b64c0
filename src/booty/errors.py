"""One error hierarchy. Each error carries a message written for the issue author, and the
status a run that it stops ends with (``failure_of``)."""

from __future__ import annotations

from booty.models import Status


class BootyError(Exception):
    """Base class. ``str(err)`` is shown to maintainers as is, so write it for them."""

    status = "error"


class ConfigError(BootyError):
    """Missing or invalid input or environment variable."""


class EventError(BootyError):
    """The event payload is missing, malformed or lacks fields Booty needs."""


class CodeHostError(BootyError):
    """GitHub refused or failed a request."""


class NotFound(CodeHostError):
    pass


class PermissionDenied(CodeHostError):
    pass


class ModelError(BootyError):
    """The language model could not be reached or answered unusably."""


class OutputTruncated(ModelError):
    """The model's answer hit the output-token limit; the partial answer must not be used."""


class Unauthorized(BootyError):
    """The person who started the run may not (no write permission, or a bot not allowed)."""

    status = "unauthorized"


class BudgetExceeded(BootyError):
    status = "budget_exceeded"


class WorkspaceError(BootyError):
    """git or the file system failed in the workspace."""


class PushRejected(WorkspaceError):
    pass


class BaseBranchMissing(WorkspaceError):
    """The branch a pull request would go into is not on origin."""


class BranchMoved(WorkspaceError):
    """Origin's branch is no longer the commit a follow-up was built on: nothing is pushed over it."""

    status = "branch_moved"


def failure_of(err: Exception) -> tuple[Status, str]:
    """The status and message of a run that ``err`` stopped: a ``BootyError``'s own, any other
    exception an unexpected error named by its type (never a bare traceback)."""
    if isinstance(err, BootyError):
        return Status(err.status), str(err)
    return Status.ERROR, f"Unexpected error ({type(err).__name__}): {err}"
