"""The one exception type the domain layer raises for bad user input.

Services and the UI catch ``ValidationError`` to show ``message`` next to the
input named by ``field``; the message is always Vietnamese and user-facing.
"""

from __future__ import annotations


class ValidationError(ValueError):
    """User input that cannot be accepted.

    ``field`` is the machine name of the input (e.g. ``"ma_so_thue"``) so the UI
    can highlight it; ``message`` is the Vietnamese text shown to the clerk and
    already names the field.
    """

    def __init__(self, field: str, message: str) -> None:
        # Both go into args so the exception survives pickling (multiprocessing,
        # logging handlers) and re-raising with the same constructor signature.
        super().__init__(field, message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"ValidationError(field={self.field!r}, message={self.message!r})"
