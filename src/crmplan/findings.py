"""The one finding type of crmplan: a rule's code, its severity, where, what, and the fix.

Every problem crmplan reports about a plan or a file it reads, from a YAML
syntax error to a journey's coverage gap, is an :class:`Issue` of a
:class:`Rule` listed in :mod:`crmplan.rules`; ``crmplan validate --ignore``
and a plan's ``checks.ignore`` silence a rule by its code.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from crmplan.i18n import _


class Severity(str, enum.Enum):
    """How bad a finding is: errors fail, warnings fail only under ``--strict``, notes never."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


def severity_label(severity: Severity) -> str:
    """``error``, ``warning`` or ``note``, in the active language."""
    return {Severity.ERROR: _("error"), Severity.WARNING: _("warning"),
            Severity.NOTE: _("note")}[severity]


class Area(str, enum.Enum):
    """What a rule looks at; the hundreds of its code (CRM1xx is the file, ...)."""

    FILE = "file"
    SCHEMA = "schema"
    REFERENCES = "references"
    PLAN = "plan"
    JOURNEYS = "journeys"
    SEGMENTS = "segments"
    GOALS = "goals"
    REVIEW = "review"
    DATA = "data"


# An error of these areas leaves the plan (or the data file) unreadable or invalid for
# every other command, so no setting can silence it.
FOUNDATIONS = frozenset({Area.FILE, Area.SCHEMA, Area.REFERENCES, Area.DATA})


@dataclass(frozen=True, order=True)
class Rule:
    """One kind of finding: its stable code (``CRM203``), its short name, its severity,
    a one-line summary (English, for docs/rules.md) and the commands that report it."""

    code: str
    name: str
    severity: Severity
    summary: str
    commands: tuple[str, ...]

    @property
    def area(self) -> Area:
        return AREA_OF_HUNDREDS[self.code[3]]

    @property
    def silenceable(self) -> bool:
        """Warnings and notes, and errors that leave the plan usable, may be silenced."""
        return self.severity is not Severity.ERROR or self.area not in FOUNDATIONS


AREA_OF_HUNDREDS = {"1": Area.FILE, "2": Area.SCHEMA, "3": Area.REFERENCES, "4": Area.PLAN,
                    "5": Area.JOURNEYS, "6": Area.SEGMENTS, "7": Area.GOALS,
                    "8": Area.REVIEW, "9": Area.DATA}


class FixHint(str):
    """A hint whose advice is one replacement: the value (or key) written where its finding
    points becomes :attr:`fix` ("did you mean 'vip'?" is ``vip``). An editor offers it as a
    quick fix; everywhere else it is the hint's text, as any other."""

    fix: str

    def __new__(cls, text: str, fix: str) -> FixHint:
        hint = super().__new__(cls, text)
        hint.fix = fix
        return hint

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return str(self), self.fix  # copies and pickles keep the fix


@dataclass(frozen=True, order=True)
class Issue:
    """One finding of ``rule``, located at a 1-based line and column of ``file``.

    ``path`` is the key path inside the plan (``segments[vip].offer``), empty
    for problems that are not tied to a key (a YAML syntax error).
    ``hint`` tells the user how to fix it, when crmplan knows. ``subject`` is the
    id of what the finding is about when the path alone does not say (a journey's
    default stage, the segment a campaign finding concerns).
    """

    file: str
    line: int
    column: int
    message: str
    path: str = ""
    hint: str = ""
    rule: Rule = field(kw_only=True)
    subject: str = field(default="", kw_only=True)

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    @property
    def fix(self) -> str | None:
        """The one replacement the hint advises (:class:`FixHint`), if it advises one."""
        return self.hint.fix if isinstance(self.hint, FixHint) else None

    @property
    def location(self) -> str:
        """``file:line:col`` as compilers and yamllint print it."""
        return f"{self.file}:{self.line}:{self.column}"

    def to_json(self) -> dict[str, str | int]:
        """The issue as a JSON object with stable field names."""
        return {"file": self.file, "line": self.line, "column": self.column,
                "severity": self.severity.value, "path": self.path, "message": self.message,
                "hint": self.hint, "code": self.code}


def kept(issues: tuple[Issue, ...] | list[Issue], ignored: frozenset[str]
         ) -> tuple[Issue, ...]:
    """The issues whose rule is not silenced by ``ignored`` (a set of codes)."""
    return tuple(i for i in issues if i.code not in ignored)
