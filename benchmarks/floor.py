"""The floor a command that loads a plan is measured against (benchmarks/run_all.py).

    python benchmarks/floor.py PLAN

What any program built on the same libraries pays to check a plan: read the file,
parse it with libyaml (ruamel.yaml's C parser), validate it with crmplan's own
pydantic models, and print one line. No positions, no cross-references, no
messages, no command line: crmplan's own work is everything above this.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(path: Path) -> int:
    from ruamel.yaml import YAML

    from crmplan.model.plan import Plan

    data = YAML(typ="safe", pure=False).load(path.read_bytes())
    plan = Plan.model_validate(data)
    sys.stdout.write(f"{path}: valid ({plan.client.name}, {len(plan.kpis)} KPIs)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
