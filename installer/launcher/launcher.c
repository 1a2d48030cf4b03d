/* PartyDesk.exe: starts the bundled Python on the PartyDesk package.
 *
 * The Start-menu shortcut points here. A GUI-subsystem program, so a double click opens no
 * console window; it runs "<own folder>\python\pythonw.exe -m partydesk <arguments>". Started
 * with arguments from cmd or PowerShell it attaches to that console and runs python.exe
 * instead, so "PartyDesk.exe --self-test" prints where it was typed. Either way it waits for
 * Python and exits with its exit code, so "start /wait" and the installer (which looks for a
 * running PartyDesk.exe) see the real program.
 *
 * Exit codes of its own, when Python never ran: EXIT_PYTHON_MISSING and EXIT_LAUNCH_FAILED.
 */
#include <windows.h>
#include <shellapi.h>
#include <stdarg.h>
#include <stdlib.h>

#include "command_line.h"

/* The interpreter file is missing (9009 is what cmd reports for an unknown command). */
#define EXIT_PYTHON_MISSING 9009
/* Windows refused to start it, or the launcher itself ran out of memory. */
#define EXIT_LAUNCH_FAILED 9010

static const wchar_t MESSAGE_TITLE[] = L"PartyDesk";

/* Concatenates the strings up to the terminating NULL into one malloc'ed string. */
static wchar_t *join(const wchar_t *first, ...)
{
    va_list parts;
    size_t length = 0;
    va_start(parts, first);
    for (const wchar_t *part = first; part != NULL; part = va_arg(parts, const wchar_t *))
        length += wcslen(part);
    va_end(parts);

    wchar_t *joined = malloc((length + 1) * sizeof *joined);
    if (joined == NULL)
        return NULL;
    wchar_t *out = joined;
    va_start(parts, first);
    for (const wchar_t *part = first; part != NULL; part = va_arg(parts, const wchar_t *)) {
        size_t part_length = wcslen(part);
        wmemcpy(out, part, part_length);
        out += part_length;
    }
    va_end(parts);
    *out = L'\0';
    return joined;
}

/* The folder PartyDesk.exe lives in, without a trailing backslash; malloc'ed, or NULL. */
static wchar_t *own_folder(void)
{
    /* No MAX_PATH limit: the folder may be deep, and every non-ASCII name is one UTF-16 unit
     * or two, never the bytes of a code page. */
    for (DWORD size = MAX_PATH; size <= 65536; size *= 2) {
        wchar_t *path = malloc(size * sizeof *path);
        if (path == NULL)
            return NULL;
        DWORD length = GetModuleFileNameW(NULL, path, size);
        if (length > 0 && length < size) {
            wchar_t *last_separator = wcsrchr(path, L'\\');
            if (last_separator != NULL) {
                *last_separator = L'\0';
                return path;
            }
        }
        free(path);
        if (length == 0 || length < size)
            return NULL;
    }
    return NULL;
}

/* Python's settings for the child, and none of a clerk's other Python installations. */
static void prepare_environment(void)
{
    /* The Windows console and the default encodings are cp1252; Vietnamese text needs UTF-8
     * (the embeddable Python still reads PYTHONUTF8 when its ._pth file ignores the rest). */
    SetEnvironmentVariableW(L"PYTHONUTF8", L"1");
    SetEnvironmentVariableW(L"PYTHONNOUSERSITE", L"1");
    SetEnvironmentVariableW(L"PYTHONHOME", NULL);
    SetEnvironmentVariableW(L"PYTHONPATH", NULL);
}

/* Ctrl+C and Ctrl+Break reach every process on the console; Python decides what they mean,
 * and the launcher keeps waiting so it can return Python's exit code. */
static BOOL WINAPI leave_interrupts_to_python(DWORD event)
{
    return event == CTRL_C_EVENT || event == CTRL_BREAK_EVENT;
}

static int file_exists(const wchar_t *path)
{
    DWORD attributes = GetFileAttributesW(path);
    return attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_DIRECTORY);
}

/* Standard stream `which` (STD_INPUT_HANDLE, ...) as PartyDesk.exe was given it. */
static HANDLE given_handle(const STARTUPINFOW *own, DWORD which)
{
    if (!(own->dwFlags & STARTF_USESTDHANDLES))
        return GetStdHandle(which);
    return which == STD_INPUT_HANDLE    ? own->hStdInput
           : which == STD_OUTPUT_HANDLE ? own->hStdOutput
                                        : own->hStdError;
}

