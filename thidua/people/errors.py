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
