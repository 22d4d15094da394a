from django.db import models


class EligibilityError(models.TextChoices):
    """Stable codes of the eligibility services."""

    SUBJECT_REQUIRED = "subject_required"
    UNKNOWN_TITLE = "unknown_title"
    WRONG_SUBJECT_KIND = "wrong_subject_kind"
    UNKNOWN_SCHOOL_YEAR = "unknown_school_year"
    INVALID_PROPOSAL = "invalid_proposal"
    INVALID_COHORT = "invalid_cohort"
    INVALID_COUNCIL_VOTE = "invalid_council_vote"
