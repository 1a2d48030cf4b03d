"""Widgets of the due list page ("Việc cần làm"): the list model, the month calendar and the
dialog that marks an item done or snoozed."""
