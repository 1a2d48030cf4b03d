"""The papers of an evaluation cycle, resolved from the store and the rule set in force.

Each builder reads what one paper needs (the member's identity, the organisation's header, the
committee that decides, the rule set's form and level names) and returns the frozen paper of
``reports.evaluation_papers``; nothing here lays out a page. Callers hold the store lock.
"""

from __future__ import annotations

from datetime import date

from partydesk.domain.documents import DocumentHeader, SignatureBlock
from partydesk.domain.evaluation import (
    LEVEL_ORDER,
    BallotCount,
    Cycle,
    MemberEvaluation,
    MemberForm,
    OrgEvaluation,
)
from partydesk.domain.evaluation_rules import tally
from partydesk.domain.organisation import CommitteeRole, Organisation, Term, secretary_on
from partydesk.domain.rule_sets import RuleSet
from partydesk.domain.settings import OfficeSettings
from partydesk.reports.evaluation_papers import (
    BallotPaper,
    CountRecordPaper,
    CountRow,
    DecidedMember,
    DecisionPaper,
    MemberFormPaper,
    OrgFormPaper,
    form_title_parts,
)
from partydesk.services.documents import DocumentService
from partydesk.store.store import Store


def _post_name(role: CommitteeRole, org: Organisation) -> str:
    if role is CommitteeRole.SECRETARY:
        return "Bí thư"
    if role is CommitteeRole.DEPUTY_SECRETARY:
        return "Phó Bí thư"
    return "Đảng ủy viên" if org.kind.is_party_committee else "Chi ủy viên"


