"""tests/corpus/real/reply_parsers as vendored (issue 21's real people's replies): every file is
named in its README with the repository, path and commit it came from and its project's licence
is kept beside it; every wrapped body carries the headers a customer's mail client sends to
technik@ (the measure itself is tests/test_corpus_files.py's real-corpus run)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gateway.rules.parse import parse_mail

FOLDER = Path(__file__).parent / "corpus" / "real" / "reply_parsers"
FILES = sorted(FOLDER.glob("*.eml"))
README = (FOLDER / "README.md").read_text(encoding="utf-8")
PROJECTS = {"github": "github/email_reply_parser", "crisp": "crisp-oss/email-reply-parser",
            "zapier": "zapier/email-reply-parser", "fiedl": "fiedl/extended_email_reply_parser",
            "gustav": "hellogustav/elixir_email_reply_parser"}


def test_the_folder_holds_the_replies_and_the_licences():
    assert len(FILES) >= 99
    for short in ("github", "crisp", "fiedl", "gustav"):  # zapier ships no licence text
        assert "MIT" in (FOLDER / f"LICENSE.{short}").read_text(encoding="utf-8")
    assert "License: MIT" in README  # zapier's, from its PyPI metadata


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_each_file_has_its_provenance_and_a_clients_headers(path):
    row = re.search(rf"^\| `{re.escape(path.name)}` \| `([^`]+)` `([^`]+)` \| `([0-9a-f]{{40}})` \|",
                    README, re.MULTILINE)
    assert row, f"{path.name} is not in README.md with its repository, path and commit"
    assert row.group(1) == PROJECTS[path.name.split("__", 1)[0]]
    raw = path.read_bytes()
    mail = parse_mail(raw)
    assert mail.from_addr and not mail.from_addr.endswith("centron.de")
    if row.group(2).endswith(".eml"):  # a whole message, kept as it is
        assert mail.header("received") is not None or mail.header("x-mailer") is not None
        return
    for name in ("to", "subject", "date", "message-id", "mime-version"):
        assert mail.header(name), f"{path.name}: no {name}"
    assert mail.header("to") == "technik@centron.de"
    assert mail.header("content-type") == "text/plain; charset=utf-8"
