"""The render context as types: what every template receives, part by part.

Each part is a :class:`~crmplan.render.model.record.Record`, a frozen, keyword-only
dataclass with slots: templates read it by attribute (``row.name``) or, as the
plain dicts it replaced, by key (``row["name"]``); nothing in it can be changed or
called to change it. Lists are tuples. Every class and field carries a
description, from which docs/templates.md's table of the context is generated
(:mod:`crmplan.render.model.reference`).

- :mod:`~crmplan.render.model.record`: the base of every part;
- :mod:`~crmplan.render.model.base`: to-dos, labelled texts, trends;
- :mod:`~crmplan.render.model.top`: :class:`RenderContext`, the client, the engagement, steps;
- :mod:`~crmplan.render.model.goals`: steps 1, 2 and 5 (goals, baseline, gaps);
- :mod:`~crmplan.render.model.segments`: step 3;
- :mod:`~crmplan.render.model.journeys`: step 4 and the journey map document;
- :mod:`~crmplan.render.model.strategy`: steps 6 to 10 and the activity plan;
- :mod:`~crmplan.render.model.assessment`: the assessment memo;
- :mod:`~crmplan.render.model.review`: the review report;
- :mod:`~crmplan.render.model.practice`: what the method asks beyond each step's core.
"""
