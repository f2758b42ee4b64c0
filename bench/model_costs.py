"""Typical cost of one issue per model, from an oracle run's per-instance tokens.

    python bench/oracle.py DATASET --mirrors DIR --details details.jsonl
    python bench/model_costs.py details.jsonl [--json]

The oracle counts tokens at the default model's tokenizer; other models' counts are scaled by the
ratio of chars-per-token of their profile (the old tokenizer counts ~30% fewer). Prices come from
the profile table, cache reads as the oracle found them. Thinking is not counted: Booty turns it
off wherever a model allows; where it cannot (Fable, Opus 5.5) add the thinking of a low-effort call.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from booty.claude.profiles import DEFAULT_MODEL, PROFILES
from booty.models import Usage
from booty.spend.cost import call_cost


def issue_cost(row: dict, model: str) -> float:
    scale = PROFILES[DEFAULT_MODEL].chars_per_token / PROFILES[model].chars_per_token
    read = int(row.get("cache_read", 0) * scale)
    usage = Usage(
        input_tokens=int((row["plan_in"] + row["edit_in"]) * scale) - read,
        cache_read_tokens=read,
        output_tokens=int((row["plan_out"] + row["edit_out"]) * scale),
    )
    return call_cost(PROFILES[model].prices, usage)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("details", type=Path)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = [r for line in args.details.read_text().splitlines() if (r := json.loads(line)).get("plan_in")]
    table = {}
    for model, profile in PROFILES.items():
        costs = sorted(issue_cost(r, model) for r in rows)
        table[model] = {
            "status": profile.status,
            "median_usd": round(statistics.median(costs), 4),
            "p95_usd": round(costs[min(len(costs) - 1, int(0.95 * len(costs)))], 4),
        }
    if args.json:
        print(json.dumps({"instances": len(rows), "models": table}))
    else:
        for model, row in table.items():
            print(f"{model:20} {row['status']:8} median ${row['median_usd']:.4f}  p95 ${row['p95_usd']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
