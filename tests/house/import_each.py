"""Import every module of the project first, one at a time, in this interpreter (after
django.setup()): a circle of imports shows as an ImportError naming a partly initialised
module. Prints one failure a line; exit status 1 when any. Run by test_house_rules.py."""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = (".venv", "tests", "migrations", "node_modules")


def module_names() -> list[str]:
    names = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if any(p in SKIP or p.startswith(".") for p in parts) or parts[0] == "manage":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            names.append(".".join(parts))
    return names


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    loaded = set(sys.modules)
    tops = {n.split(".")[0] for n in module_names()}
    failures = 0
    for name in module_names():
        for key in [k for k in sys.modules if k.split(".")[0] in tops and k not in loaded]:
            del sys.modules[key]
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - every failure is reported
            failures += 1
            print(f"{name}: {traceback.format_exc().strip().splitlines()[-1]}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
