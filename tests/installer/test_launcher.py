"""PartyDesk.exe, the C launcher: argument quoting, the built executable's resources, and (slow,
under Wine) what it actually starts with which arguments and environment."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import installer.launcher.build_launcher as launcher_build
from installer.launcher.build_launcher import (
    EXIT_LAUNCH_FAILED,
    EXIT_PYTHON_MISSING,
    MINGW_PACKAGE,
    SOURCE_DIR,
    LauncherBuildError,
    build_launcher,
    render_resource_script,
    windows_version_numbers,
)
from partydesk._version import __version__

REPO_ROOT = Path(__file__).resolve().parents[2]
ICON = REPO_ROOT / "resources" / "icons" / "partydesk.ico"
DESCRIPTION = "PartyDesk — quản lý tổ chức đảng trong doanh nghiệp"
# Not the real version, so the tests see that the build writes the one it is given.
TEST_VERSION = "1.23.456"
NON_ASCII_FOLDER = "Nguyễn Văn Đức"
FAKE_EXIT_CODE = 7

needs_mingw = pytest.mark.skipif(
    shutil.which(launcher_build.GCC) is None or shutil.which(launcher_build.WINDRES) is None,
    reason=f"needs mingw-w64 ({MINGW_PACKAGE})",
)
needs_wine = pytest.mark.skipif(shutil.which("wine") is None, reason="needs wine")


# --- The version and the build script -------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("2", (2, 0, 0, 0)),
        ("1.2.3.4", (1, 2, 3, 4)),
        ("0.2.0rc1", (0, 2, 0, 0)),
        ("1.0.post2", (1, 0, 0, 0)),
        ("3.1.dev4+local", (3, 1, 0, 0)),
    ],
)
def test_windows_version_numbers_come_from_the_release_part(version, numbers):
    assert windows_version_numbers(version) == numbers


@pytest.mark.parametrize("version", ["1.2.3.4.5", "70000.0", "", "v1.0", '1.0"', "1..2"])
def test_versions_a_windows_file_version_cannot_hold_are_refused(version):
    with pytest.raises(LauncherBuildError):
        windows_version_numbers(version)


def test_resource_script_carries_the_version():
    script = render_resource_script(TEST_VERSION)

    assert "FILEVERSION 1,23,456,0" in script
    assert "PRODUCTVERSION 1,23,456,0" in script
    assert f'VALUE "FileVersion", "{TEST_VERSION}"' in script
    assert f'VALUE "ProductVersion", "{TEST_VERSION}"' in script
    assert "${" not in script


def test_exit_codes_match_the_c_source():
    source = (SOURCE_DIR / "launcher.c").read_text(encoding="utf-8")

    assert f"#define EXIT_PYTHON_MISSING {EXIT_PYTHON_MISSING}\n" in source
    assert f"#define EXIT_LAUNCH_FAILED {EXIT_LAUNCH_FAILED}\n" in source


def test_a_missing_compiler_names_the_debian_package(monkeypatch, tmp_path):
    monkeypatch.setattr(launcher_build.shutil, "which", lambda name: None)

    with pytest.raises(LauncherBuildError, match=MINGW_PACKAGE) as raised:
        build_launcher(tmp_path / "PartyDesk.exe", version="0.1.0", icon=ICON, work_dir=tmp_path)
    assert launcher_build.WINDRES in str(raised.value)


# --- Quoting (command_line.c compiled for this machine) --------------------------------------

HARNESS_SOURCE = r"""
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include "command_line.h"

static wchar_t *widen(const char *text)
{
    size_t length = mbstowcs(NULL, text, 0);
    if (length == (size_t)-1)
        exit(3);
    wchar_t *wide = malloc((length + 1) * sizeof *wide);
    mbstowcs(wide, text, length + 1);
    return wide;
}

