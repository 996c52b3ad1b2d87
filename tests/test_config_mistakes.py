"""An admin's config mistakes about the company facts and languages (issue 21): each message names
the key, what is wrong and the fix, once; config check exits 78 on them."""

from __future__ import annotations

import pytest

from gateway.config.load import settings_from_dict
from gateway.errors import ConfigError
from tests.test_cli import run  # noqa: F401  (the fixture)
from tests.test_company_facts import NORDHOST


@pytest.mark.parametrize("key, value, expected", [
    ("account_center_url", "", "account_center_url is empty: the replies link to it; set your "
                               "portal's URL (https://...)"),
    ("account_center_url", "portal.nordhost.example", "account_center_url: "
     "'portal.nordhost.example' is not an http(s) URL; write it whole, e.g. "
     "'https://portal.nordhost.example'"),
    ("contact_form_url", {"de": "https://www.nordhost.example/kontakt", "en": "", "fr": ""},
     "contact_form_url is empty for en, fr: the replies link to it"),
    ("login_url", "www.nordhost.example/login", "login_url: 'www.nordhost.example/login' is not "
                                                "an http(s) URL"),
])
def test_a_missing_or_partial_url_is_a_problem_naming_the_key(key, value, expected):
    problems = settings_from_dict({**NORDHOST, key: value}).problems()
    assert [p for p in problems if p.startswith(key)] == [p for p in problems if expected in p]
    assert any(expected in p for p in problems), problems


def test_an_empty_login_url_means_the_portal_and_is_fine():
    assert not settings_from_dict({**NORDHOST, "login_url": ""}).problems()


@pytest.mark.parametrize("languages, expected", [
    (["de", "xx"], "responder.languages: 'xx' has no strings (shipped: de, en, fr); for another "
                   "language add lang/xx.toml to templates_dir (docs/adapt.md)"),
    (["de", "EN"], "responder.languages: 'EN': write the code in lower case, 'en'"),
    (["de", "en-GB"], "responder.languages: 'en-GB': the language without its region, 'en'"),
    (["de", "en", "de"], "responder.languages: 'de' is listed twice"),
])
def test_a_language_code_mistake_says_what_to_write(languages, expected):
    with pytest.raises(ConfigError) as raised:
        settings_from_dict({"responder": {"languages": languages}})
    assert expected in str(raised.value)


def test_steps_lacking_a_language_are_one_problem_not_a_key_error_per_template(run, tmp_path):  # noqa: F811
    config = tmp_path / "steps.toml"
    config.write_text('ticket_steps.de = ["Melden Sie sich an: {login_url}"]\n[[address]]\n'
                      'address = "technik@centron.de"\ndepartment = "Technik"\n')
    result = run("--config", str(config), "config", "check", expect=78)
    problems = [line for line in result.stdout.decode().splitlines() if line.startswith("PROBLEM")]
    assert problems == ["PROBLEM: ticket_steps: no text for en (responder.languages)"], problems



@pytest.mark.parametrize("data, key, fix", [
    ({"ticket_steps": ["Log in: {login_url}"]}, "ticket_steps",
     'a list of steps per language: ticket_steps.de = ["..."], ticket_steps.en = ["..."]'),
    ({"addresses": [{"address": "hilfe@nordhost.example", "department": "Technik",
                     "cutover": "13.10.2025"}]}, "addresses.0.cutover",
     "a date as 2025-10-13 or 2025-10-13T08:00 (local time in `timezone`), or with an offset"),
])
def test_a_value_of_the_wrong_shape_names_the_key_and_how_to_write_it(data, key, fix):
    with pytest.raises(ConfigError) as raised:
        settings_from_dict(data)
    assert f"'{key}" in str(raised.value) and fix in str(raised.value), str(raised.value)


@pytest.mark.parametrize("data, expected", [
    ({"addresses": [{"address": "hilfe@nordhost.example", "department": ""}]},
     "hilfe@nordhost.example: department is empty: the replies name it (department = \"Technik\")"),
    ({"addresses": [{"address": "hilfe@nordhost.example", "department": {"de": "Technik",
                                                                      "en": " "}}]},
     "hilfe@nordhost.example: department is empty for en"),
    ({"ticket_steps": {"de": ["Anmelden: {login_url}"], "en": []}},
     "ticket_steps.en is empty: the replies list no step to open a ticket"),
])
def test_an_empty_department_or_list_of_steps_is_a_problem(data, expected):
    problems = settings_from_dict(data).problems()
    assert any(expected in p for p in problems), problems


def test_a_fact_in_one_languages_words_for_every_language_is_warned(run, tmp_path):  # noqa: F811
    """signature = "Ihr Support-Team" is shown as it is in the English section too."""
    config = tmp_path / "one.toml"
    config.write_text('signature = "Ihr Support-Team der {company}"\n'
                      '[[address]]\naddress = "technik@centron.de"\ndepartment = "Technik"\n'
                      '[[address]]\naddress = "billing@centron.de"\n'
                      'department = "Your billing team"\n')
    out = run("--config", str(config), "config", "check").stdout.decode()
    assert ("warning: signature is one text for every language, in de words ('Ihr Support-Team "
            "der {company}'): the en section says it too; write a table, e.g. signature = "
            '{ de = "...", en = "..." } (docs/adapt.md)') in out, out
    assert "billing@centron.de: department is one text for every language, in en words" in out
    assert "technik@centron.de: department" not in out  # "Technik": no language's own words
    default = run("config", "check").stdout.decode()
    assert "one text for every language" not in default
