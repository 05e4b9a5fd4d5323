#!/usr/bin/env python3
"""Writes summary.json and summary.md for one bench.sh run from what the run left in its folder.

Reads: machine.txt, redis-evalsha-p*.csv (redis-benchmark), pgbench-*.txt, floor.json, peak-search.json and
flash-sale.json (written by the simulations), Gatling's HTML reports (gatling/<simulation>/index.html: the
per-request statistics table, as 3.15 writes no stats.json), the console logs (error messages), the
CPU and Prometheus snapshots taken around each phase, and the JFR profile digest (jfr_profile.py). Standard library only.
"""
import csv
import html
import json
import re
import sys
from pathlib import Path

out = Path(sys.argv[1])

COLUMNS = {2: "total", 3: "ok", 4: "ko", 5: "koPercent", 6: "perSecond", 7: "minMs", 8: "p50Ms", 9: "p75Ms",
           10: "p95Ms", 11: "p99Ms", 12: "maxMs", 13: "meanMs"}


def read(name, default=""):
    path = out / name
    return path.read_text() if path.exists() else default


def json_file(name):
    text = read(name)
    return json.loads(text) if text.strip() else None


def number(text):
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return None


def gatling_table(simulation):
    """Rows of the report's statistics table as {path: stats}, path like 'All Requests' or 'group / request'."""
    report = out / "gatling" / simulation / "index.html"
    if not report.exists():
        return {}
    page = report.read_text()
    rows, names, parents = {}, {}, {}
    for match in re.finditer(r'<tr id="([^"]+)"(?:\s+data-parent="([^"]+)")?\s*>(.*?)</tr>', page, re.S):
        row_id, parent, body = match.groups()
        name = re.search(r'class="ellipsed-name">(.*?)</span>', body, re.S)
        if not name:
            continue
        names[row_id] = html.unescape(name.group(1).strip())
        parents[row_id] = parent
        values = {}
        for column, value in re.findall(r'<td class="value [a-z ]*col-(\d+)">(.*?)</td>', body):
            if int(column) in COLUMNS:
                values[COLUMNS[int(column)]] = number(value.strip())
        rows[row_id] = values
    table = {}
    for row_id, values in rows.items():
        path, parent = [names[row_id]], parents[row_id]
        while parent and parent != "ROOT" and parent in names:
            path.insert(0, names[parent])
            parent = parents[parent]
        table[" / ".join(path)] = values
    return table


def console_errors(log_name):
    """The '---- Errors ----' block of Gatling's final console summary."""
    lines = read(log_name).splitlines()
    errors, inside = [], False
    for line in lines:
        if line.startswith("---- Errors"):
            inside, errors = True, []
            continue
        if inside:
            if line.startswith("====") or not line.strip():
                inside = False
                continue
            errors.append(line.strip("> ").strip())
    return errors


def cpu(name):
    values = {}
    for line in read(name).splitlines():
        key, _, value = line.partition(" ")
        values[key] = int(value)
    return values


def cpu_between(start, end):
    a, b = cpu(start), cpu(end)
    if not a or not b:
        return None
    seconds = (b["wall_ms"] - a["wall_ms"]) / 1000
    figures = {"seconds": round(seconds, 1)}
    if "app_cpu_ticks" in a and "app_cpu_ticks" in b:
        figures["appCpuCores"] = round((b["app_cpu_ticks"] - a["app_cpu_ticks"]) / a["clock_ticks"] / seconds, 2)
    total = b["machine_total_ticks"] - a["machine_total_ticks"]
    if total:
        figures["machineBusyPercent"] = round(100 * (b["machine_busy_ticks"] - a["machine_busy_ticks"]) / total, 1)
    return figures


def samples(name):
    """(metric, labels text, value) of each sample in a Prometheus snapshot."""
    for line in read(name).splitlines():
        match = re.match(r'([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)', line)
        if match and not line.startswith("#"):
            try:
                yield match.group(1), match.group(2) or "", float(match.group(3))
            except ValueError:
                pass


def prometheus(name):
    """Sums every series of a metric name (labels dropped)."""
    sums = {}
    for metric, _, value in samples(name):
        sums[metric] = sums.get(metric, 0.0) + value
    return sums


