from thidua.accounts.models import Role
from thidua.accounts.policy import define

# The audit trail of a unit's subtree: administrators, and a school's principal for the school.
define("core.audit.view", roles={Role.SYSTEM_ADMIN, Role.PRINCIPAL})
define("admin.site", roles={Role.SYSTEM_ADMIN})
