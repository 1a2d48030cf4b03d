"""Regenerate the PartyDesk application icon rasters from ``partydesk.svg``.

Needs ``rsvg-convert`` (Debian: ``apt-get install librsvg2-bin``) and Pillow.
Run from anywhere: ``python resources/icons/make_icons.py``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> None:
    source = HERE / "partydesk.svg"
    for size in SIZES:
        out = HERE / f"partydesk-{size}.png"
        subprocess.run(
            ["rsvg-convert", "-w", str(size), "-h", str(size), str(source), "-o", str(out)],
            check=True,
        )
    # Each ICO entry comes from its own rendering, not from downscaling the 256 px image,
    # so the small sizes stay as crisp as the PNGs.
    images = [Image.open(HERE / f"partydesk-{size}.png").convert("RGBA") for size in SIZES]
    images[-1].save(
        HERE / "partydesk.ico",
        format="ICO",
        sizes=[(size, size) for size in SIZES],
        append_images=images[:-1],
    )


if __name__ == "__main__":
    main()
