#!/usr/bin/env python3
"""claimdiff on Apache Spark (local mode): extraction as a map over
partitions of a large JSONL file, then grouping and comparison on the
records, and a check that the report equals a direct run's.

    pip install pyspark            # Java 17 must be on the machine
    cargo build --release
    python3 scripts/spark_demo.py [--limit N] [--partitions P] [CORPUS]

CORPUS defaults to ../shared/data/abp-articles.jsonl.gz. The publishers'
text stays where it is: samples and records go to a temporary folder that
is removed afterwards. See docs/scale.md for what each step stands for on a
real cluster.
"""

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?",
                    default=os.path.join(ROOT, "..", "shared", "data", "abp-articles.jsonl.gz"))
    ap.add_argument("--limit", type=int, default=5000,
                    help="articles to take from the corpus (0: all)")
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--bin", default=os.environ.get(
        "CLAIMDIFF_BIN", os.path.join(ROOT, "target", "release", "claimdiff")))
    ap.add_argument("--no-check", action="store_true",
                    help="skip the direct run that the report is checked against")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        sys.exit(f"spark_demo: {binary} not found; run `cargo build --release` first")
    if not os.path.exists(args.corpus):
        sys.exit(f"spark_demo: {args.corpus} not found")

    from pyspark.sql import SparkSession

    tmp = tempfile.mkdtemp(prefix="claimdiff-spark-")
    try:
        # The input: the first N lines of the corpus, as one JSONL file (a
        # stand-in for a file in distributed storage).
        name = os.path.join(tmp, "corpus.jsonl")
        with gzip.open(args.corpus, "rb") as src, open(name, "wb") as dst:
            for i, line in enumerate(src):
                if args.limit and i >= args.limit:
                    break
                dst.write(line)
        size = os.path.getsize(name)

        spark = (SparkSession.builder.master("local[*]").appName("claimdiff")
                 .config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false")
                 .config("spark.driver.memory", "4g").getOrCreate())
        sc = spark.sparkContext
        sc.setLogLevel("ERROR")
        t0 = time.time()

        # Lines with their index, range-partitioned so that each partition
        # is a contiguous run of lines, in order.
        lines = sc.textFile(name).zipWithIndex().map(lambda p: (p[1], p[0]))
        n = lines.count()
        parts = args.partitions
        ranged = lines.partitionBy(parts, lambda i: i * parts // max(n, 1)) \
                      .mapPartitions(lambda it: iter(sorted(it)), preservesPartitioning=True)
        ranged.cache()
        # Each partition's first line and its bytes give every partition's
        # byte offset in the file (lines end in "\n" and are UTF-8, as JSONL is).
        sizes = ranged.mapPartitionsWithIndex(
            lambda p, it: [(p, _first_and_bytes(it))]).collect()
        starts, offset = {}, 0
        for p, (first, nbytes) in sorted(sizes):
            starts[p] = (offset, first)
            offset += nbytes
        starts = sc.broadcast(starts)
        t_split = time.time()

        # Map: each partition's lines go through `claimdiff extract` on
        # standard input, located in the whole file by --stdin-as/--stdin-at.
        def extract(p, it):
            byte, first = starts.value[p]
            if first is None:
                return iter(())
            cmd = [binary, "extract", "--no-config", "-j", "1", "--stdin-as", name,
                   "--stdin-at", f"{byte},{first}", "-"]
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL)
            data = "".join(line + "\n" for _, line in it).encode("utf-8")
            out, _ = proc.communicate(data)
            if proc.returncode != 0:
                raise RuntimeError(f"claimdiff extract failed on partition {p}")
            return iter(out.decode("utf-8").splitlines())

        records = ranged.mapPartitionsWithIndex(extract)
        out_dir = os.path.join(tmp, "claims")
        records.saveAsTextFile(out_dir)
        t_map = time.time()

        # Grouping keys: document frequencies of the records' terms, a
        # shuffle by term id. Only terms in two or more documents can link
        # documents into events; the reduce below uses the same records.
        df = sc.textFile(out_dir).flatMap(
            lambda l: [(t, 1) for t, _ in _terms(l)]
        ).reduceByKey(lambda a, b: a + b)
        terms = df.count()
        linking = df.filter(lambda kv: kv[1] > 1).count()
        t_keys = time.time()
        version = spark.version
        spark.stop()

        # Reduce: grouping and comparison over all records, on one machine.
        report = os.path.join(tmp, "from-claims.json")
        with open(report, "wb") as f:
            r = subprocess.run([binary, "compare", "--no-config", "--exit-zero",
                                "--format", "json", "--from-claims", out_dir],
                               stdout=f, stderr=subprocess.PIPE)
        if r.returncode != 0:
            sys.exit(f"compare --from-claims failed: {r.stderr.decode()}")
        t_reduce = time.time()
        rec_bytes = sum(os.path.getsize(os.path.join(out_dir, f))
                        for f in os.listdir(out_dir) if f.startswith("part-"))
        result = json.load(open(report))
        formed = sum(1 for e in result["events"] if len(e["documents"]) > 1)

        print(f"machine: {os.uname().machine}, {os.cpu_count()} cores; Spark {version} local[*]")
        print(f"input: {n} articles, {size / 1e6:.1f} MB of JSONL, {parts} partitions")
        print(f"split into ranges:        {t_split - t0:7.1f} s")
        print(f"map (claimdiff extract):  {t_map - t_split:7.1f} s   "
              f"{rec_bytes / 1e6:.1f} MB of records")
        print(f"grouping keys (shuffle):  {t_keys - t_map:7.1f} s   {terms} terms, "
              f"{linking} in two or more documents")
        print(f"reduce (compare --from-claims): {t_reduce - t_keys:7.1f} s   "
              f"{formed} events formed, {len(result['findings'])} findings, "
              f"{len(result['agreements'])} agreements")
        if not args.no_check:
            direct = os.path.join(tmp, "direct.json")
            t = time.time()
            with open(direct, "wb") as f:
                subprocess.run([binary, "compare", "--no-config", "--exit-zero",
                                "--format", "json", name], stdout=f,
                               stderr=subprocess.DEVNULL, check=True)
            same = open(direct, "rb").read() == open(report, "rb").read()
            print(f"direct run (compare on the file): {time.time() - t:7.1f} s")
            print("report equals the direct run's, byte for byte:", "yes" if same else "NO")
            if not same:
                sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _terms(line):
    """A record's grouping terms. The writer puts "terms" just before
    "claims", so only that slice is parsed; anything else parses whole."""
    start, end = line.find(',"terms":'), line.find(',"claims":')
    if 0 < start < end:
        return json.loads(line[start + len(',"terms":'):end])
    return json.loads(line).get("terms", [])


def _first_and_bytes(it):
    first, nbytes = None, 0
    for i, line in it:
        if first is None:
            first = i
        nbytes += len(line.encode("utf-8")) + 1
    return first, nbytes


if __name__ == "__main__":
    main()
