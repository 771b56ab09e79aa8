"""``crmplan init`` as data: the files of a new client folder, rendered in its language."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from crmplan import languages
from crmplan.errors import UsageError
from crmplan.i18n import N_, _, translations
from crmplan.model.catalogue import KPI_CATALOGUE
from crmplan.model.defaults import promises_to_exclude
from crmplan.model.engagement import Industry
from crmplan.plan.emit import emit_scalar
from crmplan.plan.reader import FORBIDDEN_CHARACTERS
from crmplan.quoting import shown
from crmplan.resources import example_names, examples_dir, schema_file, templates_dir

PLAN_MODELINE = "# yaml-language-server: $schema=.crmplan/plan.schema.json"
SCHEMA_COPY = ".crmplan/plan.schema.json"


_TEMPLATES = {
    "plan.yaml": "init/plan.yaml.j2",
    "README.md": "init/README.md.j2",
    ".gitignore": "init/gitignore.j2",
    "data/README.md": "init/data-README.md.j2",
}


@dataclass(frozen=True)
class Examples:
    """The example values the new plan's comments show, in the client's line of business."""

    system_id: str
    system_kind: str
    system_name: str
    system_holds: str
    front_line: str  # who meets customers first: the system's users, a touchpoint's owner
    fits_system: str  # an optional selection criterion
    vision: str
    product: str
    payment_terms: str
    service_terms: str


_CLINIC = Examples(
    "booking", "booking", N_("Booking system"), N_("Appointments and visit history"),
    N_("Front desk"), N_("Works with the current booking system"),
    N_("The clinic most customers in the district recommend first"),
    N_("Priority care package"), N_("Pay per visit, no deposit"), N_("A named coordinator"))
_RETAIL = Examples(
    "shop", "ecommerce", N_("Online shop"), N_("Orders, baskets and returns"),
    N_("Customer service"), N_("Works with the current online shop"),
    N_("The shop customers in the region buy from first and come back to"),
    N_("Early access to the new season"), N_("Card or instalments, free returns"),
    N_("Free express delivery"))
_B2B = Examples(
    "erp", "erp", N_("ERP system"), N_("Accounts, quotes, orders and deliveries"),
    N_("Sales office"), N_("Works with the current ERP"),
    N_("The supplier distributors in the region name first"),
    N_("Restocking programme for distributors"), N_("Net 60 days on account"),
    N_("Delivery within 48 hours, a named account manager"))
_SERVICES = Examples(
    "crm", "crm", N_("Client database"), N_("Clients, contracts and service requests"),
    N_("Account team"), N_("Works with the current client database"),
    N_("The firm clients in the sector renew with and recommend first"),
    N_("Annual service review"), N_("Quarterly invoice, no set-up fee"),
    N_("A named account manager and a reply within one working day"))

# The examples by line of business; a plan without one gets the clinic's, as before.
INDUSTRY_EXAMPLES: dict[Industry | None, Examples] = {
    None: _CLINIC, Industry.HEALTHCARE: _CLINIC, Industry.BEAUTY_WELLNESS: _CLINIC,
    Industry.RETAIL: _RETAIL, Industry.ECOMMERCE: _RETAIL, Industry.HOSPITALITY: _RETAIL,
    Industry.B2B_MANUFACTURING: _B2B, Industry.B2B_SERVICES: _SERVICES,
    Industry.FINANCIAL_SERVICES: _SERVICES, Industry.EDUCATION: _SERVICES,
    Industry.SOFTWARE: _SERVICES, Industry.OTHER: _SERVICES,
}


@dataclass(frozen=True)
class ScaffoldRequest:
    """What the user asked ``crmplan init`` for."""

    client: str
    lang: str
    industry: str | None = None
    example: str | None = None
    today: dt.date | None = None


def scaffold(request: ScaffoldRequest) -> dict[str, bytes]:
    """The files of a new client folder, by path relative to the folder."""
    _check_request(request)
    context = _context(request)
    files = {name: _render(template, request.lang, context).encode("utf-8")
             for name, template in _TEMPLATES.items()}
    if request.example:
        files["plan.yaml"] = _example_plan(request)
    files[SCHEMA_COPY] = schema_file().read_bytes()
    return files


def existing_files(folder: Path, names: list[str]) -> list[str]:
    """Which of ``names`` already exist below ``folder`` (init never overwrites them)."""
    return [name for name in names if (folder / name).exists() or (folder / name).is_symlink()]


def _check_request(request: ScaffoldRequest) -> None:
    name = request.client.strip()
    if not name or len(name) > 200 or "\n" in name or "\t" in name or (
            FORBIDDEN_CHARACTERS.search(name)):
        raise UsageError(_("the client's name must be 1 to 200 characters on one line, "
                           "without control characters"))
    valid = [i.value for i in Industry]
    if request.industry is not None and request.industry not in valid:
        raise UsageError(_("unknown industry '{industry}'").format(
            industry=shown(request.industry)),
                         hint=_("choose one of: {choices}").format(choices=", ".join(valid)))
    if request.example is not None and request.example not in example_names():
        raise UsageError(_("no bundled example '{name}'").format(name=shown(request.example)),
                         hint=_("choose one of: {choices}").format(
                             choices=", ".join(example_names())))


def _context(request: ScaffoldRequest) -> dict[str, object]:
    today = request.today or dt.date.today()
    locale = languages.BY_CODE[request.lang]
    return {
        "client": request.client.strip(),
        "client_comment": request.client.strip(),
        "industry": request.industry,
        "lang": request.lang,
        "catalogue_kpis": list(KPI_CATALOGUE),
        "currency": locale.currency,
        "country": locale.country,
        "messenger": locale.messenger,
        "privacy": locale.privacy,
        "today": today.isoformat(),
        "next_year": today.replace(year=today.year + 1, day=min(today.day, 28)).isoformat(),
        "disclaimer": _disclaimer(request),
        "ex": INDUSTRY_EXAMPLES[Industry(request.industry) if request.industry else None],
        "promises": ", ".join(p.value for p in promises_to_exclude(
            Industry(request.industry) if request.industry else None)),
    }


def _disclaimer(request: ScaffoldRequest) -> str:
    from crmplan.i18n import language

    with language(request.lang):
        text = _("Results depend on the organization, its execution, regulation and customer "
                 "segments; no revenue, conversion, exposure in AI search results or other "
                 "outcome is guaranteed.")
        if request.industry in (Industry.HEALTHCARE.value, Industry.BEAUTY_WELLNESS.value):
            text += " " + _("No treatment outcome is guaranteed.")
        if request.industry == Industry.HEALTHCARE.value:
            text += " " + _("The consultant performs no medical acts and gives no medical "
                            "advice.")
    return text


def _render(template: str, lang: str, context: dict[str, object]) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["yaml_text"] = yaml_text
    env.filters["comment"] = comment_lines
    return env.get_template(template).render(context)


def yaml_text(value: object) -> str:
    """``value`` as a YAML scalar that reads back as exactly the same text."""
    return emit_scalar(str(value))


def comment_lines(text: object, width: int = 96) -> str:
    """``text`` as YAML comment lines of at most ``width`` columns (CJK counts as two)."""
    lines: list[str] = []
    current, spaced = "#", True
    for token in _TOKEN.findall(str(text)):
        if token.isspace():
            spaced = True
            continue
        piece = (" " if spaced or current == "#" else "") + token
        if current != "#" and _display_width(current + piece) > width:
            lines.append(current)
            current, piece = "#", " " + token
        current, spaced = current + piece, False
    lines.append(current)
    return "\n".join(lines)


# words, spaces, and Chinese characters one by one (Chinese has no spaces to break at)
_HAN = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_TOKEN = re.compile(rf"\s+|[{_HAN}]|[^\s{_HAN}]+")


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _example_plan(request: ScaffoldRequest) -> bytes:
    from crmplan.plan.edit import EditablePlan

    source = examples_dir() / str(request.example) / "plan.yaml"
    text = source.read_text(encoding="utf-8")
    first, _newline, rest = text.partition("\n")
    if first.startswith("# yaml-language-server:"):
        text = PLAN_MODELINE + "\n" + rest
    document = EditablePlan.from_text(text, name=str(source))
    document.set_value(("client", "name"), request.client.strip())
    document.set_value(("client", "language"), request.lang)
    if request.industry is not None:
        document.set_value(("client", "industry"), request.industry)
    return document.render_bytes()
