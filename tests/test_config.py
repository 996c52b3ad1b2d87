"""Config: the example equals the embedded defaults, mistakes name key and fix, env overrides."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from gateway.config.load import load_settings, settings_from_dict
from gateway.config.settings import GatewaySettings
from gateway.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def test_example_config_is_the_embedded_default():
    assert load_settings(str(ROOT / "config/gateway.toml"), env={}) == GatewaySettings()


def test_default_timeline_is_the_company_cutover():
    settings = GatewaySettings()
    assert [a.address for a in settings.addresses] == [
        "technik@centron.de", "billing@centron.de", "vertrieb@centron.de"]
    cutover = settings.to_aware(settings.addresses[0].cutover)
    assert cutover.isoformat() == "2025-10-13T00:00:00+02:00"
    assert settings.address_config("vertrieb@centron.de").redirect == "contact_form"


def test_addresses_match_case_insensitively():
    assert GatewaySettings().address_config("Technik@CENTRON.de") is not None


@pytest.mark.parametrize("data, key, words", [
    ({"timezone": "Mars/Olympus"}, "timezone", ["Europe/Berlin"]),
    ({"smtp": {"listen": 5}}, "smtp.listen", ["string"]),
    ({"relay": {"security": "ssl"}}, "relay.security", ["'ssl'", "starttls"]),
    ({"colour": "blue"}, "colour", ["unknown key", "spelling"]),
    ({"addresses": [{"address": "nope", "department": "x"}]}, "addresses.0.address",
     ["mail address"]),
    ({"addresses": [{"address": "a@b.c", "department": "x", "followup_grace_days": -1}]},
     "addresses.0.followup_grace_days", ["greater than or equal"]),
])
def test_mistakes_name_the_key_the_value_and_the_fix(data, key, words):
    with pytest.raises(ConfigError) as caught:
        settings_from_dict(data)
    assert caught.value.key == key
    for word in words:
        assert word in str(caught.value)


def test_toml_syntax_error_names_the_file(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text("timezone = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(str(path), env={})


def test_environment_overrides_the_file(tmp_path):
    env = {"GATEWAY_DATABASE_URL": "sqlite:///x.db", "GATEWAY_SMTP_LISTEN": "",
           "GATEWAY_LMTP_LISTEN": "127.0.0.1:2424", "GATEWAY_RELAY": "mail.example:587"}
    settings = load_settings(str(ROOT / "config/gateway.toml"), env=env)
    assert settings.database_url == "sqlite:///x.db"
    assert settings.smtp.listen == "" and settings.smtp.lmtp_listen == "127.0.0.1:2424"
    assert (settings.relay.host, settings.relay.port) == ("mail.example", 587)
    assert not settings.dry_run  # a relay for this host means: send for real
    both = load_settings(None, env={**env, "GATEWAY_OUTBOX_DIR": "/tmp/out"})
    assert both.dry_run and both.outbox_dir == "/tmp/out"


def test_bad_environment_value_names_the_variable():
    with pytest.raises(ConfigError, match="GATEWAY_RELAY"):
        load_settings(None, env={"GATEWAY_RELAY": "no-port-here"})


def test_local_datetimes_and_offsets_in_address_dates():
    settings = settings_from_dict({"addresses": [{
        "address": "a@b.c", "department": "x", "cutover": datetime(2025, 10, 13, 6, 30),
        "reject_from": datetime.fromisoformat("2026-01-01T00:00:00+00:00")}]})
    address = settings.addresses[0]
    assert settings.to_aware(address.cutover).isoformat() == "2025-10-13T06:30:00+02:00"
    assert settings.to_aware(address.reject_from).utcoffset().total_seconds() == 0


def test_fingerprint_changes_with_the_policy():
    assert GatewaySettings().fingerprint != settings_from_dict(
        {"responder": {"redirect_interval_hours": 12}}).fingerprint
