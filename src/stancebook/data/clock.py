"""The build date: today, or the date of ``SOURCE_DATE_EPOCH`` when it is set (reproducible builds). The data's
rules refuse a date after it; the footer of every page gives it."""

from __future__ import annotations

import datetime as dt
import os


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
