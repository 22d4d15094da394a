from django.db import models


class AchievementError(models.TextChoices):
    """Stable codes of the achievements and award-history services."""

    WRONG_SUBJECT_KIND = "wrong_subject_kind"
    DATE_IN_FUTURE = "date_in_future"
    DATE_OR_PERIOD_REQUIRED = "date_or_period_required"
    PERIOD_ORDER = "period_order"
    TITLE_IS_ONE_YEAR = "title_is_one_year"
    TITLE_ALREADY_HELD = "title_already_held"
    ACHIEVEMENT_OTHER_SUBJECT = "achievement_other_subject"
    ACHIEVEMENT_ALREADY_AWARDED = "achievement_already_awarded"
    ALREADY_REVOKED = "already_revoked"
    REVOKED_BEFORE_DECISION = "revoked_before_decision"
    CRITERION_OTHER_MOVEMENT = "criterion_other_movement"
    HAS_AWARDS = "has_awards"
    DECISION_RECORD_FROZEN = "decision_record_frozen"