class PaperBuilder:
    """Builds the papers of one cycle; caches what many papers share (organisations, posts)."""

    def __init__(
        self,
        store: Store,
        documents: DocumentService,
        office: OfficeSettings,
        cycle: Cycle,
        rule_set: RuleSet,
    ) -> None:
        self._store = store
        self._documents = documents
        self.office = office
        self.cycle = cycle
        self.rule_set = rule_set
        self._orgs: dict[int, Organisation] = {}
        self._term_cache: dict[int, list[Term]] = {}
        self._enterprises = store.enterprises.names_and_types()

    @property
    def level_names(self) -> tuple[str, str, str, str]:
        return self.rule_set.level_names

    def organisation(self, organisation_id: int) -> Organisation:
        if organisation_id not in self._orgs:
            self._orgs[organisation_id] = self._store.organisations.get(organisation_id)
        return self._orgs[organisation_id]

    def header(self, organisation_id: int, number_text: str | None = None) -> DocumentHeader:
        return self._documents.organisation_header(
            self.organisation(organisation_id), self.office, None, number_text
        )

    def office_header(self, number_text: str | None, on: date | None) -> DocumentHeader:
        return DocumentHeader(
            upper_body=self.office.upper_body_header,
            issuer=self.office.committee_header,
            number_text=number_text,
            place=self.office.locality,
            date=on,
        )

    def committee_signature(self) -> SignatureBlock:
        return SignatureBlock(
            self.office.signer_authority, self.office.signer_title, self.office.signer_name
        )

    def cell_signature(self, organisation_id: int) -> SignatureBlock:
        """T/M of the organisation's committee (chi ủy, đảng ủy) or of the chi bộ itself."""
        org = self.organisation(organisation_id)
        on = self.cycle.reference_date
        terms = self._terms(organisation_id)
        secretary = secretary_on(terms, on)
        if org.kind.is_party_committee:
            authority = "T/M ĐẢNG ỦY"
        elif any(term.is_current(on) and term.has_committee(on) for term in terms):
            authority = "T/M CHI ỦY"
        else:
            authority = "T/M CHI BỘ"
        return SignatureBlock(authority, "BÍ THƯ", secretary.member_name if secretary else "")

    def party_post(self, organisation_id: int, member_id: int) -> str:
        """The member's post in the committee in office on the reference date, or "Đảng viên"."""
        on = self.cycle.reference_date
        for term in self._terms(organisation_id):
            if not term.is_current(on):
                continue
            for post in term.current_posts(on):
                if post.member_id == member_id:
                    return _post_name(post.role, self.organisation(organisation_id))
        return "Đảng viên"

    def _terms(self, organisation_id: int) -> list[Term]:
        if organisation_id not in self._term_cache:
            self._term_cache[organisation_id] = self._store.organisations.terms(organisation_id)
        return self._term_cache[organisation_id]

    # --- papers -----------------------------------------------------------------------------

    def member_form(self, row: MemberEvaluation) -> MemberFormPaper:
        member = self._store.members.get(row.member_id)
        org = self.organisation(row.organisation_id)
        spec = self.rule_set.form_for(row.form)
        title, usage = form_title_parts(spec.title)
        enterprise = self._enterprises.get(member.enterprise_id) if member.enterprise_id else None
        return MemberFormPaper(
            header=self.header(row.organisation_id),
            form_code=spec.full_code,
            title=title,
            usage=usage,
            year=self.cycle.year,
            member_name=member.full_name,
            birth_date=member.birth_date,
            party_post=self.party_post(row.organisation_id, row.member_id),
            job_title=member.job_title,
            workplace=enterprise[0] if enterprise else "",
            organisation_name=org.name,
            leader=row.form is MemberForm.LEADER,
            scored=self.rule_set.scored,
            level_names=self.level_names,
            cell_signature=self.cell_signature(row.organisation_id),
            committee_name=self.office.committee_full_name,
            committee_signature=self.committee_signature(),
        )

    def org_form(self, row: OrgEvaluation) -> OrgFormPaper:
        spec = self.rule_set.org_form
        title, _usage = form_title_parts(spec.title)
        return OrgFormPaper(
            header=self.header(row.organisation_id),
            form_code=spec.full_code,
            title=title,
            year=self.cycle.year,
            organisation_name=self.organisation(row.organisation_id).name,
            scored=self.rule_set.scored,
            level_names=self.level_names,
            signature=self.cell_signature(row.organisation_id),
        )

    def ballot(self, organisation_id: int, members: list[MemberEvaluation]) -> BallotPaper:
        return BallotPaper(
            header=self.header(organisation_id),
            year=self.cycle.year,
            organisation_name=self.organisation(organisation_id).name,
            members=tuple(r.full_name for r in members if r.is_evaluated),
            level_names=self.level_names,
        )

    def count_record(
        self, ballot: BallotCount, members: list[MemberEvaluation]
    ) -> CountRecordPaper:
        evaluated = [r for r in members if r.is_evaluated]
        names = {r.member_id: r.full_name for r in evaluated}
        results = tally(ballot, list(names), self.rule_set, names)
        org = self.organisation(ballot.organisation_id)
        return CountRecordPaper(
            header=self._documents.organisation_header(org, self.office, ballot.counted_on, None),
            year=self.cycle.year,
            organisation_name=org.name,
            counted_on=ballot.counted_on,
            place=org.address or self.office.locality,
            counters=tuple(line for line in ballot.counters.splitlines() if line.strip()),
            issued=ballot.issued,
            returned=ballot.returned,
            invalid=ballot.invalid,
            rows=tuple(
                CountRow(
                    names[member_id],
                    tuple(result.counts[level] for level in LEVEL_ORDER),
                    result.result,
                )
                for member_id, result in results.items()
            ),
            level_names=self.level_names,
            majority=self.rule_set.ballot_majority,
        )

    def decision(
        self,
        row: OrgEvaluation,
        members: list[MemberEvaluation],
        number_text: str | None,
        on: date | None,
    ) -> DecisionPaper:
        return DecisionPaper(
            header=self.office_header(number_text, on),
            issuer_abbreviation=self.office.abbreviation,
            deciding_body=f"Ban Thường vụ {self.office.committee_full_name}",
            committee_name=self.office.committee_full_name,
            year=self.cycle.year,
            regulation=self.rule_set.regulation,
            guidance=self.rule_set.guidance,
            organisation_name=self.organisation(row.organisation_id).name,
            proposal="",
            org_level=row.decided_level,
            members=tuple(
                DecidedMember(r.full_name, r.decided_level) for r in members if r.is_evaluated
            ),
            level_names=self.level_names,
            signature=self.committee_signature(),
        )
