from django.db import models


class DecisionError(models.TextChoices):
    FROZEN = "decision_frozen"
    NOT_DRAFT = "decision_not_draft"
    NOTHING_TO_DECIDE = "nothing_to_decide"
    NOT_DECIDABLE = "proposal_not_decidable"
    ALREADY_ON_DECISION = "proposal_already_on_decision"
    NO_LINES = "decision_has_no_lines"
    FIELD_REQUIRED = "field_required"
    DATE_IN_FUTURE = "date_in_future"
    DATE_BEFORE_TARGET = "date_before_target"
    TARGET_NOT_SIGNED = "target_not_signed"
    TARGET_CORRECTED = "target_already_corrected"
    TARGET_REVOKED = "target_already_revoked"
    NO_CHANGE = "correction_changes_nothing"
    LINE_NOT_LIVE = "line_not_live"
    WRONG_SUBJECT_AWARD = "award_not_for_subject"
    PERIOD_ORDER = "period_order"
    HISTORY_CONFLICT = "history_conflict"
