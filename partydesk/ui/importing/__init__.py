"""The import wizard: members or enterprises from an Excel (.xlsx) or CSV file into the register.

The engine (reading, checking, importing) is ``partydesk.services.importing``; this package
only asks, shows and waits.
"""

from partydesk.ui.importing.wizard import ImportDialog, open_import

__all__ = ["ImportDialog", "open_import"]
