from django.db import models


class OrgError(models.TextChoices):
    CHILD_TYPE_NOT_ALLOWED = "child_type_not_allowed"
    CODE_TAKEN = "code_taken"
    CODE_FORMAT = "code_format"
    CLASS_NEEDS_YEAR_AND_GRADE = "class_needs_year_and_grade"
    GRADE_NOT_IN_LEVEL = "grade_not_in_level"
    SCHOOL_NEEDS_LEVEL = "school_needs_level"
    MOVE_INTO_OWN_SUBTREE = "move_into_own_subtree"
    SCHOOL_YEAR_EXISTS = "school_year_exists"
