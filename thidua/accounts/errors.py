from django.db import models


class AccountsError(models.TextChoices):
    ROLE_NOT_AT_UNIT_TYPE = "role_not_at_unit_type"
    ROLE_ABOVE_OWN = "role_above_own"
    ROLE_EXISTS = "role_exists"
    USERNAME_TAKEN = "username_taken"
    PERSON_HAS_ACCOUNT = "person_has_account"
