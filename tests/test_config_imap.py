"""Mistakes in an [[imap]] table that would race, loop or send a login in clear text."""

import pytest

from gateway.config.load import settings_from_dict
from gateway.errors import ConfigError

BOX = {"host": "imap.example.net", "username": "u", "rcpt": "technik@centron.de"}


@pytest.mark.parametrize(("extra", "words"), [
    ({"processed_mailbox": "inbox"}, "processed_mailbox 'inbox' is one of the watched folders"),
    ({"folders": ["INBOX", "Junk"], "processed_mailbox": "Junk"}, "one of the watched folders"),
    ({"folders": ["INBOX", "Inbox"]}, "names a folder twice"),
    ({"folders": ["Junk", "Junk"]}, "names a folder twice"),
    ({"security": "none"}, "in clear text; use \"tls\" or \"starttls\", or set allow_plain_auth"),
])
def test_a_mistake_names_the_key_and_the_fix(extra, words):
    with pytest.raises(ConfigError) as refused:
        settings_from_dict({"imap": [{**BOX, **extra}]})
    assert "imap.0" in str(refused.value) and words in str(refused.value)


@pytest.mark.parametrize("extra", [
    {"security": "none", "host": "127.0.0.1"}, {"security": "none", "host": "::1"},
    {"security": "none", "host": "localhost"},
    {"security": "none", "allow_plain_auth": True},
    {"folders": ["INBOX", "Junk"], "processed_mailbox": "Processed"},
])
def test_what_is_safe_is_accepted(extra):
    assert settings_from_dict({"imap": [{**BOX, **extra}]}).imap[0].host
