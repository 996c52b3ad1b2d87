"""The docs, tested as written (issue 17): every `sh`/`console` block of README.md and
docs/*.md runs in a scratch copy against one real `gateway serve` (tests/docs_runner.py has
the rule), the README's "Try it" prints the reply, the README stays short and its test
command is what CI runs, and every option choice takes the lower-case values the docs show."""

from __future__ import annotations

import click
import pytest

from gateway.cli import cli
from tests.docs_runner import ROOT, all_blocks, forbidden, run_all

README_LINES = ROOT.joinpath("README.md").read_text().splitlines()  # read once, as BLOCKS
BLOCKS = all_blocks()
RUN = [block for block in BLOCKS if block.runs]
# Command forms the docs must keep showing (and so keep running): the ones a newcomer types first
# and the ones that once failed as documented (click 8.5 refused the lower-case choices).
REQUIRED = ("gateway messages list --action followup", "gateway messages list --status failed",
            "gateway simulate --at", "gateway report", "gateway preview --rcpt", "gateway status")


def readme_blocks():
    return [block for block in BLOCKS if block.doc == "README.md"]


def try_it_block():
    heading = README_LINES.index("## Try it") + 1
    return next(block for block in readme_blocks() if block.line > heading)


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    results, log = run_all(tmp_path_factory.mktemp("docs"), RUN)
    return {result["ident"]: result for result in results}, log


@pytest.mark.parametrize("block", RUN, ids=lambda block: block.ident)
def test_documented_commands_run_as_written(ran, block):
    results, log = ran
    result = results[block.ident]
    assert result["rc"] == 0, (f"{block.ident} exited {result['rc']}:\n{block.script()}\n"
                               f"stdout:\n{result['stdout'][-2000:]}\nstderr:\n"
                               f"{result['stderr'][-2000:]}\nserve.log:\n{log[-2000:]}")


def test_try_it_prints_the_reply(ran):
    results, log = ran
    block = try_it_block()
    assert block.runs and "smtplib" in block.text
    out = results[block.ident]["stdout"]
    assert "no reply" not in out, out
    assert "From: centron Technischer Support <technik@centron.de>" in out, out + log[-2000:]
    assert "To: max@kunde.example" in out
    assert "Subject: Automatische Antwort: Server down" in out
    assert "Auto-Submitted: auto-replied" in out
    assert "Guten Tag Max Kunde" in out and "https://account.centron.de" in out
    assert "redirect/after-cutover" in out  # `gateway status` after it counts the decision


def test_the_documented_forms_are_run():
    scripts = "\n".join(block.script() for block in RUN)
    missing = [form for form in REQUIRED if form not in scripts]
    assert not missing, f"no longer in a tested sh/console block: {missing}"


def test_every_block_says_what_it_is():
    bare = [block.ident for block in BLOCKS if not block.language]
    assert not bare, f"fences without an info string (sh, sh no-test, toml, text, ...): {bare}"


def test_blocks_that_run_never_touch_the_machine():
    assert forbidden("systemctl enable --now x") and forbidden("cp a /etc/b && postmap x")
    assert forbidden("sudo apt-get install -y postfix") and forbidden("gateway serve")
    assert forbidden("gateway poll") and not forbidden("gateway poll --once")
    assert not forbidden("gateway messages list --status failed")
    offending = {block.ident: forbidden(block.script()) for block in RUN if forbidden(block.script())}
    assert not offending, f"mark these blocks `sh no-test`: {offending}"


def test_readme_is_short_and_its_test_command_is_what_ci_runs():
    readme = ROOT.joinpath("README.md").read_bytes()
    assert len(readme) <= 15 * 1024, f"README.md is {len(readme)} bytes"
    setup = readme_blocks()[0].text.splitlines()
    assert len(setup) == 2 and setup[0].endswith(".venv/bin/gateway serve")
    ci_lines = [line for line in ROOT.joinpath(".ci/run").read_text().splitlines()
                if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert ci_lines == [setup[1]]


def choice_options(command, path=()):
    for param in command.params:
        if isinstance(param.type, click.Choice):
            yield " ".join(path) + " " + param.opts[0], param.type
    for name, sub in getattr(command, "commands", {}).items():
        yield from choice_options(sub, path + (name,))


def test_every_choice_takes_the_documented_lower_case_values():
    found = dict(choice_options(cli))
    assert "messages list --action" in found and "messages list --status" in found
    for option, choice in found.items():
        for value in choice.choices:
            assert isinstance(value, str) and value == value.lower(), (option, value)
            assert choice.convert(value, None, None) == value, option
            assert choice.convert(value.upper(), None, None) == value, option
    action = found["messages list --action"]
    assert {"ticket", "followup", "redirect", "suppress", "reject"} <= set(action.choices)


TOML_TABLES = {"addresses": "address", "exceptions": "exception"}  # [[address]], [[exception]]


def settings_keys(model, prefix=""):
    """Every key of the settings model, dotted (`imap.oauth2.tenant`), as the TOML file names it."""
    import typing

    from pydantic import BaseModel

    for name, field in model.model_fields.items():
        key = prefix + TOML_TABLES.get(name, name)
        yield key
        inner = [field.annotation, *typing.get_args(field.annotation)]
        inner += [arg for outer in inner for arg in typing.get_args(outer)]
        for sub in {arg for arg in inner if isinstance(arg, type) and issubclass(arg, BaseModel)}:
            yield from settings_keys(sub, key + ".")


def test_configuration_doc_names_every_key():
    from gateway.config.settings import GatewaySettings

    text = ROOT.joinpath("docs/configuration.md").read_text()
    keys = list(settings_keys(GatewaySettings))
    assert "imap.oauth2.tenant" in keys and "address.cutover" in keys
    missing = [key for key in keys  # a key as `key`, a table as [table] or [[table]]
               if f"`{key.rsplit('.', 1)[-1]}`" not in text and f"[{key}]" not in text]
    assert not missing, f"docs/configuration.md does not name: {missing}"


def test_blocks_are_found_as_a_reader_sees_them():
    from tests.docs_runner import parse_blocks

    text = ("1. Check it:\n\n   ```console\n   $ gateway status \\\n       --json\n   {}\n"
            "   $ gateway tickets list\n   ```\n\n```sh no-test\nsystemctl start x\n```\n")
    console, manual = parse_blocks(text, "x.md")
    assert (console.language, console.flags, console.line) == ("console", [], 3)
    assert console.runs and not manual.runs and manual.flags == ["no-test"]
    assert console.script() == "gateway status \\\n    --json\ngateway tickets list\n"
    with pytest.raises(ValueError, match="x.md:1: a fence that is never closed"):
        parse_blocks("```sh\ngateway status\n", "x.md")


def test_commands_are_not_hidden_in_other_blocks():
    """A command typed at a prompt belongs in an `sh`/`console` block (run, or `no-test` by
    the rule), not in a `text` block that escapes the test."""
    prompts = tuple(f"gateway {name}" for name in cli.commands) + (
        "gateway --", "$ ", ".venv/bin/", "sudo ", "systemctl ", "python ", "pip ")
    hidden = [f"{block.ident}: {line}" for block in BLOCKS
              if block.language not in ("sh", "console")
              for line in block.text.splitlines() if line.lstrip().startswith(prompts)]
    assert not hidden, f"commands outside sh/console blocks: {hidden}"
