"""UI infrastructure: Qt in Vietnamese, fonts, background tasks, message boxes, shared widgets."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QTextEdit,
    QWidget,
)

from partydesk.domain.errors import ValidationError
from partydesk.paths import resources_dir
from partydesk.ui import fonts, messages, tasks
from partydesk.ui.qt_vietnamese import QT_VIETNAMESE, install_vietnamese
from partydesk.ui.widgets import (
    DateField,
    SearchBox,
    attach_error_label,
    clear_invalid,
    is_marked_invalid,
    mark_invalid,
)
from partydesk.ui.widgets.date_field import parse_date_text


def _plain(text: str) -> str:
    return text.replace("&", "")


@pytest.fixture
def vietnamese(qapp: QApplication):
    previous_locale = QLocale()
    translator = install_vietnamese(qapp)
    yield translator
    qapp.removeTranslator(translator)
    QLocale.setDefault(previous_locale)


@pytest.fixture
def parent_widget(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# --- Qt's own strings in Vietnamese --------------------------------------------------------


def test_message_box_standard_buttons_are_vietnamese(vietnamese, qtbot):
    box = QMessageBox()
    qtbot.addWidget(box)
    sb = QMessageBox.StandardButton
    box.setStandardButtons(sb.Yes | sb.No | sb.Cancel)
    texts = [_plain(box.button(b).text()) for b in (sb.Yes, sb.No, sb.Cancel)]
    assert texts == ["Có", "Không", "Hủy"]


def test_message_box_details_button_is_vietnamese(vietnamese, qtbot):
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setText("Lỗi")
    box.setDetailedText("Traceback ...")
    box.show()
    texts = {button.text() for button in box.buttons()}
    assert "Xem chi tiết..." in texts


def test_button_box_ok_cancel_is_vietnamese(vietnamese, qtbot):
    sb = QDialogButtonBox.StandardButton
    buttons = QDialogButtonBox(sb.Ok | sb.Cancel | sb.Save | sb.Close | sb.Apply | sb.Discard)
    qtbot.addWidget(buttons)
    assert buttons.button(sb.Ok).text() == "Đồng ý"
    assert buttons.button(sb.Cancel).text() == "Hủy"
    assert buttons.button(sb.Save).text() == "Lưu"
    assert buttons.button(sb.Close).text() == "Đóng"
    assert buttons.button(sb.Apply).text() == "Áp dụng"
    assert buttons.button(sb.Discard).text() == "Bỏ thay đổi"


@pytest.mark.parametrize("widget_class", [QLineEdit, QTextEdit])
def test_edit_context_menu_is_vietnamese(vietnamese, qtbot, widget_class):
    edit = widget_class()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    # QLineEdit appends the shortcut after a tab ("&Sao chép\tCtrl+C").
    texts = {
        _plain(action.text().split("\t")[0])
        for action in menu.actions()
        if not action.isSeparator()
    }
    assert {"Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"} <= texts


def test_unknown_strings_fall_back_to_the_english_source(vietnamese):
    assert QCoreApplication.translate("QPlatformTheme", "Not a Qt string") == "Not a Qt string"
    assert QCoreApplication.translate("SomeOtherContext", "OK") == "OK"
    assert QCoreApplication.translate("QPlatformTheme", "OK") == "Đồng ý"


def test_default_locale_becomes_vietnamese(vietnamese):
    locale = QLocale()
    assert locale.language() == QLocale.Language.Vietnamese
    assert locale.toString(dt.date(2024, 3, 15), "dd/MM/yyyy") == "15/03/2024"
    assert "3" in locale.monthName(3)


def test_translations_keep_placeholders_and_single_mnemonics():
    for context, table in QT_VIETNAMESE.items():
        for source, target in table.items():
            where = f"{context}: {source!r}"
            assert target.strip(), where
            assert sorted(re.findall(r"%\d", source)) == sorted(re.findall(r"%\d", target)), where
            assert source.count("\n") == target.count("\n"), where
            assert target.replace("&&", "").count("&") <= 1, where
            if "&" in source.replace("&&", "") and "&" in target:
                mnemonic = target[target.index("&") + 1]
                assert mnemonic.isascii(), f"{where}: mnemonic on a non-ASCII letter"


# --- fonts ----------------------------------------------------------------------------------


@pytest.fixture
def restore_app_font(qapp: QApplication):
    original = QFont(qapp.font())
    yield
    qapp.setFont(original)


def test_install_fonts_keeps_a_font_that_covers_vietnamese(qapp, restore_app_font):
    before = QFontInfo(qapp.font()).family()
    in_use = fonts.install_fonts(qapp, covers_vietnamese=lambda font: True)
    assert in_use == before == QFontInfo(qapp.font()).family()


def test_install_fonts_real_coverage_check_on_this_machine(qapp, restore_app_font):
    # The offscreen platform's default (DejaVu Sans, or Liberation once bundled) covers it.
    in_use = fonts.install_fonts(qapp)
    assert fonts.font_covers(qapp.font())
    assert in_use == QFontInfo(qapp.font()).family()


def test_font_covers_rejects_missing_letters(qapp):
    assert not fonts.font_covers(QFont("Liberation Sans"), "中")


@pytest.mark.skipif(
    not (resources_dir() / "fonts" / "LiberationSans-Regular.ttf").is_file(),
    reason="bundled fonts not present",
)
def test_install_fonts_switches_to_bundled_font_without_coverage(qapp, restore_app_font):
    size = qapp.font().pointSizeF()
    in_use = fonts.install_fonts(qapp, covers_vietnamese=lambda font: False)
    assert in_use == "Liberation Sans"
    assert qapp.font().family() == "Liberation Sans"
    assert qapp.font().pointSizeF() == size
    assert fonts.font_covers(qapp.font())


def test_install_fonts_without_bundled_files_warns_and_continues(
    qapp, restore_app_font, tmp_path, caplog, monkeypatch
):
    monkeypatch.setattr(fonts, "_registered", {})
    before = QFontInfo(qapp.font()).family()
    # Another test may have registered Liberation Sans already; pretend it never was.
    monkeypatch.setattr(fonts, "FALLBACK_FAMILY", "No Such Family")
    with caplog.at_level("WARNING", logger="partydesk.ui.fonts"):
        in_use = fonts.install_fonts(qapp, fonts_dir=tmp_path, covers_vietnamese=lambda f: False)
    assert in_use == before
    assert "No bundled fonts found" in caplog.text
    assert "lacks Vietnamese letters" in caplog.text


# --- background tasks -----------------------------------------------------------------------


def test_task_reports_progress_and_succeeds_on_the_gui_thread(qtbot):
    runner = tasks.TaskRunner()
    gui_thread = threading.get_ident()
    seen: dict[str, list] = {"progress": [], "threads": [], "result": []}

    def count_members(n: int, *, progress, cancel, prefix: str) -> str:
        worker_thread = threading.get_ident()
        for i in range(n + 1):
            progress(i, n, f"{prefix} {i}/{n}")
            time.sleep(0.002)
        return f"done in {worker_thread}"

    def on_progress(done: int, total: int, message: str) -> None:
        seen["progress"].append((done, total, message))
        seen["threads"].append(threading.get_ident())

    def on_success(result: str) -> None:
        seen["result"].append(result)
        seen["threads"].append(threading.get_ident())

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        runner.start(
            count_members, 50, prefix="Đang đếm", on_progress=on_progress, on_success=on_success
        )
        assert runner.is_busy

    assert seen["result"] and seen["result"][0] != f"done in {gui_thread}"
    assert set(seen["threads"]) == {gui_thread}
    assert seen["progress"][-1] == (50, 50, "Đang đếm 50/50")
    # Throttled: 51 reports over ~0.1 s arrive as a handful of updates.
    assert 1 < len(seen["progress"]) < 20
    assert not runner.is_busy


def test_progress_is_throttled_but_the_last_report_arrives(qtbot):
    runner = tasks.TaskRunner()
    received: list[tuple[int, int, str]] = []

    def busy_loop(*, progress, cancel) -> None:
        for i in range(1, 20001):
            progress(i, 20000, "")

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        runner.start(busy_loop, on_progress=lambda *a: received.append(a))
    assert received[-1] == (20000, 20000, "")
    assert len(received) < 50


def test_run_with_progress_routes_failure_to_show_error(qtbot, monkeypatch, parent_widget):
    errors: list[tuple] = []
    monkeypatch.setattr(
        messages,
        "show_error",
        lambda parent, title, text, details=None: errors.append((parent, title, text, details)),
    )
    runner = tasks.TaskRunner()

    def broken_export(*, progress, cancel) -> None:
        raise RuntimeError("Không ghi được tệp D:\\bao-cao.pdf")

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        tasks.run_with_progress(parent_widget, "Xuất báo cáo", broken_export, runner=runner)

    assert len(errors) == 1
    parent, title, text, details = errors[0]
    assert parent is parent_widget
    assert title == "Xuất báo cáo"
    assert "Không thực hiện được “Xuất báo cáo”." in text
    assert "Không ghi được tệp" in text
    assert "RuntimeError" in details and "broken_export" in details


def test_runner_failure_without_handler_shows_a_generic_error_box(qtbot, monkeypatch):
    errors: list[tuple] = []
    monkeypatch.setattr(messages, "show_error", lambda *args, **kw: errors.append((args, kw)))
    runner = tasks.TaskRunner()

    def broken(*, progress, cancel) -> None:
        raise OSError("Ổ đĩa đầy")

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        runner.start(broken)
    (parent, title, text), kw = errors[0]
    assert parent is None and title == "Lỗi"
    assert text == "Đã có lỗi khi xử lý.\n\nỔ đĩa đầy"
    assert "OSError" in kw["details"]


def test_run_with_progress_uses_the_application_runner_by_default(qtbot, parent_widget):
    results: list[object] = []
    runner = tasks.default_runner()
    assert runner is tasks.default_runner()
    assert runner.parent() is QApplication.instance()
    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        tasks.run_with_progress(
            parent_widget, "Đếm", lambda n, **kw: n * 2, 21, on_success=results.append
        )
    assert results == [42]


def test_run_with_progress_calls_on_failure_instead_of_an_error_box(
    qtbot, monkeypatch, parent_widget
):
    monkeypatch.setattr(messages, "show_error", lambda *a, **k: pytest.fail("error box shown"))
    runner = tasks.TaskRunner()
    failures: list[BaseException] = []

    def invalid(*, progress, cancel) -> None:
        raise ValidationError("ngay_sinh", "Ngày sinh không hợp lệ.")

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        tasks.run_with_progress(
            parent_widget, "Lưu", invalid, runner=runner, on_failure=failures.append
        )
    assert isinstance(failures[0], ValidationError)


def test_run_with_progress_cancel_button_cancels_without_error_box(
    qtbot, monkeypatch, parent_widget
):
    monkeypatch.setattr(messages, "show_error", lambda *a, **k: pytest.fail("error box shown"))
    runner = tasks.TaskRunner()
    started = threading.Event()
    outcome: list[str] = []

    class Cancelled(Exception):
        pass

    def long_import(*, progress, cancel: threading.Event) -> None:
        started.set()
        progress(0, 100, "Đang nhập…")
        if cancel.wait(timeout=5):
            raise Cancelled
        outcome.append("not cancelled in time")

    tasks.run_with_progress(
        parent_widget,
        "Nhập dữ liệu",
        long_import,
        runner=runner,
        on_success=lambda r: outcome.append("success"),
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    dialog = parent_widget.findChild(tasks.TaskProgressDialog)
    assert dialog is not None
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.minimumDuration() == tasks.PROGRESS_DIALOG_DELAY_MS
    assert started.wait(5)

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        dialog._cancel_button.click()
        assert dialog.labelText() == tasks.CANCELLING_TEXT
        assert not dialog._cancel_button.isEnabled()
    assert outcome == ["cancelled"]


def test_cancel_request_after_the_work_is_done_still_succeeds(qtbot):
    runner = tasks.TaskRunner()
    results: list[object] = []

    def finishes_anyway(*, progress, cancel) -> int:
        cancel.wait(timeout=5)
        return 42

    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        task = runner.start(
            finishes_anyway,
            on_success=results.append,
            on_cancelled=lambda: results.append("cancelled"),
        )
        task.cancel()
    assert results == [42]


def test_progress_dialog_waits_before_showing(qtbot, parent_widget):
    runner = tasks.TaskRunner()
    release = threading.Event()

    def slow(*, progress, cancel) -> None:
        release.wait(timeout=5)

    tasks.run_with_progress(parent_widget, "Sao lưu", slow, runner=runner)
    dialog = parent_widget.findChild(tasks.TaskProgressDialog)
    qtbot.wait(200)
    assert not dialog.isVisible()  # no flash for jobs under 500 ms
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.windowTitle() == "Sao lưu"
    assert dialog._cancel_button.text() == "Hủy"
    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        release.set()
    qtbot.waitUntil(lambda: parent_widget.findChild(tasks.TaskProgressDialog) is None)


def test_quick_job_never_shows_the_progress_dialog(qtbot, parent_widget):
    runner = tasks.TaskRunner()
    shown: list[bool] = []
    with qtbot.waitSignal(runner.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        tasks.run_with_progress(
            parent_widget,
            "Tính tuổi đảng",
            lambda **kw: 1,
            runner=runner,
            on_success=lambda r: shown.append(r),
        )
        dialog = parent_widget.findChild(tasks.TaskProgressDialog)
    assert shown == [1]
    # The dialog may already be deleted (deleteLater ran): deleted or hidden, it never showed.
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    qtbot.wait(700)  # past the 500 ms show delay: the stopped timer must not pop it up
    assert parent_widget.findChild(tasks.TaskProgressDialog) is None


# --- message boxes --------------------------------------------------------------------------


@pytest.fixture
def fake_exec(monkeypatch):
    """Replace the blocking exec() by a scripted click; records the boxes shown."""
    shown: list[QMessageBox] = []
    script: dict[str, object] = {"click": None}

    def run(box: QMessageBox) -> None:
        shown.append(box)
        choose = script["click"]
        if callable(choose):
            choose(box).click()

    monkeypatch.setattr(messages, "_run", run)
    return shown, script


def test_show_error_has_vietnamese_button_and_details(qtbot, fake_exec):
    shown, _ = fake_exec
    messages.show_error(None, "Lỗi", "Không mở được cơ sở dữ liệu.", details="Traceback…")
    box = shown[0]
    assert box.windowTitle() == "Lỗi"
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.detailedText() == "Traceback…"
    assert [b.text() for b in box.buttons() if box.buttonRole(b) != box.ButtonRole.ActionRole] == [
        "Đồng ý"
    ]


def test_show_info_and_warning(qtbot, fake_exec):
    shown, _ = fake_exec
    messages.show_info(None, "Thông báo", "Đã lưu.")
    messages.show_warning(None, "Chú ý", "Thiếu ngày sinh.")
    assert [box.icon() for box in shown] == [QMessageBox.Icon.Information, QMessageBox.Icon.Warning]
    assert all(box.buttons()[0].text() == "Đồng ý" for box in shown)


def test_ask_yes_no(qtbot, fake_exec):
    shown, script = fake_exec
    sb = QMessageBox.StandardButton
    script["click"] = lambda box: box.button(sb.Yes)
    assert messages.ask_yes_no(None, "Xóa", "Xóa đảng viên này?") is True
    box = shown[-1]
    assert _plain(box.button(sb.Yes).text()) == "Có"
    assert _plain(box.button(sb.No).text()) == "Không"
    assert box.defaultButton() is box.button(sb.No)

    script["click"] = lambda box: box.escapeButton()
    assert messages.ask_yes_no(None, "Xóa", "Xóa?", default_no=False) is False
    assert shown[-1].defaultButton() is shown[-1].button(sb.Yes)

    script["click"] = None  # closed without a click
    assert messages.ask_yes_no(None, "Xóa", "Xóa?") is False


def test_ask_choice(qtbot, fake_exec):
    shown, script = fake_exec
    choices = ["Ghi đè", "Lưu bản mới"]
    script["click"] = lambda box: next(b for b in box.buttons() if b.text() == "Lưu bản mới")
    assert messages.ask_choice(None, "Tệp đã có", "Làm gì với tệp cũ?", choices) == 1
    assert shown[-1].defaultButton().text() == "Ghi đè"
    script["click"] = lambda box: box.escapeButton()
    assert messages.ask_choice(None, "Tệp đã có", "Làm gì?", choices) is None
    assert shown[-1].escapeButton().text() == "Hủy"
    with pytest.raises(ValueError):
        messages.ask_choice(None, "x", "y", [])


# --- DateField ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/03/2024", dt.date(2024, 3, 15)),
        ("1/3/2024", dt.date(2024, 3, 1)),
        ("15-03-2024", dt.date(2024, 3, 15)),
        ("15.03.2024", dt.date(2024, 3, 15)),
        ("15032024", dt.date(2024, 3, 15)),
        (" 29/02/2024 ", dt.date(2024, 2, 29)),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_date_text_accepts(text, expected):
    assert parse_date_text(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2024", "Ngày 31/02/2024 không có thật."),
        ("29/02/2023", "Ngày 29/02/2023 không có thật."),
        ("1/13/2024", "Ngày 01/13/2024 không có thật."),
        ("12/2024", "“12/2024” không đúng dạng ngày/tháng/năm (ví dụ 05/03/1975)."),
        ("15/03/24", "Cần gõ năm đủ 4 chữ số (ví dụ 05/03/1975), không rõ “15/03/24” là năm nào."),
        ("01/01/1800", "Năm 1800 không hợp lệ (chỉ nhận từ 1900 đến 2100)."),
    ],
)
def test_parse_date_text_rejects(text, message):
    with pytest.raises(ValidationError) as info:
        parse_date_text(text, field="ngay_sinh")
    assert info.value.message == message
    assert info.value.field == "ngay_sinh"


def test_parse_date_text_names_the_field_when_asked():
    with pytest.raises(ValidationError, match=r"^Ngày sinh: ngày 30/02/2000 không có thật\.$"):
        parse_date_text("30/02/2000", field_label="Ngày sinh")


def test_date_field_error_text_uses_its_field_label(qtbot):
    field = DateField(field="ngay_vao_dang", field_label="Ngày vào Đảng")
    qtbot.addWidget(field)
    field.line_edit.setText("30/02/2000")
    assert field.error_text() == "Ngày vào Đảng: ngày 30/02/2000 không có thật."


def test_date_field_starts_empty_and_can_be_emptied(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    assert field.date() is None and field.error_text() is None and field.is_empty()
    assert field.line_edit.placeholderText() == "dd/mm/yyyy"
    changes: list[object] = []
    field.date_changed.connect(changes.append)
    field.set_date(dt.date(1975, 4, 30))
    assert field.text() == "30/04/1975" and field.date() == dt.date(1975, 4, 30)
    field.set_date(None)
    assert field.text() == "" and field.date() is None
    assert changes == [dt.date(1975, 4, 30), None]


def test_date_field_typing_an_impossible_date(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    qtbot.keyClicks(field.line_edit, "31/02/2024")
    assert field.date() is None
    assert field.error_text() == "Ngày 31/02/2024 không có thật."


def test_date_field_normalises_when_editing_finishes(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    changes: list[object] = []
    field.date_changed.connect(changes.append)
    qtbot.keyClicks(field.line_edit, "1-3-2024")
    with qtbot.waitSignal(field.editing_finished, timeout=1000):
        qtbot.keyClick(field.line_edit, Qt.Key.Key_Return)
    assert field.text() == "01/03/2024"
    assert changes == [dt.date(2024, 3, 1)]  # partial texts were None, like the start value


def test_date_field_validator_blocks_letters(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    qtbot.keyClicks(field.line_edit, "a1b5/0x3/2024z")
    assert field.text() == "15/03/2024"
    field.clear()
    field.line_edit.insert(" 02/09/1945 ")  # a paste from a spreadsheet cell
    assert field.date() == dt.date(1945, 9, 2)
    field.line_edit.clear()
    field.line_edit.insert("ngày 2/9")  # refused as a whole, like any invalid paste
    assert field.text() == ""


@pytest.mark.parametrize("open_keys", [("Down", Qt.KeyboardModifier.AltModifier), ("F4", None)])
def test_date_field_calendar_by_keyboard_only(qtbot, vietnamese, open_keys):
    window = QWidget()
    qtbot.addWidget(window)
    form = QFormLayout(window)
    field = DateField()
    form.addRow("Ngày vào Đảng:", field)
    window.show()
    qtbot.waitExposed(window)
    field.set_date(dt.date(2024, 3, 15))

    key_name, modifier = open_keys
    key = getattr(Qt.Key, f"Key_{key_name}")
    if modifier is None:
        qtbot.keyClick(field.line_edit, key)
    else:
        qtbot.keyClick(field.line_edit, key, modifier)
    calendar = field.calendar_popup
    assert calendar is not None and calendar.isVisible()
    assert calendar.locale().language() == QLocale.Language.Vietnamese
    assert calendar.selectedDate().toPython() == dt.date(2024, 3, 15)

    target = calendar.focusProxy() or calendar
    qtbot.keyClick(target, Qt.Key.Key_Right)
    with qtbot.waitSignal(field.date_changed, timeout=1000) as blocker:
        qtbot.keyClick(target, Qt.Key.Key_Return)
    assert blocker.args == [dt.date(2024, 3, 16)]
    assert field.text() == "16/03/2024"
    assert not calendar.isVisible()


def test_date_field_calendar_escape_keeps_the_date(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    field = DateField(window)
    window.show()
    qtbot.waitExposed(window)
    field.set_date(dt.date(2020, 1, 2))
    field.open_calendar()
    calendar = field.calendar_popup
    qtbot.keyClick(calendar.focusProxy() or calendar, Qt.Key.Key_Right)
    qtbot.keyClick(calendar.focusProxy() or calendar, Qt.Key.Key_Escape)
    assert not calendar.isVisible()
    assert field.date() == dt.date(2020, 1, 2)


def test_date_field_calendar_today_button(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    field = DateField(window)
    window.show()
    qtbot.waitExposed(window)
    field.open_calendar()
    popup = field.calendar_popup.parentWidget()
    assert popup.today_button.text() == "Hôm nay"
    popup.today_button.click()
    assert field.date() == dt.date.today()
    assert not popup.isVisible()


def test_date_field_tab_skips_the_calendar_button(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    form = QFormLayout(window)
    first, second = DateField(), DateField()
    form.addRow("Ngày sinh:", first)
    form.addRow("Ngày vào Đảng:", second)
    window.show()
    qtbot.waitExposed(window)
    assert first.calendar_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    first.setFocus()  # focus proxy: the line edit
    assert first.focusProxy() is first.line_edit
    assert window.focusNextChild()
    assert window.focusWidget() is second.line_edit


def test_date_field_read_only(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    field.set_read_only(True)
    field.open_calendar()
    assert field.calendar_popup is None
    assert not field.calendar_button.isEnabled()


# --- field errors ---------------------------------------------------------------------------


def test_error_label_row_in_form_layout(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    form = QFormLayout(window)
    name = QLineEdit()
    birth = DateField()
    form.addRow("Họ và tên:", name)
    form.addRow("Ngày sinh:", birth)
    error = attach_error_label(form, name)
    assert form.getWidgetPosition(error) == (1, QFormLayout.ItemRole.FieldRole)
    assert not form.isRowVisible(error)

    error.set_error("Họ và tên không được để trống.")
    assert form.isRowVisible(error)
    assert error.text() == "Họ và tên không được để trống." == error.error()
    error.clear_error()
    assert not form.isRowVisible(error) and error.error() is None

    with pytest.raises(ValueError):
        attach_error_label(form, QLineEdit())


def test_mark_invalid_sets_property_border_and_tooltip(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.resize(200, 30)
    edit.show()
    qtbot.waitExposed(edit)
    mark_invalid(edit, "Số thẻ đảng phải có 12 chữ số.")
    assert is_marked_invalid(edit)
    assert edit.property("invalid") is True
    assert edit.toolTip() == "Số thẻ đảng phải có 12 chữ số."
    border = edit.grab().toImage().pixelColor(0, 15)
    assert border.red() > 150 and border.green() < 100 and border.blue() < 100

    clear_invalid(edit)
    assert not is_marked_invalid(edit)
    assert edit.toolTip() == ""
    assert edit.grab().toImage().pixelColor(0, 15).name() != border.name()


def test_mark_invalid_on_date_field_marks_its_line_edit(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    mark_invalid(field, "Ngày 31/02/2024 không có thật.")
    assert field.line_edit.property("invalid") is True
    assert is_marked_invalid(field)
    clear_invalid(field)
    assert not is_marked_invalid(field)


# --- SearchBox ------------------------------------------------------------------------------


def test_search_box_debounces_typing(qtbot):
    box = SearchBox(debounce_ms=50)
    qtbot.addWidget(box)
    assert box.placeholderText() == "Tìm kiếm (không cần gõ dấu)… Ctrl+F"
    assert box.isClearButtonEnabled()
    emitted: list[str] = []
    box.search_changed.connect(emitted.append)
    with qtbot.waitSignal(box.search_changed, timeout=1000):
        qtbot.keyClicks(box, "nguyen van")
        assert emitted == []  # nothing while typing
    qtbot.wait(100)
    assert emitted == ["nguyen van"]


def test_search_box_enter_flushes_and_escape_clears(qtbot):
    box = SearchBox(debounce_ms=60_000)
    qtbot.addWidget(box)
    emitted: list[str] = []
    box.search_changed.connect(emitted.append)
    # QTest cannot type non-ASCII keys; insert() is what an input method's commit does.
    box.insert("  Trần ")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert emitted == ["Trần"]
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    assert emitted == ["Trần", ""]


def test_search_box_normalises_to_nfc(qtbot):
    box = SearchBox(debounce_ms=60_000)
    qtbot.addWidget(box)
    emitted: list[str] = []
    box.search_changed.connect(emitted.append)
    box.setText("Nguye\u0302\u0303n")  # decomposed, as some Vietnamese IMEs type it
    box.flush()
    assert emitted == ["Nguyễn"]


def test_search_box_shortcut_focuses_and_selects(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    form = QFormLayout(window)
    other = QLineEdit()
    box = SearchBox()
    form.addRow(other)
    form.addRow(box)
    window.show()
    qtbot.waitExposed(window)
    shortcut = box.attach_shortcut(window)
    box.setText("Lê")
    other.setFocus()
    shortcut.activated.emit()
    assert window.focusWidget() is box
    assert box.selectedText() == "Lê"
