"""Serve the document fonts from their PyPI font packages as static files.

No font file is committed: Be Vietnam Pro (pages) and Noto Serif (documents) come from the
`fontpkg-*` packages and appear under /static/fonts/<family>/.
"""

from __future__ import annotations

from pathlib import Path

import fontpkg_be_vietnam_pro
import fontpkg_noto_serif
from django.contrib.staticfiles.finders import FileSystemFinder
from django.core.files.storage import FileSystemStorage

FONT_PACKAGES = {
    "fonts/be-vietnam-pro": fontpkg_be_vietnam_pro,
    "fonts/noto-serif": fontpkg_noto_serif,
}


def font_dir(prefix: str) -> Path:
    return Path(FONT_PACKAGES[prefix].__file__).parent / "files"


def font_file(family: str, filename: str) -> Path:
    """Absolute path of a font file shipped by a font package (used by the PDF renderer)."""
    return font_dir(f"fonts/{family}") / filename


class FontPackageFinder(FileSystemFinder):
    def __init__(self, app_names=None, *args, **kwargs):  # noqa: ANN001
        self.locations = []
        self.storages = {}
        for prefix in FONT_PACKAGES:
            root = str(font_dir(prefix))
            self.locations.append((prefix, root))
            storage = FileSystemStorage(location=root)
            storage.prefix = prefix
            self.storages[root] = storage

    def check(self, **kwargs):  # noqa: ANN001, ANN201
        return []
