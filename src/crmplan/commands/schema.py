"""``crmplan schema``: print the plan format."""

from __future__ import annotations

import sys

from crmplan.schema_docs import json_schema_text, markdown_reference


def run(output: str) -> None:
    """Print the JSON Schema, or the Markdown reference of every field."""
    sys.stdout.write(markdown_reference() if output == "markdown" else json_schema_text())
