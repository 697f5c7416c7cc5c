"""Who is reminded of what (pure): the attention list resolved to people and addresses.

The people are exactly those the «Ответственный» column of «Просрочено» names:
- a roadmap role → its holder in «Ответственные», reached at the Email of that row;
- a named person (e.g. a pair's mentor, and the `others` an item names, such as a mentee who
  has not answered the survey) → that teacher, reached at their «Педагоги» Email.
One person gets one digest, whatever the number of roles, at their «Ответственные» address
when they have one, else at their «Педагоги» address. A role holder whose «Ответственные» row
has no Email gets no mail for that role, even if «Педагоги» has an address («Ответственные»
is the list the coordinator keeps for reminders; the coordinator's digest names them) —
unless an item also names them personally, which makes their «Педагоги» address theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from nastavnik.sheets_schema.emails import valid_email
from nastavnik.sheets_schema.sheets import responsibles, teachers
from nastavnik.sheets_schema.sheets.teachers import Teacher
from nastavnik.sheets_schema.text import fold
from nastavnik.sync.compute.attention import COORDINATOR, AttentionItem
from nastavnik.sync.engine import RunReport
from nastavnik.sync.service.attention_sheet import Holder, holder_for, role_holders, split_roles


@dataclass
class Recipient:
    """One person (or an unnamed role with an address) and what is theirs to do."""

    key: str  # folded ФИО, or «роль:…» for a role with an address but no named holder
    name: str  # ФИО as typed, or the role
    role_email: str = ""  # from «Ответственные»
    teacher_email: str = ""  # from «Педагоги»
    items: dict[AttentionItem, list[str]] = field(default_factory=dict)  # item → roles ([] = named)

    @property
    def email(self) -> str:
        """Where their digest goes ("" when nowhere)."""
        return self.role_email or self.teacher_email

    @property
    def roles(self) -> list[str]:
        """The roles through which they have items, without repeats."""
        return list(dict.fromkeys(role for roles in self.items.values() for role in roles))


@dataclass(frozen=True)
class Addressees:
    """Everyone with something due, the roles nobody holds, the coordinator's address."""

    people: tuple[Recipient, ...]
    unassigned: tuple[str, ...]  # roles with no holder in «Ответственные»
    holders: Mapping[str, Holder]
    coordinator_email: str

    @property
    def without_email(self) -> tuple[Recipient, ...]:
        """People with something due and no address: they get no mail."""
        return tuple(person for person in self.people if not person.email)


def addressees(report: RunReport, coordinator_email: str = "") -> Addressees:
    """Resolve every attention item to its people; the coordinator from config or the role."""
    registry = report.registry
    holders = role_holders(registry.sheet(responsibles.SPEC))
    emails: dict[str, str] = {}
    for _, teacher in registry.sheet(teachers.SPEC).records(Teacher):
        if address := valid_email(teacher.email):  # an invalid cell: the person is «без e-mail»
            emails.setdefault(fold(teacher.fio), address)
    people: dict[str, Recipient] = {}
    unassigned: dict[str, None] = {}
    for item in report.outcome.attention:
        for role in split_roles(item.role):
            holder = holder_for(role, holders)
            if holder is None or not (holder.fio or holder.email):
                unassigned[role] = None
                continue
            key = fold(holder.fio) if holder.fio else f"роль:{fold(role)}"
            person = people.setdefault(key, Recipient(key, holder.fio or role))
            person.role_email = person.role_email or valid_email(holder.email)
            person.items.setdefault(item, []).append(role)
        for name in (item.person, *item.others) if item.person else item.others:
            key = fold(name)
            person = people.setdefault(key, Recipient(key, name))
            person.teacher_email = emails.get(key, "")
            person.items.setdefault(item, [])
    coordinator = holder_for(COORDINATOR, holders)
    address = valid_email(coordinator_email) or valid_email(
        coordinator.email if coordinator else ""
    )
    return Addressees(_merged(people.values()), tuple(unassigned), holders, address)


def _merged(people: Iterable[Recipient]) -> tuple[Recipient, ...]:
    """One recipient per address: two entries that share an e-mail become one digest."""
    by_address: dict[str, Recipient] = {}
    merged: list[Recipient] = []
    for person in people:
        first = by_address.get(person.email.lower()) if person.email else None
        if first is None:
            merged.append(person)
            if person.email:
                by_address[person.email.lower()] = person
            continue
        for item, roles in person.items.items():
            first.items.setdefault(item, []).extend(roles)
    return tuple(merged)
