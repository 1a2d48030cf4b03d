"""Vietnamese text for Qt's own buttons, context menus and dialogs.

PySide6 6.12 ships ``qtbase_*.qm`` files for 33 languages but none for Vietnamese, so without
help a QMessageBox says "Yes"/"No" and a QLineEdit's context menu says "Copy"/"Paste".
``VietnameseQtTranslator`` is a ``QTranslator`` implemented in Python that answers the
``(context, source)`` pairs Qt itself asks for. The pairs were found by installing a recording
translator and opening every Qt widget and dialog PartyDesk can show (message boxes, button
boxes, line/text edit and spin box context menus, scroll bars, wizard, non-native file dialog,
progress and input dialogs, the Unix print, page-setup and print-preview dialogs), then checked
against the source strings in the bundled ``libQt6Widgets``/``libQt6PrintSupport`` binaries.

Month and weekday names (QCalendarWidget, QDateEdit) come from the locale, not from a
translator, which is why ``install_vietnamese`` also makes vi_VN the default ``QLocale``.

On Windows, QFileDialog and QPrintDialog normally use the native dialogs, which Windows already
shows in its own UI language; their entries here matter for the Qt-drawn fallbacks (and Linux).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

# Mnemonics (&) are placed on plain ASCII letters: Alt+<letter with a diacritic> cannot be typed
# on a Vietnamese keyboard layout, and within one menu or dialog the letters do not collide.
_STANDARD_BUTTONS: dict[str, str] = {
    "OK": "Đồng ý",
    "Save": "Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Yes": "&Có",
    "Yes to &All": "Có với &tất cả",
    "&No": "&Không",
    "N&o to All": "Không với tất &cả",
    "Abort": "Dừng",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Close": "Đóng",
    "Cancel": "Hủy",
    "Discard": "Bỏ thay đổi",
    "Don't Save": "Không lưu",
    "Close without Saving": "Đóng mà không lưu",
    "Help": "Trợ giúp",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
}

_EDIT_MENU: dict[str, str] = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "&Sao chép",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
}

_SCROLL_BAR: dict[str, str] = {
    "Scroll here": "Cuộn đến đây",
    "Left edge": "Sang mép trái",
    "Top": "Lên đầu",
    "Right edge": "Sang mép phải",
    "Bottom": "Xuống cuối",
    "Page left": "Sang trái một trang",
    "Page up": "Lên một trang",
    "Page right": "Sang phải một trang",
    "Page down": "Xuống một trang",
    "Scroll left": "Cuộn sang trái",
    "Scroll up": "Cuộn lên",
    "Scroll right": "Cuộn sang phải",
    "Scroll down": "Cuộn xuống",
}

_FILE_DIALOG: dict[str, str] = {
    "&Look in:": "Tìm tr&ong:",
    "File &name:": "&Tên tệp:",
    "Files of &type:": "&Kiểu tệp:",
    "&Open": "&Mở",
    "&Save": "&Lưu",
    "&Choose": "&Chọn",
    "Open": "Mở",
    "Save As": "Lưu thành",
    "Find Directory": "Chọn thư mục",
    "Back": "Quay lại",
    "Go back": "Quay lại",
    "Forward": "Tiến tới",
    "Go forward": "Tiến tới",
    "Parent Directory": "Thư mục cha",
    "Go to the parent directory": "Lên thư mục cha",
    "Create New Folder": "Tạo thư mục mới",
    "Create a New Folder": "Tạo thư mục mới",
    "List View": "Dạng danh sách",
    "Change to list view mode": "Xem dạng danh sách",
    "Detail View": "Dạng chi tiết",
    "Change to detail view mode": "Xem dạng chi tiết",
    "Sidebar": "Thanh bên",
    "List of places and bookmarks": "Danh sách vị trí và dấu trang",
    "Files": "Tệp",
    "Directories": "Thư mục",
    "Directory:": "Thư mục:",
    "All Files (*)": "Tất cả các tệp (*)",
    "All files (*)": "Tất cả các tệp (*)",
    "&Rename": "Đổ&i tên",
    "&Delete": "&Xóa",
    "Show &hidden files": "&Hiện tệp ẩn",
    "&New Folder": "Thư mục &mới",
    "New Folder": "Thư mục mới",
    "Recent Places": "Vị trí gần đây",
    "My Computer": "Máy tính",
    "Could not delete directory.": "Không xóa được thư mục.",
    "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nBạn có muốn thay thế không?",
    "%1\nFile not found.\nPlease verify the correct file name was given.": (
        "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp."
    ),
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.": (
        "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục."
    ),
    "'%1' is write protected.\nDo you want to delete it anyway?": (
        "'%1' đang được bảo vệ chống ghi.\nBạn vẫn muốn xóa?"
    ),
    "Are you sure you want to delete '%1'?": "Bạn có chắc muốn xóa '%1'?",
}

_PAGE_LAYOUTS: dict[str, str] = {
    "Left to Right, Top to Bottom": "Trái sang phải, trên xuống dưới",
    "Left to Right, Bottom to Top": "Trái sang phải, dưới lên trên",
    "Right to Left, Bottom to Top": "Phải sang trái, dưới lên trên",
    "Right to Left, Top to Bottom": "Phải sang trái, trên xuống dưới",
    "Bottom to Top, Left to Right": "Dưới lên trên, trái sang phải",
    "Bottom to Top, Right to Left": "Dưới lên trên, phải sang trái",
    "Top to Bottom, Left to Right": "Trên xuống dưới, trái sang phải",
    "Top to Bottom, Right to Left": "Trên xuống dưới, phải sang trái",
}

#: Every translation, keyed by Qt's translation context (the C++ class name passed to tr()).
QT_VIETNAMESE: dict[str, dict[str, str]] = {
    # QMessageBox, QDialogButtonBox, QFileDialog and QInputDialog buttons all come from here.
    "QPlatformTheme": _STANDARD_BUTTONS,
    "QMessageBox": {
        "Show Details...": "Xem chi tiết...",
        "Hide Details...": "Ẩn chi tiết...",
        "About Qt": "Giới thiệu Qt",
    },
    "QLineEdit": _EDIT_MENU,
    # QTextEdit / QPlainTextEdit / QTextBrowser context menus.
    "QWidgetTextControl": {**_EDIT_MENU, "Copy &Link Location": "Sao chép địa chỉ &liên kết"},
    "QAbstractSpinBox": {
        "&Select All": "Chọn &tất cả",
        "&Step up": "Tă&ng",
        "Step &down": "&Giảm",
    },
    "QScrollBar": _SCROLL_BAR,
    "QTabBar": {"Scroll Left": "Cuộn sang trái", "Scroll Right": "Cuộn sang phải"},
    "CloseButton": {"Close Tab": "Đóng thẻ"},
    "QProgressDialog": {"Cancel": "Hủy"},
    "QInputDialog": {"Enter a value:": "Nhập giá trị:"},
    "QErrorMessage": {
        "&Show this message again": "&Hiện lại thông báo này",
        "&OK": "Đồng ý",
    },
    "QWizard": {
        "< &Back": "< &Quay lại",
        "&Next >": "&Tiếp theo >",
        "&Next": "&Tiếp theo",  # the Windows "Aero" wizard style
        "&Finish": "&Hoàn tất",
        "Cancel": "Hủy",
        "&Cancel": "&Hủy",
        "&Help": "Trợ &giúp",
        "Help": "Trợ giúp",
        "Commit": "Xác nhận",
        "Continue": "Tiếp tục",
        "Done": "Xong",
        "Go Back": "Quay lại",
    },
    "QFileDialog": _FILE_DIALOG,
    "QFileSystemModel": {
        "Name": "Tên",
        "Size": "Kích thước",
        "Type": "Loại",
        "Kind": "Loại",
        "Date Modified": "Ngày sửa đổi",
        "Computer": "Máy tính",
    },
    "QAbstractFileIconProvider": {"Drive": "Ổ đĩa", "Folder": "Thư mục", "File": "Tệp"},
    "QPrintDialog": {
        "Print": "In",
        "&Print": "&In",
        "&Options >>": "&Tùy chọn >>",
        "&Options <<": "&Tùy chọn <<",
        "Print to File (PDF)": "In ra tệp (PDF)",
        "Print To File ...": "In ra tệp...",
        "Local file": "Tệp trên máy",
        "Write PDF file": "Ghi tệp PDF",
        "All Pages": "Tất cả các trang",
        "Odd Pages": "Trang lẻ",
        "Even Pages": "Trang chẵn",
        "Invalid Pages Definition": "Phạm vi trang không hợp lệ",
        "%1 is a directory.\nPlease choose a different file name.": (
            "%1 là một thư mục.\nHãy chọn tên tệp khác."
        ),
        "File %1 is not writable.\nPlease choose a different file name.": (
            "Không ghi được vào tệp %1.\nHãy chọn tên tệp khác."
        ),
        "%1 already exists.\nDo you want to overwrite it?": "%1 đã có.\nBạn có muốn ghi đè không?",
        **_PAGE_LAYOUTS,
    },
    "QPrintWidget": {
        "Printer": "Máy in",
        "&Name:": "&Tên:",
        "P&roperties": "Thuộc tí&nh",
        "Location:": "Vị trí:",
        "Type:": "Loại:",
        "Output &file:": "Tệp &xuất:",
        "Preview": "Xem trước",
    },
    "QPrintSettingsOutput": {
        "Copies": "Số bản",
        "Copies:": "Số bản:",
        "Print range": "Phạm vi in",
        "Print all": "In tất cả",
        "Pages from": "Các trang từ",
        "to": "đến",
        "Pages": "Các trang",
        "Current Page": "Trang hiện tại",
        "Selection": "Phần đã chọn",
        "Page &Set:": "&Bộ trang:",
        "Output Settings": "Thiết lập đầu ra",
        "Collate": "Sắp theo bộ",
        "Reverse": "In ngược thứ tự",
        "Options": "Tùy chọn",
        "Color Mode": "Chế độ màu",
        "Color": "Màu",
        "Grayscale": "Thang xám",
        "Double Sided Printing": "In hai mặt",
        "Off": "Tắt",
        "Long side binding": "Lật theo cạnh dài",
        "Short side binding": "Lật theo cạnh ngắn",
        "Specify pages or ranges separated by commas. Ranges are specified by two numbers "
        "separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.": (
            "Nhập các trang hoặc khoảng trang, cách nhau bằng dấu phẩy. Khoảng trang gồm hai số "
            "nối bằng dấu gạch ngang. Ví dụ: 3,5-7,9 in các trang 3, 5, 6, 7 và 9."
        ),
    },
    "QPageSetupWidget": {
        "Paper": "Giấy",
        "Page size:": "Khổ giấy:",
        "Width:": "Chiều rộng:",
        "Height:": "Chiều cao:",
        "Paper source:": "Nguồn giấy:",
        "Orientation": "Hướng giấy",
        "Portrait": "Dọc",
        "Landscape": "Ngang",
        "Reverse landscape": "Ngang, xoay ngược",
        "Reverse portrait": "Dọc, xoay ngược",
        "Margins": "Lề",
        "top margin": "lề trên",
        "left margin": "lề trái",
        "right margin": "lề phải",
        "bottom margin": "lề dưới",
        "Page Layout": "Bố cục trang",
        "Page &order:": "&Thứ tự trang:",
        "Pages &per sheet:": "Số trang trên &mỗi tờ:",
        "Custom": "Tùy chỉnh",
        "Millimeters (mm)": "Milimét (mm)",
        "Inches (in)": "Inch (in)",
        "Points (pt)": "Point (pt)",
    },
    "QPageSetupDialog": {"Page Setup": "Thiết lập trang"},
    "QPrintPropertiesDialog": {
        "Printer Properties": "Thuộc tính máy in",
        "Job Options": "Tùy chọn lệnh in",
    },
    "QPrintPropertiesWidget": {
        "Page": "Trang",
        "Advanced": "Nâng cao",
        "There are conflicts in some options. Please fix them.": (
            "Một số tùy chọn mâu thuẫn nhau. Hãy sửa lại."
        ),
    },
    "QPrintPreviewDialog": {
        "Print Preview": "Xem trước khi in",
        "Next page": "Trang sau",
        "Previous page": "Trang trước",
        "First page": "Trang đầu",
        "Last page": "Trang cuối",
        "Fit width": "Vừa chiều rộng",
        "Fit page": "Vừa trang",
        "Zoom in": "Phóng to",
        "Zoom out": "Thu nhỏ",
        "Portrait": "Dọc",
        "Landscape": "Ngang",
        "Show single page": "Xem từng trang",
        "Show facing pages": "Xem hai trang đối diện",
        "Show overview of all pages": "Xem tổng quan các trang",
        "Print": "In",
        "Page setup": "Thiết lập trang",
        "Page Setup": "Thiết lập trang",
    },
    "QGuiApplication": {"QT_LAYOUT_DIRECTION": "LTR"},
}

VIETNAMESE_LOCALE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)

# Translators are QObjects that QCoreApplication does not own: without a Python reference the
# wrapper is garbage-collected and the translations silently disappear.
_installed: list[QTranslator] = []


class VietnameseQtTranslator(QTranslator):
    """Answers Qt's own ``tr()`` calls from ``QT_VIETNAMESE``."""

    def __init__(self, translations: dict[str, dict[str, str]] | None = None) -> None:
        super().__init__()
        self._translations = QT_VIETNAMESE if translations is None else translations

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        # Unknown strings must come back as a *null* QString, which PySide6 produces only from
        # None: Qt treats any non-null result, even "", as the translation and stops asking the
        # next translator, so returning "" would blank every untranslated label (verified).
        # Vietnamese has no plural forms, and Qt substitutes %n after translating, so n is unused.
        return self._translations.get(context, {}).get(source_text)

    def isEmpty(self) -> bool:
        # The base class reports "empty" because no .qm file is loaded, which makes
        # installTranslator() return False and lets Qt skip the LanguageChange event.
        return False


def install_vietnamese(app: QApplication) -> QTranslator:
    """Make vi_VN the default locale and install the translator for Qt's own strings.

    Call it before building any window: widgets copy the default locale when they are created.
    The translator is also kept referenced here, so the return value may be ignored.
    """
    QLocale.setDefault(VIETNAMESE_LOCALE)
    translator = VietnameseQtTranslator()
    app.installTranslator(translator)
    _installed.append(translator)
    return translator