/* argv[1] is the program, the rest its arguments; prints the command line built for them. */
int main(int argc, char **argv)
{
    if (setlocale(LC_ALL, "C.UTF-8") == NULL || argc < 2)
        return 2;
    wchar_t **wide = malloc((size_t)argc * sizeof *wide);
    for (int i = 1; i < argc; ++i)
        wide[i - 1] = widen(argv[i]);
    wchar_t *line = build_command_line(wide[0], wide + 1, (size_t)(argc - 2));
    printf("%ls", line);
    return 0;
}
"""

PROGRAM = r"C:\Users\Nguyễn Văn Đức\AppData\Local\Programs\PartyDesk\python\python.exe"


@pytest.fixture(scope="module")
def quoting_harness(tmp_path_factory) -> Path:
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("needs a C compiler for this machine")
    folder = tmp_path_factory.mktemp("quoting")
    (folder / "harness.c").write_text(HARNESS_SOURCE, encoding="utf-8")
    harness = folder / "harness"
    subprocess.run(
        [compiler, "-std=c11", "-Wall", "-Wextra", "-Werror", f"-I{SOURCE_DIR}", "-o", harness]
        + [folder / "harness.c", SOURCE_DIR / "command_line.c"],
        check=True,
    )
    return harness


def command_line_for(harness: Path, arguments: list[str]) -> str:
    result = subprocess.run(
        [harness, PROGRAM, *arguments], capture_output=True, check=True, env={"LC_ALL": "C.UTF-8"}
    )
    return result.stdout.decode("utf-8")


def split_windows_command_line(line: str) -> list[str]:
    """The arguments CommandLineToArgvW and the Microsoft C runtime see in ``line``."""
    # The program name: up to the next quote if it starts with one, else up to white space.
    if line.startswith('"'):
        end = line.index('"', 1)
        arguments, position = [line[1:end]], end + 1
    else:
        end = len(line.split(None, 1)[0])
        arguments, position = [line[:end]], end
    while True:
        while position < len(line) and line[position] in " \t":
            position += 1
        if position == len(line):
            return arguments
        argument: list[str] = []
        quoted = False
        while position < len(line) and (quoted or line[position] not in " \t"):
            character = line[position]
            if character == "\\":
                run_end = position
                while run_end < len(line) and line[run_end] == "\\":
                    run_end += 1
                backslashes = run_end - position
                if run_end < len(line) and line[run_end] == '"':
                    argument.append("\\" * (backslashes // 2))
                    if backslashes % 2:
                        argument.append('"')
                        run_end += 1
                else:
                    argument.append("\\" * backslashes)
                position = run_end
            elif character == '"':
                if quoted and line[position + 1 : position + 2] == '"':
                    argument.append('"')  # "" inside quotes: a literal quote (since VS 2008)
                    position += 2
                else:
                    quoted = not quoted
                    position += 1
            else:
                argument.append(character)
                position += 1
        arguments.append("".join(argument))


@pytest.mark.parametrize(
    ("argument", "quoted"),
    [
        ("--self-test", "--self-test"),
        ("", '""'),
        ("a b", '"a b"'),
        ('c"d', r'"c\"d"'),
        ("e\\", "e\\"),
        ("e\\\\", "e\\\\"),
        ("a b\\", r'"a b\\"'),
        ('\\"', r'"\\\""'),
        ("C:\\Dữ liệu\\", r'"C:\Dữ liệu\\"'),
        ("tab\there", '"tab\there"'),
        ("line\nbreak", '"line\nbreak"'),
    ],
)
def test_each_argument_is_quoted_only_as_much_as_needed(quoting_harness, argument, quoted):
    line = command_line_for(quoting_harness, ["-m", "partydesk", argument])

    assert line == f'"{PROGRAM}" -m partydesk {quoted}'


# Built from pieces, so backslash runs, quotes and blanks next to each other are common.
ARGUMENT_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["\\", "\\\\", '"', " ", "\t", "a", "Đ"]),
        st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
    ),
    max_size=10,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(arguments=st.lists(ARGUMENT_TEXT, max_size=6))
def test_windows_parses_back_exactly_the_arguments_given(quoting_harness, arguments):
    line = command_line_for(quoting_harness, arguments)

    assert split_windows_command_line(line) == [PROGRAM, *arguments]


# --- The built executable ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def launcher_exe(tmp_path_factory) -> Path:
    if shutil.which(launcher_build.GCC) is None or shutil.which(launcher_build.WINDRES) is None:
        pytest.skip(f"needs mingw-w64 ({MINGW_PACKAGE})")
    folder = tmp_path_factory.mktemp("launcher")
    return build_launcher(
        folder / "PartyDesk.exe", version=TEST_VERSION, icon=ICON, work_dir=folder / "work"
    )


@pytest.fixture(scope="module")
def launcher_pe(launcher_exe):
    pefile = pytest.importorskip("pefile")
    return pefile.PE(str(launcher_exe))


def ico_entries(path: Path) -> list[tuple[int, int, bytes]]:
    """(width, height, image bytes) of each image in a .ico file; 0 in the header means 256."""
    data = path.read_bytes()
    _reserved, _kind, count = struct.unpack_from("<HHH", data)
    entries = []
    for index in range(count):
        width, height, _colours, _zero, _planes, _bits, size, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        entries.append((width or 256, height or 256, data[offset : offset + size]))
    return entries


def resources_of_type(pe, type_id: int) -> dict[int, bytes]:
    for entry in pe.DIRECTORY_ENTRY_RESOURCE.entries:
        if entry.id == type_id:
            found = {}
            for resource in entry.directory.entries:
                language = resource.directory.entries[0]
                found[resource.id] = pe.get_data(
                    language.data.struct.OffsetToData, language.data.struct.Size
                )
            return found
    return {}


@needs_mingw
def test_it_is_a_64_bit_windows_gui_program(launcher_pe):
    import pefile

    assert launcher_pe.FILE_HEADER.Machine == pefile.MACHINE_TYPE["IMAGE_FILE_MACHINE_AMD64"]
    assert (
        launcher_pe.OPTIONAL_HEADER.Subsystem
        == pefile.SUBSYSTEM_TYPE["IMAGE_SUBSYSTEM_WINDOWS_GUI"]
    )


@needs_mingw
def test_the_first_icon_group_is_the_partydesk_icon_in_every_size(launcher_pe):
    import pefile

    groups = resources_of_type(launcher_pe, pefile.RESOURCE_TYPE["RT_GROUP_ICON"])
    icons = resources_of_type(launcher_pe, pefile.RESOURCE_TYPE["RT_ICON"])
    first_group = groups[min(groups)]
    _reserved, _kind, count = struct.unpack_from("<HHH", first_group)
    in_exe = []
    for index in range(count):
        width, height, *_rest, icon_id = struct.unpack_from(
            "<BBBBHHIH", first_group, 6 + 14 * index
        )
        in_exe.append((width or 256, height or 256, icons[icon_id]))

    assert in_exe == ico_entries(ICON)
    assert {width for width, _height, _data in in_exe} >= {16, 32, 48, 256}


def version_information(pe) -> tuple[dict[bytes, dict[str, str]], list[dict]]:
    """The string tables by language block ("042A04B0"), and the VarFileInfo entries."""
    strings, translations = {}, []
    for info in pe.FileInfo[0]:
        for table in getattr(info, "StringTable", []):
            strings[table.LangID] = {
                key.decode("utf-8"): value.decode("utf-8") for key, value in table.entries.items()
            }
        for var in getattr(info, "Var", []):
            translations.append(var.entry)
    return strings, translations


@needs_mingw
def test_version_information_is_vietnamese_and_carries_the_version(launcher_pe):
    fixed = launcher_pe.VS_FIXEDFILEINFO[0]
    strings, translations = version_information(launcher_pe)

    assert (fixed.FileVersionMS, fixed.FileVersionLS) == (1 << 16 | 23, 456 << 16)
    assert (fixed.ProductVersionMS, fixed.ProductVersionLS) == (1 << 16 | 23, 456 << 16)
    assert list(strings) == [b"042A04B0"]
    table = strings[b"042A04B0"]
    assert table["FileDescription"] == DESCRIPTION
    assert table["FileVersion"] == table["ProductVersion"] == TEST_VERSION
    assert table["OriginalFilename"] == "PartyDesk.exe"
    assert table["CompanyName"] == table["ProductName"] == "PartyDesk"
    assert "PartyDesk" in table["LegalCopyright"]
    assert translations == [{b"Translation": "0x042a 0x04b0"}]


@needs_mingw
def test_the_manifest_asks_for_no_elevation(launcher_pe):
    import pefile

    manifest = resources_of_type(launcher_pe, pefile.RESOURCE_TYPE["RT_MANIFEST"])[1]

    assert b'level="asInvoker"' in manifest
    assert b"{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}" in manifest  # Windows 10 and 11


@needs_mingw
def test_it_needs_only_system_libraries_and_no_console_of_its_own(launcher_pe):
    imports = {
        entry.dll.decode().lower(): {symbol.name.decode() for symbol in entry.imports}
        for entry in launcher_pe.DIRECTORY_ENTRY_IMPORT
    }

    assert set(imports) <= {"kernel32.dll", "user32.dll", "shell32.dll", "msvcrt.dll"}
    # A console of its own would flash a window at every start from the Start menu.
    assert not imports["kernel32.dll"] & {"AllocConsole", "AllocConsoleWithOptions"}
    # Console text goes through WriteConsoleW, never the C runtime's code-page output.
    console_io = {"printf", "wprintf", "puts", "_putws", "_cputs", "_cputws", "_getch", "_getwch"}
    assert not imports["msvcrt.dll"] & console_io


@needs_mingw
def test_two_builds_are_byte_identical(launcher_exe, tmp_path):
    again = build_launcher(
        tmp_path / "PartyDesk.exe", version=TEST_VERSION, icon=ICON, work_dir=tmp_path / "work"
    )

    assert again.read_bytes() == launcher_exe.read_bytes()


@needs_mingw
def test_the_command_builds_the_current_version(tmp_path):
    pefile = pytest.importorskip("pefile")
    out_exe = tmp_path / "out" / "PartyDesk.exe"

    subprocess.run(
        [sys.executable, "-m", "installer.launcher.build_launcher", str(out_exe)],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
    )

    strings, _translations = version_information(pefile.PE(str(out_exe)))
    assert strings[b"042A04B0"]["FileVersion"] == __version__


# --- Under Wine: what it starts --------------------------------------------------------------

# Stands in for python.exe (console) and pythonw.exe (GUI): writes what it was started with to
# record.txt next to itself, one "key=value" line each, and a line to its standard output.
FAKE_PYTHON_SOURCE = r"""
#include <windows.h>
#include <shellapi.h>

