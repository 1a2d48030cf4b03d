"""The place classifier, every branch with fake OS probes (Windows drive types, Linux mounts)."""

from __future__ import annotations

import pytest

from partydesk.services.location import (
    DRIVE_CDROM,
    DRIVE_FIXED,
    DRIVE_REMOTE,
    DRIVE_REMOVABLE,
    LocationKind,
    _unescape_mount,
    classify,
)

DRIVES = {"C:\\": DRIVE_FIXED, "D:\\": DRIVE_FIXED, "E:\\": DRIVE_REMOVABLE, "Z:\\": DRIVE_REMOTE}
DRIVES["F:\\"] = DRIVE_CDROM
WINDOWS_ENV = {
    "OneDrive": "C:\\Users\\lan\\OneDrive",
    "OneDriveCommercial": "C:\\Users\\lan\\OneDrive - Công ty Điện lực",
}


def on_windows(path: str, env: dict[str, str] | None = None):
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return DRIVES.get(root.upper(), 0)

    location = classify(
        path, platform="win32", drive_type=drive_type, env=WINDOWS_ENV if env is None else env
    )
    return location, asked


@pytest.mark.parametrize(
    ("path", "kind", "shown"),
    [
        ("C:\\Users\\lan\\AppData\\Local\\PartyDesk\\partydesk.sqlite", LocationKind.LOCAL, ""),
        ("D:\\Du lieu\\dang-uy.sqlite", LocationKind.LOCAL, ""),
        ("\\\\MAYCHU\\chung\\dang-uy.sqlite", LocationKind.NETWORK, "\\\\MAYCHU\\chung"),
        ("//maychu/chung/dang-uy.sqlite", LocationKind.NETWORK, "\\\\maychu\\chung"),
        ("\\\\?\\UNC\\MAYCHU\\chung\\x.sqlite", LocationKind.NETWORK, "\\\\MAYCHU\\chung"),
        ("\\\\?\\C:\\Du lieu\\x.sqlite", LocationKind.LOCAL, ""),
        ("Z:\\Van phong\\x.sqlite", LocationKind.NETWORK, "ổ Z:"),
        ("e:\\x.sqlite", LocationKind.REMOVABLE, "ổ e:"),
        ("F:\\sao luu\\x.sqlite", LocationKind.OPTICAL, "ổ F:"),
        ("C:\\Users\\lan\\OneDrive\\Tai lieu\\x.sqlite", LocationKind.CLOUD, "OneDrive"),
        ("c:\\users\\LAN\\onedrive\\x.sqlite", LocationKind.CLOUD, "OneDrive"),
        ("C:\\Users\\lan\\OneDrive - Công ty Điện lực\\x.sqlite", LocationKind.CLOUD, ""),
        ("D:\\OneDrive - Sở Nội vụ\\x.sqlite", LocationKind.CLOUD, "OneDrive - Sở Nội vụ"),
        ("D:\\Dropbox\\Dang uy\\x.sqlite", LocationKind.CLOUD, "Dropbox"),
        ("D:\\Google Drive\\x.sqlite", LocationKind.CLOUD, "Google Drive"),
        ("G:\\My Drive\\x.sqlite", LocationKind.CLOUD, "Google Drive"),
        ("C:\\Users\\lan\\iCloudDrive\\x.sqlite", LocationKind.CLOUD, "iCloud Drive"),
    ],
)
def test_windows_paths(path: str, kind: LocationKind, shown: str) -> None:
    location, _ = on_windows(path)
    assert location.kind is kind
    assert location.risky is (kind is not LocationKind.LOCAL)
    assert shown in location.reason


def test_windows_drive_type_is_asked_of_the_drive_root() -> None:
    _, asked = on_windows("Z:\\Van phong\\x.sqlite")
    assert asked == ["Z:\\"]
    _, asked = on_windows("\\\\MAYCHU\\chung\\x.sqlite")
    assert asked == []  # a share is known from its name


def test_a_file_merely_named_like_a_sync_folder_is_not_cloud() -> None:
    location, _ = on_windows("D:\\Du lieu\\Dropbox.sqlite")
    assert location.kind is LocationKind.LOCAL


