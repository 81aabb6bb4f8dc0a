#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check an EVE file against Suricata's EVE schema (python3-jsonschema).

  eve_valid.py FILE SCHEMA [MIN_ALERTS]

Every line must be one event valid against SCHEMA; at least MIN_ALERTS
(default 1) of them alerts.  Prints "N events (A alerts: ACTIONS, E engine)"
and exits 0, or says what is wrong and exits 1.
"""

import json
import sys

from jsonschema import Draft202012Validator


def main():
    path, schema = sys.argv[1], sys.argv[2]
    want = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    v = Draft202012Validator(json.load(open(schema)))
    kinds, actions = {}, set()
    for n, line in enumerate(open(path), 1):
        ev = json.loads(line)
        errs = [e.message for e in v.iter_errors(ev)]
        if errs:
            print("%s:%d: %s: %s" % (path, n, errs, line.strip()))
            return 1
        kinds[ev["event_type"]] = kinds.get(ev["event_type"], 0) + 1
        if ev["event_type"] == "alert":
            actions.add(ev["alert"]["action"])
    alerts = kinds.get("alert", 0)
    print("%d events (%d alerts: %s, %d engine)" % (sum(kinds.values()), alerts,
          ",".join(sorted(actions)), kinds.get("engine", 0)))
    return 0 if alerts >= want else 1


if __name__ == "__main__":
    sys.exit(main())
