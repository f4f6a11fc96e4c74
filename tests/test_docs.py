"""Documented or it does not exist: every CLI command and option appears in the README."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from wiretrail.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands():
    return sorted(cli.commands.items())


@pytest.mark.parametrize("name,command", _commands())
def test_docs_every_command_has_a_section_and_an_example(name, command):
    assert f"### `wiretrail {name}" in README, f"README lacks a section for `wiretrail {name}`"
    assert re.search(rf"^wiretrail {re.escape(name)}\b", README, flags=re.M), f"README lacks an example of `wiretrail {name}`"


@pytest.mark.parametrize("name,command", _commands())
def test_docs_every_option_is_documented(name, command):
    section = README.split(f"### `wiretrail {name}", 1)[1].split("\n### ", 1)[0]
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            names = [o for o in param.opts if o.startswith("--")]
            assert any(o in section for o in names), f"`wiretrail {name}` option {names} is not in its README section"