def prometheus_series(name, metric, label):
    """One metric's series summed by one label's value (other labels dropped)."""
    sums = {}
    for found, labels, value in samples(name):
        named = re.search(label + r'="([^"]*)"', labels) if found == metric else None
        if named:
            sums[named.group(1)] = sums.get(named.group(1), 0.0) + value
    return sums


# Counted at Surge's clients (Prometheus), per kind of work or operation: noise-free per journey.
CLIENT_COUNTS = [
    ("postgresStatements", "surge_db_statements_total", "path"),
    ("postgresTransactions", "surge_db_transactions_total", "path"),
    ("stripeCalls", "surge_payments_stripe_calls_seconds_count", "operation"),
    ("redisScripts", "surge_inventory_script_seconds_count", "script"),
]


def client_counts_per_journey(start, end, journeys):
    if not journeys:
        return None
    figures = {}
    for key, metric, label in CLIENT_COUNTS:
        a, b = prometheus_series(start, metric, label), prometheus_series(end, metric, label)
        figures[key] = {name: round((b[name] - a.get(name, 0.0)) / journeys, 2) for name in sorted(b)
                        if b[name] - a.get(name, 0.0) > 0}
    return figures


def jvm_between(start, end):
    a, b = prometheus(start), prometheus(end)
    if not a or not b:
        return None

    def delta(metric):
        return b.get(metric, 0.0) - a.get(metric, 0.0)

    pauses = delta("jvm_gc_pause_seconds_count")
    return {
        "gcPauses": int(pauses),
        "gcPauseTotalMs": round(1000 * delta("jvm_gc_pause_seconds_sum"), 1),
        "gcPauseMaxMs": round(1000 * b.get("jvm_gc_pause_seconds_max", 0.0), 1),
        "allocatedMb": round(delta("jvm_gc_memory_allocated_bytes_total") / 2**20, 1),
        "heapUsedMbAtEnd": round(b.get("jvm_memory_used_bytes", 0.0) / 2**20, 1),
        "liveThreadsAtEnd": int(b.get("jvm_threads_live_threads", 0)),
        "processCpuUsageAtEnd": round(b.get("process_cpu_usage", 0.0), 2),
    }


def redis_limits():
    limits = {}
    for path in sorted(out.glob("redis-evalsha-p*.csv")):
        row = next(csv.reader(path.read_text().splitlines()))
        pipeline = int(re.search(r"-p(\d+)", path.name).group(1))
        limits[f"pipeline{pipeline}"] = {"opsPerSecond": float(row[1]), "p50Ms": float(row[4]),
                                         "p99Ms": float(row[6])}
    return limits


def pgbench_limits():
    runs = []
    for path in sorted(out.glob("pgbench-sync-*-c*.txt")):
        sync, clients = re.match(r"pgbench-sync-(\w+)-c(\d+)\.txt", path.name).groups()
        text = path.read_text()
        tps = re.search(r"^tps = ([\d.]+)", text, re.M)
        latency = re.search(r"^latency average = ([\d.]+) ms", text, re.M)
        failed = re.search(r"number of failed transactions: (\d+)", text)
        runs.append({"synchronousCommit": sync, "clients": int(clients),
                     "tps": float(tps.group(1)) if tps else None,
                     "latencyAverageMs": float(latency.group(1)) if latency else None,
                     "failed": int(failed.group(1)) if failed else None})
    return runs


machine = dict(line.split("=", 1) for line in read("machine.txt").splitlines() if "=" in line)
peak = json_file("peak-search.json")
flash = json_file("flash-sale.json")
exits = json_file("exit-codes.json") or {}
peak_table = gatling_table("peaksearchsimulation")
flash_table = gatling_table("flashsalesimulation")
surge_sync = read("surge-postgres-synchronous-commit.txt").strip() or "unknown"
pgbench = pgbench_limits()
redis = redis_limits()

