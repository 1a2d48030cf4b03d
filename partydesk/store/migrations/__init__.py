"""Numbered schema migrations, applied in order by partydesk.store.migrate."""
