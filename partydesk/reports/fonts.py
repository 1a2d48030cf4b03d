"""Bundled TrueType fonts for PartyDesk PDFs, registered with reportlab under stable names.

reportlab's base-14 fonts (Helvetica, Times-Roman) have no Vietnamese glyphs and draw black
boxes without raising, so every renderer uses the constants below and nothing else. The files are
Liberation Serif/Sans 2.x from ``resources/fonts`` (metric-compatible with Times New Roman and
Arial; see the README there).
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from partydesk.paths import font_path

SERIF = "PDSerif"
SERIF_BOLD = "PDSerif-Bold"
SERIF_ITALIC = "PDSerif-Italic"
SERIF_BOLD_ITALIC = "PDSerif-BoldItalic"

SANS = "PDSans"
SANS_BOLD = "PDSans-Bold"
SANS_ITALIC = "PDSans-Italic"
SANS_BOLD_ITALIC = "PDSans-BoldItalic"

# Registered name → bundled file; each family's regular face doubles as its family name.
FONT_FILES: dict[str, str] = {
    SERIF: "LiberationSerif-Regular.ttf",
    SERIF_BOLD: "LiberationSerif-Bold.ttf",
    SERIF_ITALIC: "LiberationSerif-Italic.ttf",
    SERIF_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
    SANS: "LiberationSans-Regular.ttf",
    SANS_BOLD: "LiberationSans-Bold.ttf",
    SANS_ITALIC: "LiberationSans-Italic.ttf",
    SANS_BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
}

_FAMILIES = (
    (SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC),
    (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC),
)

_lock = threading.Lock()
_registered = False


class FontFilesMissingError(FileNotFoundError):
    """A bundled font file is missing: the installation is broken, PDFs cannot be made."""

    def __init__(self, missing: list[Path]) -> None:
        self.missing = missing
        listing = ", ".join(str(path) for path in missing)
        super().__init__(
            f"PartyDesk cannot make PDFs: bundled font file(s) not found: {listing}. "
            "Reinstall PartyDesk (the fonts ship in resources/fonts)."
        )


def register_fonts() -> None:
    """Register both families with reportlab; safe to call any number of times, from any thread.

    ``registerFontFamily`` maps ``<b>``/``<i>`` in Paragraph markup to the bundled faces, so bold
    or italic runs never switch to a base-14 font.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        paths = {name: font_path(file_name) for name, file_name in FONT_FILES.items()}
        missing = [path for path in paths.values() if not path.is_file()]
        if missing:
            raise FontFilesMissingError(missing)
        for name, path in paths.items():
            pdfmetrics.registerFont(TTFont(name, str(path)))
        for normal, bold, italic, bold_italic in _FAMILIES:
            pdfmetrics.registerFontFamily(
                normal, normal=normal, bold=bold, italic=italic, boldItalic=bold_italic
            )
        _registered = True
