"""The meeting editor's parts: one section widget per part of the paper minutes template,
the rows they are made of, autosave, and the approval and addendum dialogs.

The entry points are in ``partydesk.ui.dialogs.meeting_dialog``.
"""
