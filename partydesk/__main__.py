"""``python -m partydesk``: the same entry point as the ``partydesk`` command."""

from partydesk.cli import main

raise SystemExit(main())
