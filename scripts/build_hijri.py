#!/usr/bin/env python3
"""Rebuilds src/dates/hijri.txt, the Umm al-Qura month lengths the dates engine uses for Islamic holidays.

Source: PyPI `hijridate` (MIT; Umm al-Qura calendar tables), installed into a throwaway folder
($DATELINE_HIJRI_WORK, default /tmp/dateline-hijri) when missing and reused when present.

Output (text, a few hundred bytes): comment lines, then `START <hijri year> <ISO date of its 1 Muharram>`, then one line
per Hijri year from that one on: twelve digits, 0 for a 29-day month and 1 for a 30-day one (Muharram first).
Each year starts where the last one ended, so the lines carry everything. Observance may differ by a day from country
to country; Umm al-Qura is Saudi Arabia's civil calendar.
"""
import os
import subprocess
import sys

FIRST_YEAR, LAST_YEAR = 1365, 1480  # 1945 .. 2058 (the table has a 28-day month in 1364): news from the last decades and the coming ones

work = os.environ.get("DATELINE_HIJRI_WORK", "/tmp/dateline-hijri")
target = os.path.join(work, "pip")
if not os.path.isdir(os.path.join(target, "hijridate")):
    os.makedirs(target, exist_ok=True)
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "--target", target, "hijridate==2.6.0"])
sys.path.insert(0, target)
from hijridate import Hijri  # noqa: E402

out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "dates", "hijri.txt")
lines = [
    "# Umm al-Qura month lengths, built by scripts/build_hijri.py from PyPI hijridate 2.6.0 (MIT). Do not edit.",
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
