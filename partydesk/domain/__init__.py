"""Pure rules and dataclasses of the Party office: no Qt, no SQL."""
