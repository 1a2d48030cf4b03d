"""The one place the PartyDesk version lives; packaging, the About box and logs read it."""

__version__ = "0.1.0"
