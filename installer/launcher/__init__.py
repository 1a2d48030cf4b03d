"""PartyDesk.exe, the Windows launcher: C source, resource template, and the mingw-w64 build."""
