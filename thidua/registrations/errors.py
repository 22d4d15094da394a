from django.db import models


class RegistrationError(models.TextChoices):
    """Stable codes of the registration services."""

    LIST_EXISTS = "list_exists"
    LIST_NOT_OPEN = "list_not_open"
    DEADLINE_PASSED = "deadline_passed"
    DEADLINE_INVALID = "deadline_invalid"
    NOT_IN_UNIT = "not_in_unit"
    ALREADY_REGISTERED = "already_registered"
    TITLES_REQUIRED = "titles_required"
    TITLE_NOT_FOR_SUBJECT = "title_not_for_subject"
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    REASON_REQUIRED = "reason_required"
    PENDING_DECISIONS = "pending_decisions"
    NOT_CONSOLIDATED = "not_consolidated"
