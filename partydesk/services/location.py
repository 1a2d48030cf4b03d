"""Where a data file lives, and whether that place is safe for a live SQLite database.

SQLite, Anki, Calibre and Zotero all warn that network shares, cloud-synced folders and USB
sticks corrupt databases: network file systems break SQLite's locks, sync clients copy the file
halfway through a write, and sticks are pulled out while the light still flashes (reliability
D1, §1.3, §1.4). ``classify`` names the kind of place with a reason the clerk can read; the
application then offers to work on a copy on this computer, or to open the file only to look.

Pure logic: the operating-system probes (the drive type of a Windows drive, the mount table on
Linux) are parameters, so every branch is tested on any platform with fakes. What it cannot
see: an external USB hard disk that Windows reports as a fixed drive, and a sync client whose
folder has an unusual name.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath, PureWindowsPath

# GetDriveTypeW results (fileapi.h).
DRIVE_REMOVABLE = 2
DRIVE_FIXED = 3
DRIVE_REMOTE = 4
DRIVE_CDROM = 5

# Environment variables the OneDrive client sets to its folders.
ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
# Folder names the usual sync clients create (compared without case).
CLOUD_FOLDERS = {
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "my drive": "Google Drive",
    "drive của tôi": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "onedrive": "OneDrive",
}
ONEDRIVE_BUSINESS_PREFIX = "onedrive - "  # "OneDrive - Công ty ABC"

NETWORK_FILE_SYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "afs", "ceph", "glusterfs", "lustre"}
    | {"fuse.sshfs", "fuse.glusterfs", "fuse.cephfs", "fuse.gvfsd-fuse", "davfs", "fuse.davfs2"}
)
CLOUD_FILE_SYSTEMS = frozenset(
    {"fuse.rclone", "fuse.onedriver", "fuse.google-drive-ocamlfuse", "fuse.dropbox"}
)
OPTICAL_FILE_SYSTEMS = frozenset({"iso9660", "udf"})
REMOVABLE_FILE_SYSTEMS = frozenset({"vfat", "exfat", "msdos", "fuseblk", "ntfs", "ntfs3"})


class LocationKind(StrEnum):
    LOCAL = "local"
    NETWORK = "network"
    CLOUD = "cloud"
    REMOVABLE = "removable"
    OPTICAL = "optical"

    @property
    def label(self) -> str:
        return {
            "local": "ổ đĩa của máy này",
            "network": "ổ mạng",
            "cloud": "thư mục đồng bộ đám mây",
            "removable": "ổ đĩa rời (USB, thẻ nhớ)",
            "optical": "đĩa CD/DVD",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Location:
    kind: LocationKind
    reason: str  # Vietnamese: where the file is and why that matters

    @property
    def risky(self) -> bool:
        return self.kind is not LocationKind.LOCAL


def windows_drive_type(root: str) -> int:
    """GetDriveTypeW of a drive root such as ``"C:\\\\"``."""
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # Windows only
    return int(kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))


def proc_mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) from ``/proc/mounts``; empty where there is none."""
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return []
    mounts = []
    for line in lines:
        fields = line.split()
        if len(fields) >= 3:
            mounts.append((_unescape_mount(fields[1]), fields[2]))
    return mounts