reference_sync = surge_sync if surge_sync in ("on", "off") else "off"
reference_runs = [run for run in pgbench if run["synchronousCommit"] == reference_sync and run["tps"]]
pg_limit = max((run["tps"] for run in reference_runs), default=None)
durable_runs = [run for run in pgbench if run["synchronousCommit"] == "on" and run["tps"]]
pg_durable_limit = max((run["tps"] for run in durable_runs), default=None)
redis_limit = max((figures["opsPerSecond"] for figures in redis.values()), default=None)
peak_rate = peak["peakCheckoutsPerSecond"] if peak else None
peak_level = next((level for level in (peak or {}).get("levels", []) if level["targetRate"] == peak_rate), None)
achieved = peak_level["checkoutsPerSecond"] if peak_level else None


def ratio(value, limit):
    return round(value / limit, 4) if value is not None and limit else None


peak_group = f"{peak_rate} checkouts per s" if peak_rate else None


def counts(name):
    return {key: int(value) for key, value in
            (line.split() for line in read(name).splitlines() if len(line.split()) == 2 and line.split()[1].isdigit())}


def work_per_journey(before, after, journeys):
    """What the storage servers did between two snapshots, per journey (checkouts attempted)."""
    first, last = counts(before), counts(after)
    if not journeys or not first or not last:
        return None
    delta = {key: last[key] - first[key] for key in last if key in first}
    return {"journeys": journeys, **{key: round(value / journeys, 2) for key, value in delta.items()}}


peak_journeys = sum(stats.get("total") or 0 for path, stats in peak_table.items()
                    if path.endswith(" / checkout"))
