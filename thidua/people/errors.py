from django.db import models


class PeopleError(models.TextChoices):
    NAME_REQUIRED = "name_required"
    BIRTH_DATE_IN_FUTURE = "birth_date_in_future"
    STUDENT_CODE_TAKEN = "student_code_taken"
    STAFF_CODE_TAKEN = "staff_code_taken"
    NOT_A_CLASS = "not_a_class"
    MEMBERSHIP_PERIOD = "membership_period"
    ALREADY_MEMBER = "already_member"
    TRANSFER_SAME_UNIT = "transfer_same_unit"


class RecordError(models.TextChoices):
    """Stable codes of the yearly-record services."""

    NOT_WORKING_THAT_YEAR = "not_working_that_year"
    RATING_EXISTS = "rating_exists"
    NOT_A_COLLECTIVE = "not_a_collective"
    DATE_IN_FUTURE = "date_in_future"
    PERIOD_ORDER = "period_order"
    ALREADY_CLOSED = "already_closed"
    NOT_A_TRANSFER = "not_a_transfer"
    COMMENT_EXISTS = "comment_exists"
    COMMENT_REQUIRED = "comment_required"