def test_onedrive_without_its_environment_is_still_recognised_by_name() -> None:
    location, _ = on_windows("C:\\Users\\lan\\OneDrive\\x.sqlite", env={})
    assert location.kind is LocationKind.CLOUD


def test_a_folder_next_to_onedrive_with_a_longer_name_is_local() -> None:
    location, _ = on_windows("C:\\Users\\lan\\OneDriveBackup\\x.sqlite")
    assert location.kind is LocationKind.LOCAL


MOUNTS = [
    ("/", "ext4"),
    ("/home", "ext4"),
    ("/mnt/nas", "nfs4"),
    ("/srv/chung", "cifs"),
    ("/home/lan/may-chu", "fuse.sshfs"),
    ("/media/lan/USB DATA", "vfat"),
    ("/run/media/lan/THE", "exfat"),
    ("/mnt/usb", "vfat"),
    ("/mnt/data", "ext4"),
    ("/media/cdrom", "iso9660"),
    ("/home/lan/gdrive", "fuse.rclone"),
]


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/lan/.local/share/PartyDesk/partydesk.sqlite", LocationKind.LOCAL),
        ("/mnt/nas/dang-uy.sqlite", LocationKind.NETWORK),
        ("/srv/chung/sub/x.sqlite", LocationKind.NETWORK),
        ("/home/lan/may-chu/x.sqlite", LocationKind.NETWORK),
        ("/media/lan/USB DATA/x.sqlite", LocationKind.REMOVABLE),
        ("/run/media/lan/THE/x.sqlite", LocationKind.REMOVABLE),
        ("/mnt/usb/x.sqlite", LocationKind.REMOVABLE),
        ("/mnt/data/x.sqlite", LocationKind.LOCAL),
        ("/media/cdrom/x.sqlite", LocationKind.OPTICAL),
        ("/home/lan/gdrive/x.sqlite", LocationKind.CLOUD),
        ("/home/lan/Dropbox/x.sqlite", LocationKind.CLOUD),
        ("/home/lan/nas-copy/x.sqlite", LocationKind.LOCAL),  # not under /mnt/nas
        ("/srv/chungkhac/x.sqlite", LocationKind.LOCAL),  # a prefix, not the mount point
    ],
)
def test_linux_paths(path: str, kind: LocationKind) -> None:
    location = classify(path, platform="linux", mounts=lambda: MOUNTS, env={})
    assert location.kind is kind


def test_the_innermost_mount_wins() -> None:
    mounts = [("/", "ext4"), ("/mnt", "nfs"), ("/mnt/local", "ext4")]
    assert classify("/mnt/local/x", platform="linux", mounts=lambda: mounts).kind is (
        LocationKind.LOCAL
    )
    assert classify("/mnt/other/x", platform="linux", mounts=lambda: mounts).kind is (
        LocationKind.NETWORK
    )


def test_macos_cloud_storage_and_volumes() -> None:
    none: list[tuple[str, str]] = []
    icloud = "/Users/lan/Library/Mobile Documents/com~apple~CloudDocs/x.sqlite"
    assert classify(icloud, platform="darwin", mounts=lambda: none).kind is LocationKind.CLOUD
    usb = classify("/Volumes/USB/x.sqlite", platform="darwin", mounts=lambda: none)
    assert usb.kind is LocationKind.REMOVABLE and "/Volumes/USB" in usb.reason


def test_reasons_are_vietnamese_sentences_naming_the_place() -> None:
    location, _ = on_windows("Z:\\x.sqlite")
    assert location.reason.startswith("Tệp nằm trên ổ mạng (ổ Z:)")
    assert LocationKind.CLOUD.label == "thư mục đồng bộ đám mây"


def test_mount_points_with_spaces_are_unescaped() -> None:
    assert _unescape_mount("/media/lan/USB\\040DATA") == "/media/lan/USB DATA"


def test_this_computer_is_classified_without_error(tmp_path) -> None:
    """The real probes on the machine running the tests."""
    assert classify(tmp_path / "x.sqlite").kind in set(LocationKind)
