"""``crmplan render``: the deliverables of a plan, as Markdown, self-contained HTML and PDF.

- :func:`crmplan.render.context.build_context` turns a plan's analyses into the
  render context, typed read-only records (:mod:`crmplan.render.model`, from
  which docs/templates.md's table of it is generated);
- :func:`crmplan.render.engine.render_documents` renders each document in
  each format through the templates (:mod:`crmplan.render.environment`,
  sandboxed and limited by :mod:`crmplan.render.sandbox`);
- :func:`crmplan.render.pdf.to_pdf` typesets an HTML document as PDF (WeasyPrint, the
  extra ``crmplan[pdf]``), with the line breaks of :mod:`crmplan.render.breaks`;
- :func:`crmplan.render.write.write_documents` writes them, all or nothing;
- :mod:`crmplan.render.charts` draws the SVG charts, :mod:`crmplan.render.xychart`
  the Mermaid KPI trends.
"""
