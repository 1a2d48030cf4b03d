/* Quotes arguments for a Windows command line.
 *
 * Windows hands a program one string; the child's C runtime (or CommandLineToArgvW) splits it
 * back into arguments. Between arguments only space and tab separate; inside an argument
 * 2n backslashes before a double quote mean n backslashes and the quote opens or closes a
 * quoted part, 2n+1 backslashes before it mean n backslashes and a literal quote, and
 * backslashes anywhere else are literal. Quoting with exactly these rules lets the launcher
 * pass every argument through unchanged: paths ending in a backslash, empty strings, quotes.
 *
 * Plain C on wchar_t with no Windows headers, so the tests can build it for the build machine.
 */
#include "command_line.h"

#include <stdlib.h>

static int needs_quotes(const wchar_t *arg)
{
    /* Newline and vertical tab do not split arguments, but quoting them costs nothing and
     * keeps older parsers from doing so. */
    return arg[0] == L'\0' || wcspbrk(arg, L" \t\n\v\"") != NULL;
}

static wchar_t *append_repeated(wchar_t *out, wchar_t c, size_t count)
{
    while (count-- > 0)
        *out++ = c;
    return out;
}

size_t quoted_argument_capacity(const wchar_t *arg)
{
    /* Worst case: every character doubled (a backslash before a quote or at the end, or a
     * quote that becomes \"), plus the two enclosing quotes. */
    return 2 * wcslen(arg) + 2;
}

wchar_t *append_quoted_argument(wchar_t *out, const wchar_t *arg)
{
    if (!needs_quotes(arg)) {
        size_t length = wcslen(arg);
        wmemcpy(out, arg, length);
        return out + length;
    }
    *out++ = L'"';
    for (const wchar_t *p = arg;; ++p) {
        size_t backslashes = 0;
        while (*p == L'\\') {
            ++backslashes;
            ++p;
        }
        if (*p == L'\0') {
            /* Doubled, so the closing quote stays a closing quote. */
            out = append_repeated(out, L'\\', 2 * backslashes);
            break;
        }
        if (*p == L'"') {
            out = append_repeated(out, L'\\', 2 * backslashes + 1);
            *out++ = L'"';
        } else {
            out = append_repeated(out, L'\\', backslashes);
            *out++ = *p;
        }
    }
    *out++ = L'"';
    return out;
}

wchar_t *build_command_line(const wchar_t *program, wchar_t *const *args, size_t count)
{
    /* The program name is split by different rules (up to the next quote, no escapes), so it
     * is only enclosed in quotes. */
    size_t capacity = wcslen(program) + 3;
    for (size_t i = 0; i < count; ++i)
        capacity += 1 + quoted_argument_capacity(args[i]);

    wchar_t *line = malloc(capacity * sizeof *line);
    if (line == NULL)
        return NULL;
    wchar_t *out = line;
    *out++ = L'"';
    size_t program_length = wcslen(program);
    wmemcpy(out, program, program_length);
    out += program_length;
    *out++ = L'"';
    for (size_t i = 0; i < count; ++i) {
        *out++ = L' ';
        out = append_quoted_argument(out, args[i]);
    }
    *out = L'\0';
    return line;
}
