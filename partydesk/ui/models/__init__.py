"""Qt item models of the register lists."""
