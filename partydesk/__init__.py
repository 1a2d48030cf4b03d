"""PartyDesk: the register and paperwork of a Party committee office, offline on Windows."""

from partydesk._version import __version__

__all__ = ["__version__"]
