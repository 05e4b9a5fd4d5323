#!/usr/bin/env python3
"""Where the app JVM's CPU went, from a JFR recording: `jfr_profile.py recording.jfr [jfr-binary]`.

The embedded default runs Kafka's broker and the Stripe stand-in inside the app JVM, so samples are first
split by thread (with ids and counters dropped from the names); then the hottest leaf frames, the
libraries a sample passes through (inclusive), the Surge frames closest to the leaf, and which
exceptions are thrown how often. Standard library only; reads `jfr print` text output.
"""
import collections
import re
import subprocess
import sys

recording = sys.argv[1]
jfr = sys.argv[2] if len(sys.argv) > 2 else "jfr"

LIBRARIES = [
    ("Surge", "dev.surge."), ("Stripe stand-in (embedded)", "dev.surge.payments.stub."),
    ("stripe-java", "com.stripe."), ("gson", "com.google.gson."), ("Kafka", "org.apache.kafka."),
    ("kafka (scala broker)", "kafka."), ("Reactor Netty", "reactor.netty."), ("Netty", "io.netty."),
    ("Reactor core", "reactor.core."), ("R2DBC PostgreSQL", "io.r2dbc.postgresql."), ("r2dbc-pool", "io.r2dbc.pool."),
    ("Lettuce", "io.lettuce."), ("Spring Security", "org.springframework.security."),
    ("Spring Web", "org.springframework.web."), ("Spring HTTP codecs", "org.springframework.http."),
    ("Jackson", "com.fasterxml.jackson."), ("Jackson 3", "tools.jackson."), ("Micrometer", "io.micrometer."),
    ("Nimbus JOSE/JWT", "com.nimbusds."), ("Resilience4j", "io.github.resilience4j."),
    ("Flyway", "org.flywaydb."), ("JDK crypto", "sun.security."), ("JDK HTTP server", "sun.net.httpserver."),
    ("logging", "ch.qos.logback."), ("context propagation", "io.micrometer.context."),
]


def events(name, depth):
    text = subprocess.run([jfr, "print", "--events", name, "--stack-depth", str(depth), recording],
                          capture_output=True, text=True, check=True).stdout
    for block in text.split("\n}\n"):
        thread = re.search(r'sampledThread = "([^"]*)"', block) or re.search(r'eventThread = "([^"]*)"', block)
        frames = re.findall(r"^\s{4}([\w$.<>/]+)\(.*?\)(?: line: \d+)?", block, re.M)
        thrown = re.search(r"thrownClass = ([\w$.]+)", block)
        yield (thread.group(1) if thread else "?"), frames, (thrown.group(1) if thrown else None)


def thread_group(name):
    name = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "<id>", name)
    return re.sub(r"\d+", "N", name)


def top(counter, total, limit, title):
    print(f"\n{title}")
    for key, count in counter.most_common(limit):
        print(f"  {100 * count / total:5.1f}%  {count:6d}  {key}")


samples = list(events("jdk.ExecutionSample", 64))
total = len(samples)
print(f"{total} execution samples (about 20 ms apart per running thread)")
threads, leaves, libraries, surge_frames = (collections.Counter() for _ in range(4))
for thread, frames, _ in samples:
    threads[thread_group(thread)] += 1
    if frames:
        leaves[frames[0]] += 1
    seen = set()
    for frame in frames:
        for library, prefix in LIBRARIES:
            if frame.startswith(prefix) and library not in seen:
                seen.add(library)
                libraries[library] += 1
    surge = next((frame for frame in frames if frame.startswith("dev.surge.")), None)
    if surge:
        surge_frames[surge] += 1
top(threads, total, 15, "Samples by thread")
top(libraries, total, 25, "Samples passing through a library (inclusive; a sample counts for several)")
top(leaves, total, 25, "Hottest leaf frames (self time)")
top(surge_frames, total, 25, "Surge frame closest to the leaf (inclusive of what it calls)")

exceptions = collections.Counter()
throwers = collections.Counter()
for thread, frames, thrown in events("jdk.JavaExceptionThrow", 24):
    if thrown:
        exceptions[thrown] += 1
        origin = next((frame for frame in frames if not frame.startswith(("java.", "jdk.", "sun."))), "?")
        throwers[f"{thrown} from {origin}"] += 1
thrown_total = sum(exceptions.values()) or 1
top(exceptions, thrown_total, 10, f"Exceptions constructed ({sum(exceptions.values())} in the recording)")
top(throwers, thrown_total, 10, "... and where (first non-JDK frame)")
