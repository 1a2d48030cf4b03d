"""The briefing round dialog (hội nghị giao ban) and its tabs."""
