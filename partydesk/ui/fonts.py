"""Make sure the UI font can draw Vietnamese.

On Windows the default UI font (Segoe UI) covers every Vietnamese letter, so normally nothing
changes. A machine without such a font (a bare Linux CI box, a stripped-down VM) would draw
boxes instead of "ắ", "ự" or "Đ"; there the bundled Liberation Sans takes over at the same size.
The bundled TTFs are registered either way, so "Liberation Serif" is available to widgets that
preview printed documents.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QRawFont
from PySide6.QtWidgets import QApplication

from partydesk.paths import resources_dir

log = logging.getLogger(__name__)

#: Letters that fonts with only "Latin-1 + a bit" coverage miss: the stacked vowel+tone
#: combinations, ơ/ư and đ/Đ.
VIETNAMESE_SAMPLE = "ắằẳẵặấầẩẫậđĐơưỡữếềểễệốồổỗộớờởợứừửựỳỷỹỵẠẢẤỰ"
FALLBACK_FAMILY = "Liberation Sans"
BUNDLED_FONT_PATTERNS = ("LiberationSans-*.ttf", "LiberationSerif-*.ttf")

CoveragePredicate = Callable[[QFont], bool]

# addApplicationFont() registers a file again on every call; tests and a re-run of startup
# code must not pile up duplicate font ids.
_registered: dict[Path, list[str]] = {}


def font_covers(font: QFont, text: str = VIETNAMESE_SAMPLE) -> bool:
    """Whether the font Qt actually resolves for ``font`` has a glyph for every character.

    QRawFont looks at the primary font file only; per-glyph fallback (fontconfig, DirectWrite)
    might rescue a missing letter, but with a visibly different design, so this is strict on
    purpose.
    """
    raw = QRawFont.fromFont(font)
    if not raw.isValid():
        return False
    return all(raw.supportsCharacter(ord(char)) for char in text)


def register_bundled_fonts(fonts_dir: Path | None = None) -> list[str]:
    """Register the bundled Liberation TTFs with Qt; return the font families now available.

    Missing files are logged and skipped: the app must still start, with the system fonts.
    """
    folder = fonts_dir if fonts_dir is not None else resources_dir() / "fonts"
    files = _bundled_files(folder, BUNDLED_FONT_PATTERNS)
    if not files:
        log.warning("No bundled fonts found in %s; using system fonts only", folder)
        return []
    families: list[str] = []
    for path in files:
        if path not in _registered:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                log.warning("Qt could not load the bundled font %s", path)
                continue
            _registered[path] = QFontDatabase.applicationFontFamilies(font_id)
        for family in _registered[path]:
            if family not in families:
                families.append(family)
    log.info("Registered bundled font families: %s", ", ".join(families) or "(none)")
    return families


def install_fonts(
    app: QApplication,
    *,
    fonts_dir: Path | None = None,
    covers_vietnamese: CoveragePredicate = font_covers,
) -> str:
    """Register the bundled fonts and switch the app font if it cannot draw Vietnamese.

    ``covers_vietnamese`` is injectable so tests can force the fallback branch. Returns the
    family Qt actually resolved for the application font afterwards (e.g. "Segoe UI" on
    Windows, "DejaVu Sans" for the generic "Sans Serif" on Linux).
    """
    families = register_bundled_fonts(fonts_dir)
    current = app.font()
    if covers_vietnamese(current):
        log.info("UI font %r covers Vietnamese; keeping it", QFontInfo(current).family())
        return QFontInfo(current).family()

    if FALLBACK_FAMILY not in families:
        log.warning(
            "UI font %r lacks Vietnamese letters and %r is not available; keeping it",
            QFontInfo(current).family(),
            FALLBACK_FAMILY,
        )
        return QFontInfo(current).family()

    replacement = QFont(FALLBACK_FAMILY)
    # Keep the size the platform chose (Windows scales it with the display settings); a font
    # set in pixels reports pointSizeF() == -1.
    if current.pointSizeF() > 0:
        replacement.setPointSizeF(current.pointSizeF())
    elif current.pixelSize() > 0:
        replacement.setPixelSize(current.pixelSize())
    app.setFont(replacement)
    log.warning(
        "UI font %r lacks Vietnamese letters; switched to the bundled %r",
        QFontInfo(current).family(),
        FALLBACK_FAMILY,
    )
    return QFontInfo(app.font()).family()


def _bundled_files(folder: Path, patterns: Iterable[str]) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(path for pattern in patterns for path in folder.glob(pattern))