def _unescape_mount(text: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        text = text.replace(code, char)
    return text


def classify(
    path: os.PathLike[str] | str,
    *,
    platform: str = sys.platform,
    drive_type: Callable[[str], int] = windows_drive_type,
    env: Mapping[str, str] = os.environ,
    mounts: Callable[[], Iterable[tuple[str, str]]] = proc_mounts,
) -> Location:
    """Where ``path`` (absolute) lives: this computer's disk, or a risky place and why."""
    if platform == "win32":
        return _classify_windows(str(path), drive_type, env)
    return _classify_posix(str(path), mounts, env)


def _local() -> Location:
    return Location(LocationKind.LOCAL, "Tệp nằm trên ổ đĩa của máy này.")


def _network(where: str) -> Location:
    return Location(
        LocationKind.NETWORK,
        f"Tệp nằm trên ổ mạng ({where}). Qua mạng, SQLite không khóa tệp được tin cậy: hai "
        "máy cùng ghi, hoặc mạng chập chờn khi đang ghi, có thể làm hỏng dữ liệu.",
    )


def _cloud(name: str) -> Location:
    return Location(
        LocationKind.CLOUD,
        f"Tệp nằm trong thư mục đồng bộ {name}. Phần mềm đồng bộ có thể chép hoặc thay tệp "
        "khi PartyDesk đang ghi dở, làm hỏng dữ liệu hoặc sinh ra các bản xung đột.",
    )


def _removable(where: str) -> Location:
    return Location(
        LocationKind.REMOVABLE,
        f"Tệp nằm trên ổ đĩa rời ({where}: USB, thẻ nhớ). Rút ổ ra khi PartyDesk đang ghi "
        "có thể làm hỏng dữ liệu.",
    )


def _optical(where: str) -> Location:
    return Location(
        LocationKind.OPTICAL,
        f"Tệp nằm trên đĩa CD/DVD ({where}) nên không ghi được.",
    )


# --- Windows ---------------------------------------------------------------------------------


def _classify_windows(
    text: str, drive_type: Callable[[str], int], env: Mapping[str, str]
) -> Location:
    text = text.replace("/", "\\")
    upper = text.upper()
    if upper.startswith("\\\\?\\UNC\\"):
        server_share = "\\".join(text[8:].split("\\")[:2])
        return _network(f"\\\\{server_share}")
    if upper.startswith("\\\\?\\") or upper.startswith("\\\\.\\"):
        text = text[4:]  # a long-path prefix in front of an ordinary drive path
    elif text.startswith("\\\\"):
        server_share = "\\".join(text.split("\\")[2:4])
        return _network(f"\\\\{server_share}")
    path = PureWindowsPath(text)
    cloud = _windows_cloud_folder(path, env)
    if cloud is not None:
        return _cloud(cloud)
    if path.drive:
        root = path.drive + "\\"
        kind = drive_type(root)
        if kind == DRIVE_REMOTE:
            return _network(f"ổ {path.drive}")
        if kind == DRIVE_REMOVABLE:
            return _removable(f"ổ {path.drive}")
        if kind == DRIVE_CDROM:
            return _optical(f"ổ {path.drive}")
    return _local()


def _windows_cloud_folder(path: PureWindowsPath, env: Mapping[str, str]) -> str | None:
    folded = str(path).casefold()
    for variable in ONEDRIVE_VARIABLES:
        folder = env.get(variable, "").strip().rstrip("\\/")
        if folder and (folded + "\\").startswith(folder.casefold().replace("/", "\\") + "\\"):
            return "OneDrive"
    return _cloud_folder_name(path.parts[1:-1])


def _cloud_folder_name(parts: Iterable[str]) -> str | None:
    for part in parts:
        name = part.casefold()
        if name in CLOUD_FOLDERS:
            return CLOUD_FOLDERS[name]
        if name.startswith(ONEDRIVE_BUSINESS_PREFIX):
            return part
    return None


# --- Linux and macOS -------------------------------------------------------------------------


def _classify_posix(
    text: str, mounts: Callable[[], Iterable[tuple[str, str]]], env: Mapping[str, str]
) -> Location:
    path = PurePosixPath(text)
    mount_point, fs_type = _mount_of(path, mounts())
    fs_type = fs_type.casefold()
    if fs_type in NETWORK_FILE_SYSTEMS or fs_type.startswith(("nfs", "smb", "cifs")):
        return _network(f"{mount_point}, {fs_type}")
    if fs_type in CLOUD_FILE_SYSTEMS:
        return _cloud(f"{mount_point}")
    if fs_type in OPTICAL_FILE_SYSTEMS:
        return _optical(mount_point)
    if "Library/CloudStorage" in text or "Library/Mobile Documents" in text:
        return _cloud("iCloud/CloudStorage của macOS")
    cloud = _cloud_folder_name(path.parts[1:-1])
    if cloud is not None:
        return _cloud(cloud)
    if mount_point.startswith(("/media/", "/run/media/", "/Volumes/")) or (
        mount_point.startswith("/mnt/") and fs_type in REMOVABLE_FILE_SYSTEMS
    ):
        return _removable(mount_point)
    if mount_point == "/" and text.startswith("/Volumes/"):  # macOS, no mount table read
        return _removable("/".join(text.split("/")[:3]))
    return _local()


def _mount_of(path: PurePosixPath, mounts: Iterable[tuple[str, str]]) -> tuple[str, str]:
    """The innermost mount point holding ``path``, and its file system type (the last line
    wins for a point mounted over)."""
    best = ("/", "")
    text = str(path).rstrip("/") + "/"
    for point, fs_type in mounts:
        point = point.rstrip("/") or "/"
        inside = point == "/" or text.startswith(point + "/")
        if inside and len(point) >= len(best[0]):
            best = (point, fs_type)
    return best
