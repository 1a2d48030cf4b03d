/* Builds the command line the launcher starts Python with (see command_line.c). */
#ifndef PARTYDESK_COMMAND_LINE_H
#define PARTYDESK_COMMAND_LINE_H

#include <stddef.h>
#include <wchar.h>

/* Writes arg to out, quoted so that CommandLineToArgvW and the Microsoft C runtimes parse it
 * back unchanged, and returns the position after it. out needs room for
 * quoted_argument_capacity(arg) characters; nothing is terminated. */
wchar_t *append_quoted_argument(wchar_t *out, const wchar_t *arg);

/* The most characters append_quoted_argument can write for arg. */
size_t quoted_argument_capacity(const wchar_t *arg);

/* "program" followed by each of args quoted; a malloc'ed string, or NULL when out of memory.
 * program is a Windows file path, which cannot contain a double quote. */
wchar_t *build_command_line(const wchar_t *program, wchar_t *const *args, size_t count);

#endif
