"""Render PDF documents (letters, certificates, code sheets) from HTML templates.

WeasyPrint shapes the Vietnamese text; fonts come from the PyPI font packages (Noto Serif for
official documents, Be Vietnam Pro for slips), so diacritics render on every machine.
Renderers take already-selected data and return bytes: no queries inside.
"""

from __future__ import annotations

import base64
import io
from typing import Any

import segno
from django.template.loader import render_to_string

from thidua.web.staticfinders import font_file


def font_faces() -> str:
    """@font-face rules pointing at the installed font package files."""
    serif = font_file("noto-serif", "NotoSerif[wdth,wght].ttf").as_uri()
    serif_italic = font_file("noto-serif", "NotoSerif-Italic[wdth,wght].ttf").as_uri()
    sans = font_file("be-vietnam-pro", "BeVietnamPro-Regular.ttf").as_uri()
    sans_bold = font_file("be-vietnam-pro", "BeVietnamPro-Bold.ttf").as_uri()
    return (
        f'@font-face {{ font-family: "Doc Serif"; src: url("{serif}"); }}\n'
        f'@font-face {{ font-family: "Doc Serif"; src: url("{serif_italic}"); font-style: italic;'
        " }\n"
        f'@font-face {{ font-family: "Doc Sans"; src: url("{sans}"); font-weight: 400; }}\n'
        f'@font-face {{ font-family: "Doc Sans"; src: url("{sans_bold}"); font-weight: 700; }}\n'
    )


def qr_data_uri(payload: str, *, scale: int = 4) -> str:
    """A QR code as an inline PNG data URI (for HTML that becomes PDF)."""
    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="png", scale=scale, border=1)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template_name, {**context, "font_faces": font_faces()})
    return HTML(string=html).write_pdf()