static HANDLE record;

static void write_utf8(HANDLE file, const wchar_t *text)
{
    char buffer[8192];
    int size = WideCharToMultiByte(CP_UTF8, 0, text, -1, buffer, sizeof buffer, NULL, NULL);
    DWORD written;
    if (size > 1)
        WriteFile(file, buffer, (DWORD)size - 1, &written, NULL);
}

static void line(const wchar_t *key, const wchar_t *value)
{
    write_utf8(record, key);
    write_utf8(record, L"=");
    write_utf8(record, value);
    write_utf8(record, L"\n");
}

static void environment_line(const wchar_t *name)
{
    wchar_t value[1024];
    DWORD length = GetEnvironmentVariableW(name, value, 1024);
    line(name, length == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND ? L"<unset>" : value);
}

int main(void)
{
    wchar_t path[4096], record_path[4200];
    GetModuleFileNameW(NULL, path, 4096);
    wchar_t *name = wcsrchr(path, L'\\');
    *name++ = L'\0';
    lstrcpyW(record_path, path);
    lstrcatW(record_path, L"\\record.txt");
    record = CreateFileW(record_path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    line(L"program", name);
    line(L"command_line", GetCommandLineW());
    int argc;
    wchar_t **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    for (int i = 1; i < argc; ++i)
        line(L"arg", argv[i]);
    environment_line(L"PYTHONUTF8");
    environment_line(L"PYTHONNOUSERSITE");
    environment_line(L"PYTHONHOME");
    environment_line(L"PYTHONPATH");
    DWORD written;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), "fake python output\n", 19, &written, NULL);
    CloseHandle(record);
    return 7;
}
"""

# A console program that starts PartyDesk.exe the way cmd does and prints its full exit code
# (wine's own exit status keeps only the low 8 bits). Usage: runner OUTPUT|- PROGRAM ARGS...;
# with an OUTPUT file the program's standard output and error are redirected to it.
RUNNER_SOURCE = r"""
#include <windows.h>
#include <shellapi.h>
#include <stdio.h>
#include "command_line.h"

