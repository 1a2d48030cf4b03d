"""The services of one open database, built once by the composition root and passed down."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from partydesk.paths import DataPaths
from partydesk.services.accounts import AccountService
from partydesk.services.attention import AttentionService
from partydesk.services.audit_log import AuditLogService
from partydesk.services.backups import BackupService
from partydesk.services.briefing_documents import BriefingDocumentService
from partydesk.services.briefings import BriefingService
from partydesk.services.documents import DocumentService
from partydesk.services.due import DueService
from partydesk.services.evaluation import EvaluationService
from partydesk.services.evaluation_documents import EvaluationDocumentService
from partydesk.services.holidays import HolidayService
from partydesk.services.importing.service import ImportService
from partydesk.services.meetings import MeetingService
from partydesk.services.office import OfficeService
from partydesk.services.outgoing import OutgoingService
from partydesk.services.register import RegisterService
from partydesk.services.statistics import StatisticsService
from partydesk.store.store import Store


@dataclass(frozen=True)
class AppServices:
    store: Store
    register: RegisterService
    attention: AttentionService
    office: OfficeService
    documents: DocumentService
    meetings: MeetingService
    holidays: HolidayService
    outgoing: OutgoingService
    briefings: BriefingService
    briefing_documents: BriefingDocumentService
    due: DueService
    evaluation: EvaluationService
    evaluation_documents: EvaluationDocumentService
    accounts: AccountService
    backups: BackupService
    audit_log: AuditLogService
    importer: ImportService
    statistics: StatisticsService


def _local_now() -> datetime:
    return datetime.now().astimezone()


def build_services(
    store: Store,
    today: Callable[[], date] = date.today,
    *,
    paths: DataPaths | None = None,
    now: Callable[[], datetime] = _local_now,
) -> AppServices:
    """The services of ``store``. ``paths`` is this user's data folder (backups, the audit
    anchor); without it, a folder beside the database file is used (command line, tests)."""
    paths = paths or DataPaths(store.path.parent / "partydesk-data")
    # One holiday calendar for every working-day computation: the office's edited years over
    # the default table.
    holidays = HolidayService(store, today)
    register = RegisterService(store, today, calendar=lambda: holidays.calendar)
    meetings = MeetingService(store, today)
    outgoing = OutgoingService(store, today)
    documents = DocumentService(store, meetings, today)
    evaluation = EvaluationService(store, today)
    return AppServices(
        store=store,
        register=register,
        attention=AttentionService(store, lambda: holidays.calendar, today),
        office=OfficeService(store),
        documents=documents,
        meetings=meetings,
        holidays=holidays,
        outgoing=outgoing,
        briefings=BriefingService(store, today, calendar=lambda: holidays.calendar),
        briefing_documents=BriefingDocumentService(store, outgoing, today),
        due=DueService(store, meetings, lambda: holidays.calendar, today),
        evaluation=evaluation,
        evaluation_documents=EvaluationDocumentService(
            store, evaluation, documents, outgoing, today
        ),
        accounts=AccountService(store),
        backups=BackupService(store, paths, now),
        audit_log=AuditLogService(store, paths),
        importer=ImportService(store, paths, today),
        statistics=StatisticsService(store, today),
    )
