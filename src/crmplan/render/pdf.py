"""A rendered HTML document typeset as PDF by WeasyPrint (the optional extra
``crmplan[pdf]``).

The HTML is the one ``--format html`` writes, with its print style sheet (paper size,
running header, page numbers, the contents' page numbers); :func:`crmplan.render.breaks
.print_breaks` first makes its line breaks explicit for the engine. Fonts are embedded
(subsets), headings become bookmarks, links stay links, and the title, author (the
consultant), language and dates come from the document's ``<head>``: the dates are the
document's date, so the same plan gives the same PDF, byte for byte.

WeasyPrint fetches nothing here: the documents are self-contained, and a ``--templates``
folder that refers to a file or a web address gets an empty resource, never the file.
"""

from __future__ import annotations

import hashlib
from types import ModuleType
from typing import Any

from crmplan.errors import UsageError
from crmplan.i18n import _
from crmplan.render.breaks import print_breaks, unjoined

EXTRA = "crmplan[pdf]"
DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk"


def engine() -> ModuleType:
    """The WeasyPrint module, or a usage error that says what to install: the pip extra,
    and the system libraries it draws text with (Pango) and the CJK fonts."""
    try:
        import weasyprint
    except ImportError:
        raise _missing(_("WeasyPrint is not installed")) from None
    except OSError as exc:  # the Python package is there, Pango is not
        raise _missing(
            _("WeasyPrint cannot load its system libraries ({reason})").format(reason=exc)
        ) from None
    return weasyprint  # type: ignore[no-any-return]


def _missing(reason: str) -> UsageError:
    return UsageError(
        _("--format pdf needs the PDF engine: {reason}").format(reason=reason),
        hint=_(
            "install it with: pip install '{extra}', and on Debian or Ubuntu: apt-get "
            "install {packages}"
        ).format(extra=EXTRA, packages=DEBIAN_PACKAGES),
    )


def to_pdf(html: str) -> bytes:
    """The PDF of the rendered document ``html``: the same HTML gives the same
    bytes (the file identifier is the HTML's digest, the dates are in its ``<head>``)."""
    return written(layout(html), html)


def written(document: Any, html: str) -> bytes:
    """The PDF of ``document``, the layout of ``html``."""
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    for page in document.pages:  # a bookmark is the heading's text as a reader searches it
        page.bookmarks = [(level, unjoined(label), *rest) for level, label, *rest in page.bookmarks]
    data: bytes = document.write_pdf(pdf_identifier=identifier)
    return data


def layout(html: str) -> Any:
    """The laid-out pages of ``html`` as the PDF prints them (a ``weasyprint.Document``),
    for the tests that look at where lines and pages end."""
    return _source(html).render()


def _source(html: str) -> Any:
    """WeasyPrint's document of ``html``, with a fetcher that reads nothing but ``data:``
    addresses (a file or a web address is refused, and its resource left empty)."""
    weasyprint = engine()
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=("data",))
    return weasyprint.HTML(string=print_breaks(html), base_url="about:blank", url_fetcher=fetcher)
