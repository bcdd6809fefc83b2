"""Dateline as the map step of Dask: JSONL records from ../shared/corpora analysed by a dask.bag, checked record for
record against the same analysis done serially (and against the CLI's `dateline analyze --input jsonl` when the CLI
has that mode).

    python examples/dask/run.py [--check] [--cli PATH] [--scheduler ADDRESS] [--partitions N] [--min-records N]

With ``--scheduler tcp://host:8786`` the map runs on a dask.distributed cluster (each worker needs the ``dateline``
wheel installed); without it, on local threads (the analysis releases the GIL). See README.md.
"""

import argparse
import glob
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import dask
import dask.bag as db
import dateline

HERE = os.path.dirname(os.path.abspath(__file__))
CORPORA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpora"))
TAG = re.compile(r"<[^>]+>")
CREATION = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d\d-\d\d)')


def records(min_records):
    """JSONL records {id, text, dct?}: the paragraphs of the corpora's TimeML, MEANTIME and web files, markup
    stripped, each with its document's creation date when the file gives one."""
    out = []
    files = sorted(glob.glob(os.path.join(CORPORA, "**", "*"), recursive=True))
    for path in files:
        if not os.path.isfile(path) or not path.endswith((".tml", ".xml", ".html", ".txt")):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            raw = f.read()
        found = CREATION.search(raw)
        dct = found.group(1) if found else None
        text = html.unescape(TAG.sub(" ", raw))
        name = os.path.relpath(path, CORPORA)
        for i, para in enumerate(p.strip() for p in re.split(r"\n\s*\n", text)):
            if len(para) < 40:
                continue
            record = {"id": f"{name}#{i}", "text": para}
            if dct:
                record["dct"] = dct
            out.append(record)
    if len(out) < min_records:
        raise SystemExit(f"only {len(out)} records in {CORPORA}; {min_records} wanted")
    return out


def analyse(record):
    """The map step: one record's analysis, its id first."""
    return {"id": record["id"], **dateline.analyze(record["text"], dct=record.get("dct"))}


def cli_supports_jsonl(cli):
    probe = subprocess.run([cli, "analyze", "--input", "jsonl"], input='{"id":"p","text":"x"}\n',
                           capture_output=True, text=True)
    return probe.returncode == 0 and probe.stdout.strip().startswith("{")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the serial analysis (and the CLI)")
    parser.add_argument("--cli", default=shutil.which("dateline"), help="the dateline binary, for the CLI check")
    parser.add_argument("--scheduler", help="a dask.distributed scheduler address (tcp://host:8786)")
    parser.add_argument("--partitions", type=int, default=16)
    parser.add_argument("--min-records", type=int, default=1000)
    args = parser.parse_args()
    if not os.path.isdir(CORPORA):
        print(f"SKIP dask example: {CORPORA} is absent")
        return 0
    recs = records(args.min_records)
    work = tempfile.mkdtemp()
    try:
        jsonl = os.path.join(work, "records.jsonl")
        with open(jsonl, "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        bag = db.read_text(jsonl, blocksize=None).repartition(args.partitions).map(json.loads).map(analyse)
        started = time.perf_counter()
        if args.scheduler:
            from dask.distributed import Client  # only needed for a cluster

            with Client(args.scheduler):
                results = bag.compute()
        else:
            with dask.config.set(scheduler="threads"):
                results = bag.compute()
        elapsed = time.perf_counter() - started
        mb = sum(len(r["text"].encode()) for r in recs) / 1e6
        print(f"dask: {len(results)} records ({mb:.1f} MB) in {elapsed:.2f} s over {args.partitions} partitions")
        if not args.check:
            return 0
        expected = [analyse(r) for r in recs]
        assert [r["id"] for r in results] == [r["id"] for r in recs], "records out of order"
        bad = [r["id"] for r, e in zip(results, expected) if r != e]
        assert not bad, f"{len(bad)} records differ from the serial analysis, first {bad[:3]}"
        print(f"check: all {len(results)} records equal the serial analysis")
        if args.cli and cli_supports_jsonl(args.cli):
            out = subprocess.run([args.cli, "analyze", "--input", "jsonl", "--offsets", "char", jsonl],
                                 capture_output=True, text=True, check=True).stdout.splitlines()
            # The CLI writes {"id": …, "analysis": {…}} per record (or {"id": …, "error": …}).
            cli = [{"id": c["id"], **c.get("analysis", c)} for c in map(json.loads, out)]
            bad = [r["id"] for r, c in zip(results, cli) if r != c]
            assert len(cli) == len(results) and not bad, f"{len(bad)} records differ from the CLI, first {bad[:3]}"
            print(f"check: all {len(results)} records equal `dateline analyze --input jsonl`")
        else:
            print("check: the CLI has no `--input jsonl` mode in this build; compared with the serial analysis only")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
