"""A deck as data: each slide's title, text, charts and notes, before any drawing.

The slide builders (:mod:`.opening`, :mod:`.closing`) turn the render context and the
plan's analyses into these records; :mod:`.draw` lays them out with python-pptx. A test
reads the records and the written deck side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

AREA_GAP = 182880  # between two boxes of a slide, 0.2 in


@dataclass(frozen=True)
class Series:
    """One series of a chart: its name in the legend and a value per category (None: no
    figure)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """A native chart: ``bar`` (horizontal bars), ``column``, ``line`` or ``scatter``.

    A scatter has one point per category, at (``series[0]``, ``series[1]``), labelled
    with the category; ``groups`` puts the categories of a line chart under a second
    level of labels (a journey's stages over its touchpoints)."""

    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    number_format: str = "General"
    bounds: tuple[float, float] | None = None
    axis_titles: tuple[str, str] = ("", "")
    groups: tuple[tuple[str, int], ...] = ()
    axis_format: str | None = None  # the value axis's, when not ``number_format``


@dataclass(frozen=True)
class Stop:
    """A phase on the rollout timeline: its label on the arrow, what and when below it."""

    label: str
    department: str
    period: str


@dataclass(frozen=True)
class Slide:
    """One slide: ``key`` names it for tests and the terminal (``decision``, ``kpis-1``,
    ``journey-vip``); ``step`` is the strategy step it shows (None for the cover, the
    decision and the disclaimer); ``levels`` puts a bullet under the one before it."""

    key: str
    title: str
    step: int | None = None
    bullets: tuple[str, ...] = ()
    charts: tuple[Chart, ...] = ()
    notes: tuple[str, ...] = ()
    timeline: tuple[Stop, ...] = ()
    kind: str = "content"
    subtitle: tuple[str, ...] = field(default=())
    levels: tuple[int, ...] = ()
    bulleted: bool = True  # False: the text is prose (the disclaimer), set without a mark

    def level(self, index: int) -> int:
        """The level of bullet ``index``: 0, or 1 for a bullet under the one before
        (``levels`` gives them; none given, every bullet is at 0)."""
        return self.levels[index] if index < len(self.levels) else 0


@dataclass(frozen=True)
class Area:
    """A rectangle of the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    def split(self, share: float) -> tuple[Area, Area]:
        """The area cut left and right, the left ``share`` of its width."""
        first = int(self.width * share) - AREA_GAP // 2
        second = self.width - first - AREA_GAP
        return (
            Area(self.left, self.top, first, self.height),
            Area(self.left + first + AREA_GAP, self.top, second, self.height),
        )

    def cut(self, height: int) -> tuple[Area, Area]:
        """The area's top ``height`` and what is below it."""
        return (
            Area(self.left, self.top, self.width, height),
            Area(
                self.left, self.top + height + AREA_GAP, self.width, self.height - height - AREA_GAP
            ),
        )
