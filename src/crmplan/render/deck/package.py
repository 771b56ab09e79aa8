"""The deck's package made reproducible: the same plan and date give the same bytes.

python-pptx stamps the archive's entries with the time of writing, and the workbooks
that hold each chart's data (written by XlsxWriter) carry their own archive times and
creation date. :func:`properties` fixes the document's core properties to the document
date; :func:`reproducible` rewrites the archive, and each embedded workbook, with that
date on every entry, in python-pptx's order (``[Content_Types].xml`` first)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from pptx.presentation import Presentation as Deck

from crmplan.render.model.top import RenderContext

EARLIEST = dt.date(1980, 1, 1)  # a zip archive's dates start in 1980
STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def properties(deck: Deck, context: RenderContext, day: dt.date) -> None:
    """The core properties: the client's strategy, by the firm, created on ``day``."""
    core = deck.core_properties
    moment = dt.datetime.combine(max(day, EARLIEST), dt.time())
    core.title = context.client.name
    core.subject = "CRM strategy"
    core.author = context.engagement.firm or ""
    core.last_modified_by = context.engagement.firm or ""
    core.created = core.modified = moment
    core.last_printed = moment
    core.revision = 1
    core.keywords = core.comments = core.category = core.content_status = ""
    core.identifier = core.version = ""
    core.language = context.lang


def reproducible(data: bytes, day: dt.date) -> bytes:
    """``data`` (a .pptx) with every entry dated ``day``, embedded workbooks too."""
    return _rezipped(data, day, inner=True)


def _rezipped(data: bytes, day: dt.date, inner: bool) -> bytes:
    stamp = max(day, EARLIEST)
    when = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
    iso = stamp.isoformat().encode() + b"T00:00:00Z"
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            blob = source.read(entry.filename)
            if inner and entry.filename.endswith(".xlsx"):
                blob = _rezipped(blob, day, inner=False)
            elif entry.filename == "docProps/core.xml" and not inner:
                blob = STAMP.sub(rb"\g<1>" + iso + rb"\g<2>", blob)
            fixed = zipfile.ZipInfo(entry.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, blob)
    return out.getvalue()
