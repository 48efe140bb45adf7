"""What "today" is for a build: SOURCE_DATE_EPOCH when set, so builds can be reproduced."""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    """The build date: from SOURCE_DATE_EPOCH (UTC) when set, else the local date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def month_end(year: int, month: int) -> dt.date:
    """Last day of a month."""
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
