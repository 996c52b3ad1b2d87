"""Benchmark (not a test): classification's CPU per mail over every corpus of the repository.

The mails of tests/corpus (automated/, people/, tests/automated_corpus.py), tests/corpus/real/*
and tests/heldout*/{machines,people}, each with the envelope the measuring tools give it (the
file's Return-Path), go through what the pipeline runs (`Preparer.prepare`: parse_mail, then
classify). In one run, mail by mail, it times
  1. the parse alone (parse_mail), the baseline;
  2. classify on the parsed mail;
and prints the median of several rounds per mail, then over the mails classify's median, p99 and
worst in ms of CPU, the ratio of summed classify to summed parse, and the costliest mails (with
--profile, the function of ours that costs each of them most, by cProfile).

    python bench/classify.py [--rounds 5] [--worst 10] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gateway.config.load import settings_from_dict  # noqa: E402
from gateway.rules.classify import Envelope, classify  # noqa: E402
from gateway.rules.parse import parse_mail  # noqa: E402
from gateway.rules.prepare import Preparer  # noqa: E402
from tests.corpus_figures import real_samples, samples  # noqa: E402
from tests.heldout.measure import sender_of  # noqa: E402

RCPT = "technik@centron.de"


def corpus() -> list[tuple[str, bytes, str | None]]:
    """(name, raw, envelope sender) of every corpus mail, as the measuring tools take them."""
    found = [(name, raw, sender) for name, _, raw, sender, _ in samples()]
    found += [(name, raw, sender) for name, _, raw, sender, _ in real_samples("return-path")]
    for base in sorted(ROOT.glob("tests/heldout*/")):
        for path in sorted(base.glob("*/*.eml")):
            raw = path.read_bytes()
            found.append((str(path.relative_to(ROOT / "tests")), raw, sender_of(raw, "return-path")))
    return found


def context():
    settings = settings_from_dict({"database_url": "sqlite://", "outbox_dir": "/nonexistent"})
    return Preparer(settings).context


def cpu(fn, *args) -> float:
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


def timings(mails: list, rounds: int) -> list[tuple[str, float, float]]:
    """(name, parse ms, classify ms) per mail, each the median of `rounds` CPU times. A round
    goes through every mail once, so that no answer the rules keep for the last few mails is
    found again: each mail is classified as the pipeline classifies it, once."""
    ctx = context()
    items = [(parse_mail(raw), raw, Envelope(sender, RCPT, "pipe")) for _, raw, sender in mails]
    parse: list[list[float]] = [[] for _ in items]
    clas: list[list[float]] = [[] for _ in items]
    for _ in range(max(rounds, 1)):
        for n, (mail, raw, env) in enumerate(items):
            parse[n].append(cpu(parse_mail, raw))
            clas[n].append(cpu(classify, mail, env, ctx))
    return [(name, statistics.median(p) * 1000, statistics.median(c) * 1000)
            for (name, _, _), p, c in zip(mails, parse, clas, strict=True)]


def forget() -> None:
    """Clear what the rules keep of the last mails (functools caches in gateway.rules)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("gateway.rules"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def costliest(raw: bytes, sender: str | None) -> str:
    """The three functions under gateway/ (classify itself aside) that cost most of classifying
    this mail (x 20), by cumulative time: the detector, then what inside it costs."""
    ctx, mail, env = context(), parse_mail(raw), Envelope(sender, RCPT, "pipe")
    profile = cProfile.Profile()
    for _ in range(20):
        forget()
        profile.enable()
        classify(mail, env, ctx)
        profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    ours = sorted((-v[3], f"{Path(k[0]).stem}.{k[2]}") for k, v in stats.items()
                  if "gateway" in k[0] and k[2] != "classify")
    return " > ".join(name for _, name in ours[:3])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    mails = corpus()
    rows = timings(mails, args.rounds)
    clas = sorted(r[2] for r in rows)
    parse = sum(r[1] for r in rows)
    p99 = clas[min(len(clas) - 1, int(len(clas) * 0.99))]
    print(f"{len(rows)} mails, median of {args.rounds} rounds each, ms of CPU a mail")
    print(f"parse (baseline): median {statistics.median(r[1] for r in rows):.3f}, "
          f"mean {parse / len(rows):.3f}")
    print(f"classify: median {statistics.median(clas):.3f}, mean {sum(clas) / len(clas):.3f}, "
          f"p99 {p99:.3f}, worst {clas[-1]:.3f}; classify/parse (summed) {sum(clas) / parse:.3f}")
    by_name = {name: (raw, sender) for name, raw, sender in mails}
    for name, _, ms in sorted(rows, key=lambda r: -r[2])[:args.worst]:
        where = costliest(*by_name[name]) if args.profile else ""
        print(f"  {ms:7.3f} ms  {name}  {where}")


if __name__ == "__main__":
    main()
