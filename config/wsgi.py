import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

from thidua.web.wsgi import build_application  # noqa: E402

application = build_application()
