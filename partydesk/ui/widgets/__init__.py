"""Small reusable widgets shared by PartyDesk's forms and lists."""

from partydesk.ui.widgets.date_field import DateField
from partydesk.ui.widgets.field_error import (
    FieldErrorLabel,
    attach_error_label,
    clear_invalid,
    is_marked_invalid,
    mark_invalid,
)
from partydesk.ui.widgets.search_box import SearchBox
from partydesk.ui.widgets.wrapped_label import WrappedLabel

__all__ = [
    "DateField",
    "FieldErrorLabel",
    "SearchBox",
    "WrappedLabel",
    "attach_error_label",
    "clear_invalid",
    "is_marked_invalid",
    "mark_invalid",
]