int main(void)
{
    int argc;
    wchar_t **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    STARTUPINFOW startup = {.cb = sizeof startup};
    BOOL inherit = FALSE;
    if (lstrcmpW(argv[1], L"-") != 0) {
        SECURITY_ATTRIBUTES inheritable = {sizeof inheritable, NULL, TRUE};
        HANDLE file = CreateFileW(argv[1], GENERIC_WRITE, FILE_SHARE_READ, &inheritable,
                                  CREATE_ALWAYS, 0, NULL);
        startup.dwFlags = STARTF_USESTDHANDLES;
        startup.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
        startup.hStdOutput = file;
        startup.hStdError = file;
        inherit = TRUE;
    }
    wchar_t *command_line = build_command_line(argv[2], argv + 3, (size_t)(argc - 3));
    PROCESS_INFORMATION child;
    if (!CreateProcessW(argv[2], command_line, NULL, NULL, inherit, 0, NULL, NULL, &startup,
                        &child)) {
        printf("create_process_error=%lu\n", GetLastError());
        return 1;
    }
    WaitForSingleObject(child.hProcess, INFINITE);
    DWORD code;
    GetExitCodeProcess(child.hProcess, &code);
    printf("exit_code=%lu\n", code);
    fflush(stdout);
    return 0;
}
"""

ARGUMENTS = [
    "--self-test",
    "a b",
    'c"d',
    "e\\\\",
    "",
    'Đức \\ "x\\\\" end\\',
    "--data-dir=C:\\Dữ liệu\\",
]


# What the launcher must write for ARGUMENTS (Wine maps the temporary folder to drive Z:).
QUOTED_ARGUMENTS = (
    r'''--self-test "a b" "c\"d" e\\ "" "Đức \ \"x\\\\\" end\\" "--data-dir=C:\Dữ liệu\\"'''
)


def mingw_compile(source: str, out_exe: Path, *flags: str) -> Path:
    source_file = out_exe.with_suffix(".c")
    source_file.write_text(source, encoding="utf-8")
    subprocess.run(
        [launcher_build.GCC, "-Wall", "-Wextra", "-Werror", "-Os", "-s", *flags]
        + ["-o", str(out_exe), str(source_file), "-lshell32"],
        check=True,
    )
    return out_exe


@pytest.fixture(scope="module")
def windows_tools(launcher_exe, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("windows-tools")
    return {
        "python.exe": mingw_compile(FAKE_PYTHON_SOURCE, folder / "python.exe", "-mconsole"),
        "pythonw.exe": mingw_compile(FAKE_PYTHON_SOURCE, folder / "pythonw.exe", "-mwindows"),
        "runner.exe": mingw_compile(
            RUNNER_SOURCE,
            folder / "runner.exe",
            "-mconsole",
            f"-I{SOURCE_DIR}",
            str(SOURCE_DIR / "command_line.c"),
        ),
    }


def install(launcher_exe: Path, folder: Path, python: dict[str, Path] | None) -> Path:
    """PartyDesk.exe in ``folder`` with ``python``'s programs in ``folder/python``."""
    folder.mkdir(parents=True)
    shutil.copy(launcher_exe, folder / "PartyDesk.exe")
    if python:
        (folder / "python").mkdir()
        for name in ("python.exe", "pythonw.exe"):
            shutil.copy(python[name], folder / "python" / name)
    return folder / "PartyDesk.exe"


