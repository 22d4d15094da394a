from thidua.accounts.policy import UNIT_MANAGERS, define

define("accounts.role.manage", roles=UNIT_MANAGERS)
