"""The publishing calendar: weekly episodes and half-monthly bulletin issues.

An episode airs on Wednesday of ISO week `2017-W23` and covers the records
dated from the previous Wednesday to the Tuesday before air. A bulletin issue
covers half a month (1st-15th, 16th-end) and is numbered through the year,
`2017-23` being the 23rd issue of 2017.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.clock import month_end
from generator.records.editorial import EPISODE_ID, ISSUE_ID
from generator.records.models import Record
from generator.records.public import PublicView

WEDNESDAY = 3


@dataclass(frozen=True)
class Period:
    """Dates from `start` to `end`, both included."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def records(self, view: PublicView, kind: type[Record]) -> list[Record]:
        return list(view.between(kind, self.start, self.end))


@dataclass(frozen=True, order=True)
class Episode:
    """One weekly programme, by ISO week."""

    year: int
    week: int

    @property
    def id(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def air_date(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, WEDNESDAY)

    @property
    def page(self) -> str:
        """The episode's page on the site, relative to the site's address."""
        return f"episode/{self.id}/"

    @property
    def period(self) -> Period:
        return Period(self.air_date - dt.timedelta(days=7), self.air_date - dt.timedelta(days=1))

    @classmethod
    def parse(cls, text: str) -> Episode:
        match = EPISODE_ID.match(text)
        if match is None:
            raise ValueError(f"'{text}' is not an episode id like 2017-W23")
        year, week = int(match[1]), int(match[2])
        try:
            dt.date.fromisocalendar(year, week, WEDNESDAY)
        except ValueError:
            raise ValueError(f"{year} has no ISO week {week}") from None
        return cls(year, week)

    def on(self, as_of: dt.date) -> dt.date:
        """The date the episode speaks for: its air date, or `as_of` while it is still being prepared."""
        return min(self.air_date, as_of)

    @classmethod
    def airing_in_week_of(cls, day: dt.date) -> Episode:
        """The episode that airs in the ISO week of `day` ("this week's programme")."""
        year, week, _ = day.isocalendar()
        return cls(year, week)

    def next(self) -> Episode:
        year, week, _ = (self.air_date + dt.timedelta(days=7)).isocalendar()
        return Episode(year, week)

    @classmethod
    def covering(cls, day: dt.date) -> Episode:
        """The episode whose period includes `day`: the first Wednesday after it airs it."""
        ahead = (WEDNESDAY - day.isoweekday()) % 7 or 7
        year, week, _ = (day + dt.timedelta(days=ahead)).isocalendar()
        return cls(year, week)


@dataclass(frozen=True, order=True)
class Issue:
    """One issue of the bulletin: half a month, numbered 1-24 through the year."""

    year: int
    number: int

    @property
    def id(self) -> str:
        return f"{self.year}-{self.number:02d}"

    @property
    def page(self) -> str:
        """The issue's page on the site (what its QR code opens), relative to the site's address."""
        return f"bulletin/{self.id}/"

    @property
    def period(self) -> Period:
        month = (self.number + 1) // 2
        if self.number % 2:
            return Period(dt.date(self.year, month, 1), dt.date(self.year, month, 15))
        return Period(dt.date(self.year, month, 16), month_end(self.year, month))

    def on(self, as_of: dt.date) -> dt.date:
        """The date the issue speaks for: the last day of its half month, or `as_of` while it is running."""
        return min(self.period.end, as_of)

    @classmethod
    def parse(cls, text: str) -> Issue:
        match = ISSUE_ID.match(text)
        if match is None:
            raise ValueError(f"'{text}' is not a bulletin issue id like 2017-23 (issues 01-24)")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def covering(cls, day: dt.date) -> Issue:
        return cls(day.year, (day.month - 1) * 2 + (1 if day.day <= 15 else 2))

    def next(self) -> Issue:
        return Issue(self.year, self.number + 1) if self.number < 24 else Issue(self.year + 1, 1)
