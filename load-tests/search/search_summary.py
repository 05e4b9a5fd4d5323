#!/usr/bin/env python3
"""Summarises search-bench.sh runs: per run, the 'All Requests' row of Gatling's report (count, req/s,
p50/p95/p99/max), then the median of the runs' p95. Standard library only. Usage: search_summary.py <out>"""
import re
import statistics
import sys
from pathlib import Path

COLUMNS = {2: "total", 4: "ko", 6: "perSecond", 8: "p50Ms", 10: "p95Ms", 11: "p99Ms", 12: "maxMs"}
out = Path(sys.argv[1])
rows = []
for report in sorted(out.glob("gatling/run-*/index.html")):
    page = report.read_text()
    for match in re.finditer(r'<tr id="([^"]+)"[^>]*>(.*?)</tr>', page, re.S):
        body = match.group(2)
        name = re.search(r'class="ellipsed-name">(.*?)</span>', body, re.S)
        if not name or name.group(1).strip() != "All Requests":
            continue
        values = {COLUMNS[int(c)]: float(v.strip()) for c, v in
                  re.findall(r'<td class="value [a-z ]*col-(\d+)">(.*?)</td>', body)
                  if int(c) in COLUMNS and v.strip().replace(".", "", 1).isdigit()}
        rows.append((report.parent.name, values))
lines = ["| run | requests | failed | req/s | p50 ms | p95 ms | p99 ms | max ms |", "|---|---|---|---|---|---|---|---|"]
for run, v in rows:
    lines.append(f"| {run} | {v.get('total', 0):.0f} | {v.get('ko', 0):.0f} | {v.get('perSecond', 0):.1f} | "
                 f"{v.get('p50Ms', 0):.0f} | {v.get('p95Ms', 0):.0f} | {v.get('p99Ms', 0):.0f} | {v.get('maxMs', 0):.0f} |")
if rows:
    lines.append("")
    lines.append(f"median p95 of {len(rows)} runs: {statistics.median(v.get('p95Ms', 0) for _, v in rows):.0f} ms")
(out / "summary.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
