"""DKIM signing of replies: its settings."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, model_validator


class DkimConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = False
    selector: str = ""
    domain: str = ""
    key_file: str = ""

    @model_validator(mode="after")
    def _complete_when_enabled(self) -> DkimConfig:
        if self.enabled:
            missing = [k for k in ("selector", "domain", "key_file") if not getattr(self, k)]
            if missing:
                raise ValueError(f"dkim.enabled needs {', '.join('dkim.' + m for m in missing)}")
            if not Path(self.key_file).is_file():
                raise ValueError(f"dkim.key_file {self.key_file} does not exist")
        return self