/* The file or pipe the caller redirected the stream to, made inheritable; NULL if none. */
static HANDLE redirected_handle(const STARTUPINFOW *own, DWORD which, int on_console)
{
    HANDLE handle = given_handle(own, which);
    if (handle == NULL || handle == INVALID_HANDLE_VALUE)
        return NULL;
    /* A character device is a console, or NUL; only on a console can the two be told apart
     * (a console handle that is not ours would make every print fail in pythonw). */
    DWORD type = GetFileType(handle), mode;
    int redirected = type == FILE_TYPE_DISK || type == FILE_TYPE_PIPE ||
                     (on_console && type == FILE_TYPE_CHAR && !GetConsoleMode(handle, &mode));
    if (!redirected || !SetHandleInformation(handle, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT))
        return NULL;
    return handle;
}

/* What python.exe, or the launcher's own error message, uses on the clerk's console: a stream
 * the caller redirected ("PartyDesk.exe --self-test > out.txt") goes there, the others to the
 * console. Explicit handles, because a GUI program's own standard handles may be empty. */
static HANDLE console_child_handle(const STARTUPINFOW *own, DWORD which)
{
    HANDLE redirected = redirected_handle(own, which, 1);
    if (redirected != NULL)
        return redirected;
    SECURITY_ATTRIBUTES inheritable = {.nLength = sizeof inheritable, .bInheritHandle = TRUE};
    return CreateFileW(which == STD_INPUT_HANDLE ? L"CONIN$" : L"CONOUT$",
                       GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                       &inheritable, OPEN_EXISTING, 0, NULL);
}

/* Writes message to the console's error output, or to the file the caller redirected it to. */
static void write_to_console(const wchar_t *message, const STARTUPINFOW *own_startup)
{
    HANDLE output = console_child_handle(own_startup, STD_ERROR_HANDLE);
    if (output == INVALID_HANDLE_VALUE)
        return;
    DWORD mode, written;
    if (GetConsoleMode(output, &mode)) {
        WriteConsoleW(output, message, (DWORD)wcslen(message), &written, NULL);
        WriteConsoleW(output, L"\r\n", 2, &written, NULL);
        return;
    }
    int size = WideCharToMultiByte(CP_UTF8, 0, message, -1, NULL, 0, NULL, NULL);
    char *utf8 = size > 0 ? malloc(size) : NULL;
    if (utf8 == NULL)
        return;
    WideCharToMultiByte(CP_UTF8, 0, message, -1, utf8, size, NULL, NULL);
    WriteFile(output, utf8, (DWORD)size - 1, &written, NULL);
    WriteFile(output, "\r\n", 2, &written, NULL);
    free(utf8);
}

/* Tells the clerk why PartyDesk did not start: a dialog, or a line on the console it was
 * started from (a dialog there would stall a scripted "PartyDesk.exe --self-test"). */
static void report(const wchar_t *message, int on_console, const STARTUPINFOW *own_startup)
{
    if (message == NULL)
        return;
    if (on_console)
        write_to_console(message, own_startup);
    else
        MessageBoxW(NULL, message, MESSAGE_TITLE, MB_OK | MB_ICONERROR | MB_SETFOREGROUND);
}

static int report_missing_python(const wchar_t *python, int on_console,
                                 const STARTUPINFOW *own_startup)
{
    wchar_t *message = join(L"Không khởi động được PartyDesk vì thiếu tệp:\n", python,
                            L"\n\nHãy cài đặt lại PartyDesk để khắc phục.", NULL);
    report(message, on_console, own_startup);
    free(message);
    return EXIT_PYTHON_MISSING;
}

static int report_launch_failure(const wchar_t *python, DWORD error, int on_console,
                                 const STARTUPINFOW *own_startup)
{
    wchar_t code[16];
    wchar_t *digit = code + 15;
    *digit = L'\0';
    for (DWORD rest = error; digit == code + 15 || rest > 0; rest /= 10)
        *--digit = (wchar_t)(L'0' + rest % 10);

    /* In the language of Windows, which is what a support person will search for. */
    wchar_t *reason = NULL;
    FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM |
                       FORMAT_MESSAGE_IGNORE_INSERTS,
                   NULL, error, 0, (wchar_t *)&reason, 0, NULL);
    for (size_t end = reason != NULL ? wcslen(reason) : 0;
         end > 0 && (reason[end - 1] == L'\n' || reason[end - 1] == L'\r'); --end)
        reason[end - 1] = L'\0';
    wchar_t *message = join(L"Không khởi động được PartyDesk (lỗi Windows ", digit, L").\n",
                            reason != NULL ? reason : L"", L"\nTệp chương trình: ", python,
                            L"\n\nHãy cài đặt lại PartyDesk; nếu vẫn lỗi, hãy báo bộ phận hỗ trợ.",
                            NULL);
    report(message, on_console, own_startup);
    free(message);
    LocalFree(reason);
    return EXIT_LAUNCH_FAILED;
}

