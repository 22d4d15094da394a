"""Development defaults: a fixed local secret key; DEBUG stays off unless DEBUG=1 is set."""

from .base import *  # noqa: F403
from .env import env_str

SECRET_KEY = env_str("SECRET_KEY", "dev-only-secret-key-not-for-production-thidua")
