"""``crmplan schema``: print the plan format."""

from __future__ import annotations

from crmplan import output
from crmplan.schema_docs import json_schema_text, markdown_reference


def run(format_: str) -> None:
    """Print the JSON Schema, or the Markdown reference of every field."""
    output.write(markdown_reference() if format_ in ("markdown", "md") else json_schema_text())