/* The startup settings PartyDesk.exe was given that Python should get too. */
static void pass_on_startup(const STARTUPINFOW *own, int on_console, STARTUPINFOW *child)
{
    if (on_console) {
        child->dwFlags |= STARTF_USESTDHANDLES;
        child->hStdInput = console_child_handle(own, STD_INPUT_HANDLE);
        child->hStdOutput = console_child_handle(own, STD_OUTPUT_HANDLE);
        child->hStdError = console_child_handle(own, STD_ERROR_HANDLE);
    } else if (own->dwFlags & STARTF_USESTDHANDLES) {
        /* No console, but a caller that collects the output (a build script's pipe). */
        child->dwFlags |= STARTF_USESTDHANDLES;
        child->hStdInput = redirected_handle(own, STD_INPUT_HANDLE, 0);
        child->hStdOutput = redirected_handle(own, STD_OUTPUT_HANDLE, 0);
        child->hStdError = redirected_handle(own, STD_ERROR_HANDLE, 0);
    }
    /* A shortcut set to start minimised or maximised. */
    if (own->dwFlags & STARTF_USESHOWWINDOW) {
        child->dwFlags |= STARTF_USESHOWWINDOW;
        child->wShowWindow = own->wShowWindow;
    }
    /* Started from a shortcut: lets the taskbar tie PartyDesk's window to that shortcut. */
    if (own->dwFlags & (STARTF_TITLEISLINKNAME | STARTF_TITLEISAPPID)) {
        child->dwFlags |= own->dwFlags & (STARTF_TITLEISLINKNAME | STARTF_TITLEISAPPID);
        child->lpTitle = own->lpTitle;
    }
}

static int run(void)
{
    STARTUPINFOW own_startup = {.cb = sizeof own_startup};
    GetStartupInfoW(&own_startup);

    int argc = 0;
    wchar_t **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    wchar_t *folder = own_folder();
    if (argv == NULL || folder == NULL)
        return report_launch_failure(L"PartyDesk.exe", GetLastError(), 0, &own_startup);

    /* ERROR_ACCESS_DENIED: already attached to a console (Wine gives one to GUI programs). */
    int on_console = argc > 1 && (AttachConsole(ATTACH_PARENT_PROCESS) ||
                                  GetLastError() == ERROR_ACCESS_DENIED);
    if (on_console)
        SetConsoleCtrlHandler(leave_interrupts_to_python, TRUE);
    wchar_t *python =
        join(folder, on_console ? L"\\python\\python.exe" : L"\\python\\pythonw.exe", NULL);
    if (python == NULL)
        return report_launch_failure(L"PartyDesk.exe", ERROR_OUTOFMEMORY, on_console,
                                     &own_startup);
    if (!file_exists(python))
        return report_missing_python(python, on_console, &own_startup);

    /* "-m partydesk" and then the clerk's arguments, each exactly as received. */
    size_t count = (size_t)argc + 1;
    wchar_t **args = malloc(count * sizeof *args);
    if (args == NULL)
        return report_launch_failure(python, ERROR_OUTOFMEMORY, on_console, &own_startup);
    args[0] = L"-m";
    args[1] = L"partydesk";
    for (int i = 1; i < argc; ++i)
        args[i + 1] = argv[i];
    wchar_t *command_line = build_command_line(python, args, count);
    if (command_line == NULL)
        return report_launch_failure(python, ERROR_OUTOFMEMORY, on_console, &own_startup);

    prepare_environment();
    STARTUPINFOW child_startup = {.cb = sizeof child_startup};
    pass_on_startup(&own_startup, on_console, &child_startup);
    /* Inheritable are only the caller's handles and the console handles opened for Python. */
    PROCESS_INFORMATION child;
    if (!CreateProcessW(python, command_line, NULL, NULL, TRUE,
                        CREATE_UNICODE_ENVIRONMENT, NULL, NULL, &child_startup, &child))
        return report_launch_failure(python, GetLastError(), on_console, &own_startup);

    CloseHandle(child.hThread);
    WaitForSingleObject(child.hProcess, INFINITE);
    DWORD exit_code = EXIT_LAUNCH_FAILED;
    GetExitCodeProcess(child.hProcess, &exit_code);
    CloseHandle(child.hProcess);
    return (int)exit_code;
}

int WINAPI wWinMain(HINSTANCE instance, HINSTANCE previous, PWSTR command_line, int show)
{
    (void)instance;
    (void)previous;
    (void)command_line;
    (void)show;
    return run();
}
