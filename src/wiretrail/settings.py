"""Settings, declared once as data. Defaults ship here; a user TOML file overrides keys.

>>> Settings().max_article_chars
2000000
>>> Settings.load(None).fetch_timeout
20.0
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any


class SettingsError(ValueError):
    """A settings file is unreadable or sets an unknown key."""


@dataclass(frozen=True)
class Settings:
    # ingest
    fetch_timeout: float = 20.0  # seconds per HTTP request
    fetch_max_bytes: int = 20_000_000  # per fetched response
    fetch_max_redirects: int = 5
    max_document_bytes: int = 10_000_000  # a larger text is cut, with a warning
    allow_private: bool = True  # the web server turns this off
    user_agent: str = "wiretrail/0.1 (+https://github.com/wiretrail/wiretrail)"
    # clean
    max_article_chars: int = 2_000_000
    boilerplate_min_articles: int = 3  # a line in this many articles of one outlet is boilerplate
    # analysis
    analyse: bool = True
    max_analysis_chars: int = 200_000  # longer texts are analysed up to here, with a warning
    workers: int = 1  # processes for the per-article stages
    batch_size: int = 32
    # link
    copy_min_shared: int = 8

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Defaults, then the TOML file at ``path`` (its ``[wiretrail]`` table or top level), then overrides."""
        values: dict[str, Any] = {}
        if path is not None:
            p = Path(path)
            try:
                data = tomllib.loads(p.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise SettingsError(f"{p}: cannot read settings: {exc}") from exc
            values.update(data.get("wiretrail", data))
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise SettingsError(f"{path or 'settings'}: unknown setting(s): {', '.join(unknown)}")
        return dataclasses.replace(cls(), **values)