def read_record(app: Path) -> tuple[dict[str, str], list[str]]:
    text = (app.parent / "python" / "record.txt").read_text(encoding="utf-8")
    values, arguments = {}, []
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key == "arg":
            arguments.append(value)
        else:
            values[key] = value
    return values, arguments


@pytest.mark.slow
@needs_mingw
@needs_wine
def test_under_wine_python_gets_the_arguments_and_a_clean_environment(
    launcher_exe, windows_tools, wine, tmp_path, record_property
):
    app = install(launcher_exe, tmp_path / NON_ASCII_FOLDER / "PartyDesk", windows_tools)

    code, output = wine.run(
        app,
        *ARGUMENTS,
        extra_environment={"PYTHONUTF8": "0", "PYTHONHOME": "C:\\Other", "PYTHONPATH": "C:\\Lib"},
    )

    values, arguments = read_record(app)
    record_property("interpreter", values["program"])
    assert code == FAKE_EXIT_CODE, output
    assert arguments == ["-m", "partydesk", *ARGUMENTS]
    assert values["program"] in {"python.exe", "pythonw.exe"}
    python_path = rf"{NON_ASCII_FOLDER}\PartyDesk\python\{values['program']}"
    assert values["command_line"].startswith('"Z:\\')
    assert values["command_line"].endswith(python_path + '" -m partydesk ' + QUOTED_ARGUMENTS)
    assert values["PYTHONUTF8"] == "1"
    assert values["PYTHONNOUSERSITE"] == "1"
    assert values["PYTHONHOME"] == values["PYTHONPATH"] == "<unset>"


