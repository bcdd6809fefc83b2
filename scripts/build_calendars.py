#!/usr/bin/env python3
"""Rebuilds the calendar tables the dates engine uses for holidays of other calendars:

- src/dates/hijri.txt: Umm al-Qura month lengths, for Islamic holidays. Source: PyPI `hijridate` 2.6.0 (MIT).
- src/dates/lunar.txt: the day of the Chinese (lunar) New Year per year. Source: PyPI `LunarCalendar` 0.0.9 (MIT;
  only its table-driven converter module is loaded, not the parts that need `ephem`).

Both packages are installed into a throwaway folder ($DATELINE_CALENDARS_WORK, default /tmp/dateline-calendars) when
missing and reused when present.

hijri.txt:
Output (text, a few hundred bytes): comment lines, then `START <hijri year> <ISO date of its 1 Muharram>`, then one line
per Hijri year from that one on: twelve digits, 0 for a 29-day month and 1 for a 30-day one (Muharram first).
Each year starts where the last one ended, so the lines carry everything. Observance may differ by a day from country
to country; Umm al-Qura is Saudi Arabia's civil calendar.
"""
import datetime
import importlib
import os
import subprocess
import sys
import types

FIRST_YEAR, LAST_YEAR = 1365, 1480  # 1945 .. 2058 (the table has a 28-day month in 1364): news from the last decades and the coming ones

work = os.environ.get("DATELINE_CALENDARS_WORK", "/tmp/dateline-calendars")
target = os.path.join(work, "pip")
for package, spec in (("hijridate", "hijridate==2.6.0"), ("lunarcalendar", "LunarCalendar==0.0.9")):
    if not os.path.isdir(os.path.join(target, package)):
        os.makedirs(target, exist_ok=True)
        subprocess.check_call(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", target, spec]
        )
sys.path.insert(0, target)
from hijridate import Hijri  # noqa: E402

out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "dates", "hijri.txt")
lines = [
    "# Umm al-Qura month lengths, built by scripts/build_calendars.py from PyPI hijridate 2.6.0 (MIT). Do not edit.",
    "# START <hijri year> <its 1 Muharram>; then per year twelve digits: 1 = a 30-day month, 0 = 29 days.",
    f"START {FIRST_YEAR} {Hijri(FIRST_YEAR, 1, 1).to_gregorian().isoformat()}",
]
# Month lengths from the differences of month starts, so the lines chain exactly whatever `month_length` says.
starts = [Hijri(y, m, 1).to_gregorian() for y in range(FIRST_YEAR, LAST_YEAR + 1) for m in range(1, 13)]
starts.append(Hijri(LAST_YEAR + 1, 1, 1).to_gregorian())
lengths = [(b - a).days for a, b in zip(starts, starts[1:])]
assert set(lengths) <= {29, 30}, set(lengths)
for i in range(0, len(lengths), 12):
    lines.append("".join("1" if n == 30 else "0" for n in lengths[i : i + 12]))
with open(out_path, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
print(f"wrote {out_path}: Hijri years {FIRST_YEAR}-{LAST_YEAR}")

# lunar.txt: the package's __init__ pulls in solar terms (pytz, ephem); the converter alone is table-driven.
package = types.ModuleType("lunarcalendar")
package.__path__ = [os.path.join(target, "lunarcalendar")]
sys.modules["lunarcalendar"] = package
converter = importlib.import_module("lunarcalendar.converter")
FIRST_LUNAR, LAST_LUNAR = 1950, 2060
SYMBOLS = "0123456789ABCDEFGHIJKLMNOPQRSTU"  # days after 21 January (the feast falls from 21 January to 20 February)
days = []
for year in range(FIRST_LUNAR, LAST_LUNAR + 1):
    solar = converter.Converter.Lunar2Solar(converter.Lunar(year, 1, 1, isleap=False))
    offset = (datetime.date(solar.year, solar.month, solar.day) - datetime.date(year, 1, 21)).days
    assert 0 <= offset < len(SYMBOLS), (year, offset)
    days.append(SYMBOLS[offset])
lunar_path = os.path.join(os.path.dirname(out_path), "lunar.txt")
with open(lunar_path, "w", encoding="utf-8") as f:
    f.write(
        "# Chinese New Year, built by scripts/build_calendars.py from PyPI LunarCalendar 0.0.9 (MIT). Do not edit.\n"
        f"# START {FIRST_LUNAR}; then one symbol per year, its days after 21 January in base 31 (0-9, A-U).\n"
        f"START {FIRST_LUNAR}\n" + "".join(days) + "\n"
    )
print(f"wrote {lunar_path}: {FIRST_LUNAR}-{LAST_LUNAR}")
