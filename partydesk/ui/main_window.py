"""The main window: a navigation pane on the left, one page per entry, menus and shortcuts."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from partydesk._version import __version__
from partydesk.domain.attention import Subject
from partydesk.domain.due import LinkTarget, RecordLink
from partydesk.domain.importing import ImportKind
from partydesk.domain.outgoing import (
    BRIEFING_SOURCE,
    EVALUATION_SOURCE,
    MEETING_SOURCE,
    SourceRef,
)
from partydesk.domain.statistics import FigureLink
from partydesk.domain.statistics import Subject as FigureSubject
from partydesk.paths import icon_path
from partydesk.services.app import AppServices
from partydesk.ui import messages, safety_menu
from partydesk.ui.overview.page import OverviewPage
from partydesk.ui.pages.attention import AttentionPage
from partydesk.ui.pages.audit import AuditPage
from partydesk.ui.pages.briefings import BriefingsPage
from partydesk.ui.pages.compliance import CompliancePage
from partydesk.ui.pages.due import DuePage
from partydesk.ui.pages.enterprises import EnterprisesPage
from partydesk.ui.pages.evaluation import EvaluationPage
from partydesk.ui.pages.meetings import MeetingsPage
from partydesk.ui.pages.members import MembersPage
from partydesk.ui.pages.organisations import OrganisationsPage
from partydesk.ui.pages.outgoing import OutgoingPage
from partydesk.ui.pages.record_list import RecordListPage
from partydesk.ui.pages.settings import SettingsPage
from partydesk.ui.tasks import default_runner


class MainWindow(QMainWindow):
    """The window of one open database. ``open_file_requested`` asks the app to switch files."""

    open_file_requested = Signal()
    new_file_requested = Signal()
    check_database_requested = Signal()
    restore_requested = Signal(object)  # the backup's Path
    lock_requested = Signal()
    security_changed = Signal()  # login turned on or off, idle minutes changed

    def __init__(
        self, services: AppServices, ui_settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ui_settings = ui_settings
        self.setWindowIcon(QIcon(str(icon_path("partydesk.ico"))))

        self.overview = OverviewPage(services)
        self.enterprises = EnterprisesPage(services)
        self.organisations = OrganisationsPage(services)
        self.members = MembersPage(services)
        self.attention = AttentionPage(services)
        self.meetings = MeetingsPage(services)
        self.compliance = CompliancePage(services)
        self.briefings = BriefingsPage(services)
        self.evaluation = EvaluationPage(services)
        self.outgoing = OutgoingPage(services)
        self.due = DuePage(services)
        self.settings_page = SettingsPage(services)
        self.audit = AuditPage(services, services.audit_log)
        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setFixedWidth(190)
        self.nav.setSpacing(2)
        # Ctrl+1… follow this order (the View menu is built from it too).
        self._nav_entries: tuple[tuple[str, str, QWidget], ...] = (
            ("Tổng quan", "nav-overview.svg", self.overview),
            ("Doanh nghiệp", "nav-enterprises.svg", self.enterprises),
            ("Tổ chức đảng", "nav-organisations.svg", self.organisations),
            ("Đảng viên", "nav-members.svg", self.members),
            ("Sinh hoạt chi bộ", "nav-meetings.svg", self.meetings),
            ("Tuân thủ", "nav-compliance.svg", self.compliance),
            ("Giao ban", "nav-briefings.svg", self.briefings),
            ("Đánh giá, xếp loại", "nav-evaluation.svg", self.evaluation),
            ("Văn bản đi", "nav-outgoing.svg", self.outgoing),
            ("Việc cần làm", "nav-due.svg", self.due),
            ("Cần chú ý", "nav-attention.svg", self.attention),
            ("Nhật ký thay đổi", "nav-audit.svg", self.audit),
            ("Cài đặt", "nav-settings.svg", self.settings_page),
        )
        for text, icon, page in self._nav_entries:
            item = QListWidgetItem(QIcon(str(icon_path(icon))), text)
            item.setSizeHint(QSize(170, 36))
            self.nav.addItem(item)
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        for page in self.list_pages:
            page.records_changed.connect(self._on_records_changed)
        self.attention.record_requested.connect(self.show_record)
        self.overview.figure_requested.connect(self.show_figure)
        self.overview.page_requested.connect(self._show_reminder_page)
        self.compliance.organisation_requested.connect(self.show_meetings_of)
        self.due.record_requested.connect(self.show_due_link)
        self.briefings.records_changed.connect(self._on_records_changed)
        self.outgoing.open_source_requested.connect(self.open_document_source)
        self.due.counted.connect(self._on_due_counted)
        self.attention.counted.connect(self._on_attention_counted)
        self.settings_page.saved.connect(self._update_title)
        self.settings_page.holidays_changed.connect(self._on_holidays_changed)

        self._build_menus()
        self.status_file = QLabel()
        self.statusBar().addPermanentWidget(self.status_file)
        self._update_title()
        self._restore_geometry()
        self.nav.setCurrentRow(self.pages.indexOf(self.overview))
        # The warnings need the holiday calendar, whose first build costs ~0.1 s (the lunar
        # holidays): build it in the background once the window is on screen, then count
        # them (and what is due) on the overview and in the navigation.
        QTimer.singleShot(0, self._prepare_attention)
        # Minutes typed when the program last stopped (a crash, a power cut) are offered back.
        QTimer.singleShot(0, self._offer_unsaved_drafts)

    # --- menus and shortcuts ---------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        open_action = QAction("&Mở tệp dữ liệu…", self, shortcut=QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.open_file_requested)
        new_action = QAction("Tạo tệp dữ liệu &mới…", self)
        new_action.triggered.connect(self.new_file_requested)
        quit_action = QAction("&Thoát", self, shortcut=QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addActions([open_action, new_action])
        file_menu.addSeparator()
        services = self._services
        backup_action = QAction("&Sao lưu ra USB/thư mục…", self)
        backup_action.triggered.connect(lambda: safety_menu.back_up_to_folder(self, services))
        restore_action = QAction("&Khôi phục từ bản sao lưu…", self)
        restore_action.triggered.connect(
            lambda: safety_menu.ask_restore(self, services, self.restore_requested.emit)
        )
        check_action = QAction("&Kiểm tra dữ liệu", self)
        check_action.triggered.connect(self.check_database_requested)
        file_menu.addActions([backup_action, restore_action, check_action])
        file_menu.addSeparator()
        password_action = QAction("Đổi &mật khẩu…", self)
        password_action.triggered.connect(lambda: safety_menu.change_password(self, services))
        lock_action = QAction("&Khóa màn hình", self, shortcut=QKeySequence("Ctrl+L"))
        lock_action.triggered.connect(lambda: self.lock_requested.emit())
        file_menu.addActions([password_action, lock_action])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        record_menu = self.menuBar().addMenu("&Bản ghi")
        add_action = QAction("&Thêm mới", self, shortcut=QKeySequence.StandardKey.New)
        add_action.triggered.connect(self._on_add_action_triggered)
        find_action = QAction("Tìm &kiếm", self, shortcut=QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self._on_find_action_triggered)
        refresh_action = QAction("&Làm mới", self, shortcut=QKeySequence.StandardKey.Refresh)
        refresh_action.triggered.connect(self.refresh_all)
        record_menu.addActions([add_action, find_action, refresh_action])
        record_menu.addSeparator()
        for text, kind in (
            ("&Nhập đảng viên từ Excel/CSV…", ImportKind.MEMBERS),
            ("Nhập &doanh nghiệp từ Excel/CSV…", ImportKind.ENTERPRISES),
        ):
            action = QAction(text, self)
            action.triggered.connect(lambda _=False, k=kind: self._import_from_file(k))
            record_menu.addAction(action)

        view_menu = self.menuBar().addMenu("&Xem")
        # The overview takes Alt+Home (a browser's "home page"); the pages after it Ctrl+1…
        # Ctrl+9, then Ctrl+0, the key after 9 on the keyboard's top row; the settings take
        # Ctrl+, (the usual key for preferences); the audit log, an administrator's page, has
        # no shortcut.
        special = {self.overview: "Alt+Home", self.settings_page: "Ctrl+,", self.audit: ""}
        digit = 0
        for row, (text, _icon, page) in enumerate(self._nav_entries):
            if page in special:
                keys = special[page]
            else:
                digit += 1
                keys = f"Ctrl+{digit % 10}"
            action = QAction(text, self, shortcut=QKeySequence(keys))
            action.triggered.connect(lambda _=False, r=row: self.nav.setCurrentRow(r))
            view_menu.addAction(action)

        settings_menu = self.menuBar().addMenu("&Cài đặt")
        office_action = QAction("Cài đặt &văn phòng", self)
        office_action.triggered.connect(
            lambda: self.nav.setCurrentRow(self.pages.indexOf(self.settings_page))
        )
        accounts_action = QAction("&Tài khoản…", self)
        accounts_action.triggered.connect(
            lambda: safety_menu.manage_accounts(self, services, self.security_changed.emit)
        )
        settings_menu.addActions([office_action, accounts_action])

        help_menu = self.menuBar().addMenu("Trợ &giúp")
        about_action = QAction("&Giới thiệu PartyDesk", self)
        about_action.triggered.connect(self._on_about_action_triggered)
        help_menu.addAction(about_action)
        # F6 moves between the navigation pane and the page, as in Windows Explorer.
        QShortcut(QKeySequence("F6"), self, activated=self._on_f6)

    # --- behaviour -------------------------------------------------------------------------

    @property
    def list_pages(self) -> tuple[RecordListPage, ...]:
        return (self.enterprises, self.organisations, self.members, self.meetings)

    def current_list_page(self) -> RecordListPage | None:
        page = self.pages.currentWidget()
        return page if isinstance(page, RecordListPage) else None

    def _offer_unsaved_drafts(self) -> None:
        if not shiboken6.isValid(self) or not self._services.meetings.drafts():
            return
        from partydesk.ui.dialogs.meeting_dialog import restore_drafts_at_startup

        if restore_drafts_at_startup(self._services, self):
            self._on_records_changed()
            self.meetings.mark_stale()

    def _prepare_attention(self) -> None:
        def build_calendar(*, progress: object, cancel: object) -> object:
            return self._services.register.calendar

        default_runner().start(
            build_calendar,
            on_success=lambda _calendar: self._show_attention_at_start(),
            on_failure=lambda exc: self._show_attention_at_start(),
        )

    def _show_attention_at_start(self) -> None:
        if not shiboken6.isValid(self):  # the window was closed before the calendar was ready
            return
        if self.overview.is_computing:
            # The warnings are read on this thread; let the first page's figures come first.
            self.overview.settled.connect(
                self._show_attention_at_start, Qt.ConnectionType.SingleShotConnection
            )
            return
        # Both count themselves (the navigation and the overview show the counts); the due list
        # is computed in the background.
        self.attention.refresh()
        self.due.refresh()

    def _show_reminder_page(self, name: str) -> None:
        page = self.due if name == "due" else self.attention
        self.nav.setCurrentRow(self.pages.indexOf(page))

    def show_figure(self, link: FigureLink) -> None:
        """Open the list of exactly the records an overview figure counts."""
        if link.subject is FigureSubject.COMPLIANCE:
            self.compliance.year.setValue(link.period.year)
            self.nav.setCurrentRow(self.pages.indexOf(self.compliance))
            return
        page = {
            FigureSubject.ENTERPRISE: self.enterprises,
            FigureSubject.ORGANISATION: self.organisations,
            FigureSubject.MEMBER: self.members,
            FigureSubject.MEETING: self.meetings,
        }.get(link.subject)
        if page is None:
            return
        records = self._services.statistics.records

        def find(*, progress: object, cancel: object) -> list[int]:
            return records(link)  # the indicator's query: up to ~0.3 s on a province's file

        def show(ids: list[int]) -> None:
            self.nav.setCurrentRow(self.pages.indexOf(page))
            page.show_only(ids, link.caption)

        default_runner().start(find, on_success=show)

    def _on_holidays_changed(self) -> None:
        # Deadlines counted in working days follow the edited holiday table. Not refresh_all:
        # reloading the settings page would drop unsaved edits in its office form.
        for page in self.list_pages:
            page.mark_stale()
        self.attention.mark_stale()
        self.due.mark_stale()
        self.briefings.mark_stale()

    def refresh_all(self) -> None:
        self.overview.mark_stale()
        for page in self.list_pages:
            page.mark_stale()
        self.attention.mark_stale()
        self.compliance.mark_stale()
        self.briefings.mark_stale()
        self.outgoing.mark_stale()
        self.due.mark_stale()
        self.settings_page.reload()

    def show_meetings_of(self, organisation_id: int, year: int) -> None:
        """Go to the meetings of one chi bộ in one year (links from the compliance page)."""
        self.nav.setCurrentRow(self.pages.indexOf(self.meetings))
        self.meetings.show_organisation(organisation_id, year)

    def show_record(self, subject: Subject, record_id: int) -> None:
        """Go to the page of a record, select it and open its dialog (links from warnings)."""
        page = {
            Subject.ENTERPRISE: self.enterprises,
            Subject.ORGANISATION: self.organisations,
            Subject.MEMBER: self.members,
        }[subject]
        self.nav.setCurrentRow(self.pages.indexOf(page))
        page.show_record(record_id)
        if page.open_editor(record_id):
            page.after_change()

    def show_due_link(self, link: RecordLink) -> None:
        """Go to the record a due item or a calendar entry is about."""
        if link.target is LinkTarget.MEETINGS:
            self.show_meetings_of(link.record_id, link.year or self._services.due.today().year)
        elif link.target is LinkTarget.BRIEFING:
            self.nav.setCurrentRow(self.pages.indexOf(self.briefings))
            self.briefings.show_briefing(link.record_id)
        elif link.target is LinkTarget.EVALUATION:
            self.nav.setCurrentRow(self.pages.indexOf(self.evaluation))
            self.evaluation.show_cycle(link.record_id, link.organisation_id)
        else:
            subject = Subject.MEMBER if link.target is LinkTarget.MEMBER else Subject.ORGANISATION
            self.show_record(subject, link.record_id)

    def open_document_source(self, source: SourceRef) -> None:
        """Open what printed a line of the outgoing register: reprint a briefing round's
        document (it keeps its number), or go to the meetings of the chi bộ or to the
        evaluation cycle of a decision."""
        if source.record_kind == BRIEFING_SOURCE:
            self.nav.setCurrentRow(self.pages.indexOf(self.briefings))
            self.briefings.print_kind(source.record_id, source.kind)
        elif source.record_kind == MEETING_SOURCE:
            meeting = self._services.meetings.meeting(source.record_id)
            self.show_meetings_of(meeting.organisation_id, meeting.period_year)
        elif source.record_kind == EVALUATION_SOURCE:
            organisation = source.part.removeprefix("org:")
            self.nav.setCurrentRow(self.pages.indexOf(self.evaluation))
            self.evaluation.show_cycle(
                source.record_id, int(organisation) if organisation.isdigit() else None
            )

    def _on_nav_current_row_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        page = self.current_list_page()
        if page is not None:
            page.table.setFocus()
        elif self.pages.currentWidget() is self.compliance:
            self.compliance.matrix.setFocus()

    def _on_records_changed(self) -> None:
        self.overview.mark_stale()
        self.attention.mark_stale()
        self.compliance.mark_stale()
        self.due.mark_stale()
        self.outgoing.mark_stale()
        self.evaluation.mark_stale()
        for page in self.list_pages:
            if page is not self.pages.currentWidget():
                page.mark_stale()

    def _on_attention_counted(self, count: int) -> None:
        item = self.nav.item(self.pages.indexOf(self.attention))
        item.setText(f"Cần chú ý ({count})" if count else "Cần chú ý")
        self.overview.set_attention_count(count)

    def _on_due_counted(self, count: int) -> None:
        item = self.nav.item(self.pages.indexOf(self.due))
        item.setText(f"Việc cần làm ({count})" if count else "Việc cần làm")
        self.overview.set_due_count(count)

    def _on_add_action_triggered(self) -> None:
        page = self.current_list_page()
        if page is not None:
            page.add_record()

    def _on_find_action_triggered(self) -> None:
        page = self.current_list_page()
        if page is None:
            self.nav.setCurrentRow(self.pages.indexOf(self.members))
            page = self.members
        page.focus_search()

    def _on_f6(self) -> None:
        if self.nav.hasFocus():
            page = self.current_list_page()
            (page.table if page else self.pages.currentWidget()).setFocus()
        else:
            self.nav.setFocus()

    def _on_about_action_triggered(self) -> None:
        store = self._services.store
        messages.show_info(
            self,
            "Giới thiệu PartyDesk",
            f"PartyDesk {__version__}\n\nQuản lý doanh nghiệp, tổ chức đảng, đảng viên và "
            "sinh hoạt chi bộ của văn phòng cấp ủy, chạy không cần mạng.\n\n"
            f"Tệp dữ liệu: {store.path}\n"
            f"Cấu trúc dữ liệu: phiên bản {store.schema_version}",
        )

    def _update_title(self) -> None:
        office = self._services.office.settings()
        name = office.committee_full_name or "chưa đặt tên cấp ủy (xem Cài đặt)"
        self.setWindowTitle(f"PartyDesk – {name}")
        self.status_file.setText(f"Tệp dữ liệu: {self._services.store.path}")

    def _import_from_file(self, kind: ImportKind) -> None:
        if safety_menu.import_from_file(self, self._services, kind, self._ui_settings):
            self.refresh_all()

    def show_read_only_banner(self, reason: str) -> None:
        """A yellow bar above the pages: the file is open only to look at it, and why."""
        text = (
            f"Tệp dữ liệu đang mở chỉ để xem: xem và in được, nhưng không sửa được. "
            f"Lý do: {reason.rstrip('.')}."
        )
        banner = self.findChild(QLabel, "read_only_banner")
        if banner is None:
            banner = QLabel()
            banner.setObjectName("read_only_banner")
            banner.setWordWrap(True)
            banner.setStyleSheet(
                "QLabel#read_only_banner { background: #fff4c2; color: #4d3b00; "
                "border: 1px solid #e6c84f; border-radius: 3px; padding: 6px 10px; }"
            )
            pages = self.takeCentralWidget()
            holder = QWidget()
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(4, 4, 4, 0)
            layout.setSpacing(0)
            layout.addWidget(banner)
            layout.addWidget(pages, 1)
            self.setCentralWidget(holder)
            self.setWindowTitle(f"{self.windowTitle()} (chỉ xem)")
        banner.setText(text)

    # --- geometry --------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self._ui_settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 780)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ui_settings.setValue("main_window/geometry", self.saveGeometry())
        # Work this window started in the background (the start-up warnings' holiday calendar,
        # a compliance computation) reads its services: it ends with the window, not later,
        # when the database may be closed or another file open.
        default_runner().cancel_all()
        default_runner().wait_for_done(10_000)
        super().closeEvent(event)
