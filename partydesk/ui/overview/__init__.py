"""The overview dashboard: the year's indicators, the targets and the charts."""
