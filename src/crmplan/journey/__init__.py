"""``crmplan journey``: the customer journey map, checked.

:func:`crmplan.journey.build.build_report` turns a loaded plan into
:class:`crmplan.journey.data.JourneyReport`; :mod:`crmplan.journey.report`
writes it as JSON and Markdown, :mod:`crmplan.journey.mermaid` as a Mermaid
``journey`` diagram, :mod:`crmplan.journey.text` as terminal lines.
:mod:`crmplan.journey.coverage` finds the gaps and works on the models alone.
"""
