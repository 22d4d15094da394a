from django.db import models


class NominationError(models.TextChoices):
    ROUND_CLOSED = "round_closed"
    DEADLINE_PASSED = "deadline_passed"
    AWARD_NOT_IN_ROUND = "award_not_in_round"
    OUT_OF_SCOPE = "out_of_scope"
    EVIDENCE_REQUIRED = "evidence_required"
    DUPLICATE = "duplicate"
    TWO_FORMS = "two_forms_for_one_achievement"
    PERIOD_ORDER = "period_order"
    NO_AWARDS = "no_awards"
    WRONG_STATE = "wrong_state"
    REASON_REQUIRED = "reason_required"
    LISTING_NOT_OVER = "listing_not_over"
    NOT_LISTING = "not_listing"
    COMPLAINT_NOT_OPEN = "complaint_not_open"
    NOTHING_TO_SUBMIT = "nothing_to_submit"
    NO_PARENT = "no_parent"
