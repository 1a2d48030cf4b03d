"""Importing members and enterprises from Excel (.xlsx) and CSV files.

``reader.read_table`` turns a file into a ``RawTable`` (or refuses it); ``service.ImportService``
maps its columns, checks every row against the register, writes the error report and the
template, and adds the records in one transaction after a backup.
"""
