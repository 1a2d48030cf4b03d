"""Builds the Windows installer; run ``python -m installer.build`` from the repository root."""
