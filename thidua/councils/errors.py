from django.db import models


class CouncilError(models.TextChoices):
    NO_MEMBERS = "no_members"
    NO_CHAIR = "no_chair"
    ROUND_NOT_IN_COUNCIL = "round_not_in_council"
    NOTHING_TO_VOTE = "nothing_to_vote"
    NO_QUORUM = "no_quorum"
    WRONG_STATE = "wrong_state"
    NOT_A_MEMBER = "not_a_member"
    WRITTEN_FROM_PRESENT = "written_from_present"
    ALREADY_VOTED = "already_voted"
