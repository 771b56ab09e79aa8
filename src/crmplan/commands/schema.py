"""``crmplan schema``: print the plan format."""

from __future__ import annotations

from crmplan import output
from crmplan.schema_docs import json_schema_text, markdown_reference


def run(*, fmt: str) -> int:
    """Print the JSON Schema (``json``), or the Markdown reference of every field."""
    output.write(markdown_reference() if fmt in ("markdown", "md") else json_schema_text())
    return 0