summary = {
    "machine": machine,
    "peakSearch": {
        "exitCode": exits.get("peakSearch"),
        "peakCheckoutsPerSecond": peak_rate,
        "achievedCheckoutsPerSecondAtPeak": achieved,
        "levels": (peak or {}).get("levels"),
        "requestsAtPeak": {path.split(" / ", 1)[1]: stats for path, stats in peak_table.items()
                           if peak_group and path.startswith(peak_group + " / ")},
        "allRequests": peak_table.get("All Requests"),
        "errors": console_errors("peak-search.log"),
        "cpu": cpu_between("before-peak.cpu", "after-peak.cpu"),
        "jvm": jvm_between("before-peak.prom", "after-peak.prom"),
        "workPerJourney": work_per_journey("before-peak.counts", "after-peak.counts", peak_journeys),
        "clientCountsPerJourney": client_counts_per_journey("before-peak.prom", "after-peak.prom", peak_journeys),
    },
    "flashSale": {
        "exitCode": exits.get("flashSale"),
        "verdict": flash,
        "requests": flash_table,
        "errors": console_errors("flash-sale.log"),
        "cpu": cpu_between("after-peak.cpu", "after-flash.cpu"),
        "jvm": jvm_between("after-peak.prom", "after-flash.prom"),
    },
    "floor": json_file("floor.json"),
    "limits": {
        "surgePostgresSynchronousCommit": surge_sync,
        "pgbenchOrderTransaction": pgbench,
        "pgbenchReferenceTps": pg_limit,
        "pgbenchDurableTps": pg_durable_limit,
        "redisEvalshaReserve": redis,
    },
    "ratios": {
        "peakToPostgresLimit": ratio(peak_rate, pg_limit),
        "peakToDurablePostgresLimit": ratio(peak_rate, pg_durable_limit),
        "peakToRedisLimit": ratio(peak_rate, redis_limit),
    },
}
(out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")


def fmt(value, digits=1):
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


md = ["# Surge benchmark", ""]
md.append(f"Machine: {machine.get('cpus', '?')} x {machine.get('cpu_model', '?')}, "
          f"{machine.get('memory_mb', '?')} MB, kernel {machine.get('kernel', '?')}; {machine.get('java', '?')}; "
          f"PostgreSQL {machine.get('postgres', '?')} and Redis {machine.get('redis', '?')} for the raw limits; "
          f"Surge {machine.get('surge_commit', '?')} on the embedded default (its PostgreSQL: "
          f"{read('surge-postgres-version.txt').strip().split(' on ')[0] or '?'}, synchronous_commit={surge_sync}). "
          f"Load generator, app, PostgreSQL and Redis share the machine. Run took "
          f"{machine.get('elapsed_seconds', '?')} s.")
md += ["", "## Headline", "",
       "| figure | value |", "|---|---|",
       f"| peak sustained checkout rate within SLO (p99 checkout < {(peak or {}).get('sloCheckoutP99Ms', '?')} ms, "
       f"< {(peak or {}).get('sloMaxFailedPercent', '?')} % failed) | **{fmt(peak_rate)}/s** "
       f"(achieved {fmt(achieved)}/s) |",
       f"| PostgreSQL order transaction limit (pgbench, synchronous_commit={reference_sync}) | {fmt(pg_limit)} tps |",
       f"| PostgreSQL order transaction limit, durable (synchronous_commit=on) | {fmt(pg_durable_limit)} tps |",
       f"| Redis EVALSHA reserve.lua limit | {fmt(redis_limit)} ops/s |",
       f"| Surge peak / PostgreSQL limit | **{fmt(summary['ratios']['peakToPostgresLimit'], 3)}** |",
       f"| Surge peak / durable PostgreSQL limit | {fmt(summary['ratios']['peakToDurablePostgresLimit'], 3)} |",
       f"| flash sale | {'PASS' if flash and flash.get('passed') else 'FAIL'}: "
       f"{fmt((flash or {}).get('orders'))} orders for {fmt((flash or {}).get('stock'))} units, "
       f"{fmt((flash or {}).get('refused'))} refused (409), oversold {fmt((flash or {}).get('oversold'))}, "
       f"available after {fmt((flash or {}).get('availableAfter'))}, refusal p99 "
       f"{fmt((flash or {}).get('refusedP99Ms'))} ms |"]
if flash and flash.get("queue"):
    md += [f"| flash sale's waiting room | {fmt(flash.get('queue'))} admissions/s: {fmt(flash.get('queued'))} "
           f"shoppers given places, admitted before someone who came up to "
           f"{fmt(flash.get('arrivalOrderSlackMaxMs'))} ms before them, sell-out learnt at most "
           f"{fmt(flash.get('soldOutNoticeMaxMs'))} ms after it (or after the shopper's own checkout) |"]

work = summary["peakSearch"]["workPerJourney"] or {}
md += ["", "## Work per journey (whole peak search, warm-up included; background work counted in)", "",
       "| figure | per journey |", "|---|---|",
       f"| journeys (checkouts attempted) | {fmt(work.get('journeys'))} |",
       f"| PostgreSQL transactions committed (pg_stat_database) | {fmt(work.get('pg_commits'))} |",
       f"| PostgreSQL transactions rolled back | {fmt(work.get('pg_rollbacks'))} |",
       f"| Redis commands, server side (calls inside scripts included) | {fmt(work.get('redis_commands'))} |",
       f"| Redis EVALSHA calls | {fmt(work.get('redis_evalsha'))} |"]
client = summary["peakSearch"].get("clientCountsPerJourney") or {}
for key, label in [("postgresStatements", "PostgreSQL statements at the client, by path"),
                   ("postgresTransactions", "PostgreSQL transactions at the client, by path"),
                   ("stripeCalls", "Stripe calls at the client, by operation"),
                   ("redisScripts", "Redis script calls at the client, by script")]:
    parts = client.get(key) or {}
    if parts:
        md += [f"| {label} | " + ", ".join(f"{name} {fmt(value, 2)}" for name, value in parts.items())
               + f" (all {fmt(round(sum(parts.values()), 2), 2)}) |"]
if "cpu_ms_machine" in work:
    # CPU ms per journey by process (/proc); the load generator is what the machine used beyond these.
    parts = [("Surge (app JVM)", "cpu_ms_surge"), ("Stripe stand-in (own JVM)", "cpu_ms_stripe_stub"),
             ("Kafka broker (own JVM)", "cpu_ms_kafka_broker"), ("PostgreSQL", "cpu_ms_postgres"),
             ("Redis", "cpu_ms_redis")]
    measured = sum(work.get(key) or 0 for _, key in parts)
    md += [f"| CPU ms, {label} | {fmt(work.get(key))} |" for label, key in parts]
    md += [f"| CPU ms, all but the load generator | **{fmt(measured)}** |",
           f"| CPU ms, load generator and the rest (machine minus the above) | "
           f"{fmt(round(work['cpu_ms_machine'] - measured, 2))} |",
           f"| CPU ms, machine | {fmt(work.get('cpu_ms_machine'))} |"]

floor = summary["floor"] or {}
md += ["", "## Framework floor (wrk, 2 threads, 64 connections, median of 3)", "",
       "| route | path | req/s | runs |", "|---|---|---|---|"]
for name, figures in floor.items():
    md.append(f"| {name} | `{figures['path']}` | **{fmt(figures['medianPerSecond'])}** | "
              f"{', '.join(fmt(run) for run in figures['runs'])} |")

md += ["", "## Peak search, per level", "",
       "| target/s | users | failed users | checkouts | achieved/s | checkout p50 ms | p95 ms | p99 ms | verdict |",
       "|---|---|---|---|---|---|---|---|---|"]
for level in (peak or {}).get("levels", []):
    md.append(f"| {level['targetRate']} | {level['users']} | {level['failedUsers']} | {level['checkouts']} | "
              f"{level['checkoutsPerSecond']:.1f} | {level['checkoutP50Ms']} | {level['checkoutP95Ms']} | "
              f"{level['checkoutP99Ms']} | {'PASS' if level['passed'] else 'FAIL'} |")


def request_table(title, table):
    lines = ["", f"## {title}", "", "| request | count | KO | p50 ms | p95 ms | p99 ms | max ms |",
             "|---|---|---|---|---|---|---|"]
    for path, stats in table.items():
        lines.append(f"| {path} | {fmt(stats.get('total'))} | {fmt(stats.get('ko'))} | {fmt(stats.get('p50Ms'))} | "
                     f"{fmt(stats.get('p95Ms'))} | {fmt(stats.get('p99Ms'))} | {fmt(stats.get('maxMs'))} |")
    return lines


md += request_table(f"Requests at the peak level ({peak_group})", summary["peakSearch"]["requestsAtPeak"])
md += request_table("Requests of the whole peak search, by level (Gatling)", peak_table)
md += request_table("Flash sale requests (Gatling)", flash_table)

md += ["", "## Errors", ""]
for phase, errors in (("peak search", summary["peakSearch"]["errors"]), ("flash sale", summary["flashSale"]["errors"])):
    md.append(f"- {phase}: " + ("; ".join(errors) if errors else "none"))

md += ["", "## CPU and JVM", "", "| phase | seconds | app CPU (cores) | machine busy % | GC pauses | GC pause total ms | "
       "allocated MB | heap used MB at end | threads |", "|---|---|---|---|---|---|---|---|---|"]
for phase, key in (("peak search", "peakSearch"), ("flash sale", "flashSale")):
    c, j = summary[key]["cpu"] or {}, summary[key]["jvm"] or {}
    md.append(f"| {phase} | {fmt(c.get('seconds'))} | {fmt(c.get('appCpuCores'), 2)} | "
              f"{fmt(c.get('machineBusyPercent'))} | {fmt(j.get('gcPauses'))} | {fmt(j.get('gcPauseTotalMs'))} | "
              f"{fmt(j.get('allocatedMb'))} | {fmt(j.get('heapUsedMbAtEnd'))} | {fmt(j.get('liveThreadsAtEnd'))} |")

md += ["", "## Raw limits", "", "| step | setting | figure |", "|---|---|---|"]
for run in pgbench:
    md.append(f"| pgbench order_tx.sql | synchronous_commit={run['synchronousCommit']}, {run['clients']} clients | "
              f"{fmt(run['tps'])} tps, {fmt(run['latencyAverageMs'], 2)} ms average |")
for name, figures in redis.items():
    md.append(f"| redis-benchmark EVALSHA reserve.lua | 64 connections, {name} | {fmt(figures['opsPerSecond'])} ops/s, "
              f"p99 {fmt(figures['p99Ms'], 2)} ms |")

profile = read("jfr-profile.txt")
if profile.strip():
    md += ["", "## Profile (JFR over the whole load; jfr_profile.py)", "", "```", *profile.strip().splitlines()[:75],
           "```"]

md += ["", f"Gatling reports: gatling/peaksearchsimulation/index.html, gatling/flashsalesimulation/index.html.", ""]
(out / "summary.md").write_text("\n".join(md))
print("\n".join(md[:20]))
print(f"\nWritten: {out / 'summary.md'}, {out / 'summary.json'}")