@pytest.mark.slow
@needs_mingw
@needs_wine
def test_under_wine_redirected_output_and_the_exit_code_reach_the_caller(
    launcher_exe, windows_tools, wine, tmp_path, record_property
):
    app = install(launcher_exe, tmp_path / NON_ASCII_FOLDER / "PartyDesk", windows_tools)
    output_file = tmp_path / "out.txt"

    _code, output = wine.run(windows_tools["runner.exe"], output_file, app, "--self-test")

    values, arguments = read_record(app)
    record_property("interpreter", values["program"])
    assert f"exit_code={FAKE_EXIT_CODE}" in output
    assert arguments == ["-m", "partydesk", "--self-test"]
    assert output_file.read_text(encoding="utf-8") == "fake python output\n"


@pytest.mark.slow
@needs_mingw
@needs_wine
@pytest.mark.parametrize("arguments", [["--self-test"], []], ids=["console", "double-click"])
def test_under_wine_a_missing_python_is_reported_and_exits_9009(
    launcher_exe, windows_tools, wine, tmp_path, arguments
):
    app = install(launcher_exe, tmp_path / NON_ASCII_FOLDER / "PartyDesk", python=None)

    _code, output = wine.run(windows_tools["runner.exe"], "-", app, *arguments)

    assert f"exit_code={EXIT_PYTHON_MISSING}" in output
    if arguments:
        # Started from a console, the message goes there (a dialog would stall a script).
        assert f"{NON_ASCII_FOLDER}\\PartyDesk\\python\\python.exe" in output
        assert "Hãy cài đặt lại PartyDesk" in output
