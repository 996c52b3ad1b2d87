"""Benchmark (not a test): language detectors on short support mails, restricted to the
configured languages (de, en, fr), for choosing the one the gateway uses.

For each detector, in a fresh process: accuracy on tests/language_samples.py (subject + body,
body only, subject only; a None is wrong too), microseconds per detection, and the memory it adds
(PSS from /proc/self/smaps_rollup, before the import and after building the detector and
detecting every sample), plus the time to import, build and detect once.

    python bench/language_detect.py [--detectors py3langid,lingua-low,lingua-high,...]

lingua-low is what the gateway uses (gateway/rules/language.py): low-accuracy mode, models
loaded on the first detection.

Needs the detectors installed (pip install py3langid lingua-language-detector pycld2
whatlang-pyo3); a detector that is not installed is reported as failed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LANGS = ("de", "en", "fr")


def pss_kb() -> int:
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def build(name: str):
    """The detector as a function text → language code (or None when it will not say)."""
    if name == "whatlang":  # whatlang-pyo3: no way to restrict it to the configured languages
        import whatlang

        iso3 = {"deu": "de", "eng": "en", "fra": "fr"}
        return lambda text: iso3.get(whatlang.detect(text).lang) if text.strip() else None
    if name == "pycld2":  # CLD2: its three best guesses; the first one that is configured
        import pycld2

        def cld2(text: str) -> str | None:
            details = pycld2.detect(text, isPlainText=True)[2]
            return next((code for _, code, _, _ in details if code in LANGS), None)
        return cld2
    if name == "py3langid":
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        ident.set_languages(list(LANGS))
        return lambda text: ident.classify(text)[0]
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGS]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    if name.startswith("lingua-low"):
        builder = builder.with_low_accuracy_mode()
    if name.endswith("-preloaded"):  # loads the models in rayon threads (their arenas stay)
        builder = builder.with_preloaded_language_models()
    detector = builder.build()  # else: the models load on the first detection, as the gateway

    def detect(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else None
    return detect


def measure(name: str) -> dict:
    from tests.language_samples import SAMPLES

    before = pss_kb()
    started = time.perf_counter()
    detect = build(name)
    for text in ("Guten Tag, der Server ist seit heute nicht erreichbar.",  # lazy models: now
                 "Hello, the server has been down since this morning.",
                 "Bonjour, le serveur est injoignable depuis ce matin."):
        detect(text)
    built = time.perf_counter() - started
    views = {"subject+body": lambda s, b: f"{s}\n{b}", "body": lambda s, b: b,
             "subject": lambda s, b: s}
    result: dict = {"detector": name, "build_s": round(built, 3)}
    for view, text_of in views.items():
        right, wrong = 0, []
        started = time.perf_counter()
        for lang, subject, body in SAMPLES:
            found = detect(text_of(subject, body))
            if found == lang:
                right += 1
            else:
                wrong.append(f"{lang}->{found}: {text_of(subject, body)[:40]}")
        elapsed = time.perf_counter() - started
        result[view] = {"accuracy": round(right / len(SAMPLES), 3),
                        "us_per_mail": round(elapsed / len(SAMPLES) * 1e6, 1),
                        "wrong": wrong[:6]}
    result["pss_added_mb"] = round((pss_kb() - before) / 1024, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--detectors", default="py3langid,lingua-low,lingua-low-preloaded,"
                                               "lingua-high,pycld2,whatlang")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    for name in args.detectors.split(","):
        out = subprocess.run([sys.executable, __file__, "--one", name], capture_output=True,
                             text=True, check=False)
        if out.returncode:
            print(f"{name}: failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(out.stdout)
        print(f"{name}: build {r['build_s']} s, +{r['pss_added_mb']} MB PSS")
        for view in ("subject+body", "body", "subject"):
            v = r[view]
            print(f"  {view:13} accuracy {v['accuracy']:.3f}  {v['us_per_mail']:8.1f} us/mail"
                  f"  wrong: {'; '.join(v['wrong'][:3])}")


if __name__ == "__main__":
    main()
