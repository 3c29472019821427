"""Every project app is in the installed package, so the `helhedsplan` console script (which
runs outside the source directory) can import it: a missing one failed `helhedsplan
load-period` with »No module named 'evaluation'«."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def test_every_project_app_is_packaged() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    include = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    own = [app for app in settings.INSTALLED_APPS if (ROOT / app / "__init__.py").exists()]
    assert own
    missing = [app for app in own if not any(fnmatch.fnmatch(app, p) for p in include)]
    assert not missing, f"add to [tool.setuptools.packages.find] include: {missing}"
