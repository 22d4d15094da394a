from django.db import models


class MovementError(models.TextChoices):
    """Stable codes of the movement services."""

    NOT_A_LAUNCHER = "not_a_launcher"
    PERIOD_ORDER = "period_order"
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    REASON_REQUIRED = "reason_required"
    CLOSED = "closed"
    PARTICIPANT_UNKNOWN = "participant_unknown"
    NOT_ADOPTED = "not_adopted"
    ALREADY_ADOPTED = "already_adopted"
    UNIT_NOT_CONCERNED = "unit_not_concerned"
    PHASE_OUTSIDE = "phase_outside"
    VALUE_INVALID = "value_invalid"
    DATE_IN_FUTURE = "date_in_future"
    HAS_EVIDENCE = "has_evidence"
    PARENT_NOT_ABOVE = "parent_not_above"
    NOT_LAUNCHED = "not_launched"
