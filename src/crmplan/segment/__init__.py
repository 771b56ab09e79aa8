"""Segment analysis: reach and value, task-force ranking, offers, measured campaigns.

The public entry points, for ``crmplan segment`` and for ``crmplan render``:

- :func:`crmplan.segment.engine.analyse` turns a loaded plan into a
  :class:`crmplan.segment.views.SegmentReport` (pure, deterministic);
- :func:`crmplan.segment.mermaid.quadrant_chart` writes the priority matrix
  as a Mermaid ``quadrantChart``;
- :func:`crmplan.segment.report.to_data` and
  :func:`crmplan.segment.report.to_markdown` give the stable JSON and the
  Markdown table.

Every rule is data in :mod:`crmplan.segment.rules`.
"""
