#!/usr/bin/python3
"""Instructions per GRU time step under callgrind (host), for every benchmark configuration.

  /usr/bin/python3 benchmarks/gru/count_instructions.py build/gru/benchmarks/gru/gru_instructions

Runs the driver with 20 and 120 steps and reports (Ir(120) - Ir(20)) / 100: start-up cancels.
"""
import re
import subprocess
import sys
import tempfile


def instructions(exe, args):
    with tempfile.NamedTemporaryFile(suffix=".out") as f:
        p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={f.name}", exe, *args],
                           capture_output=True, text=True, check=True)
        m = re.search(r"Collected : (\d+)", p.stderr)
        return int(m.group(1)), p.stdout


def main():
    exe = sys.argv[1]
    print("| type | units | features | MACs/step | instructions/step | instr/MAC | RAM bytes (arena + state) | flash bytes |")
    print("|---|---|---|---|---|---|---|---|")
    for units in (16, 32, 64):
        for feats in (8, 24, 40):
            for kind in ("float", "int8"):
                lo, _ = instructions(exe, [kind, str(units), str(feats), "20"])
                hi, out = instructions(exe, [kind, str(units), str(feats), "120"])
                facts = dict(zip(out.split()[0::2], out.split()[1::2]))
                per = (hi - lo) / 100
                macs = int(facts["macs"])
                print(f"| {kind} | {units} | {feats} | {macs} | {per:,.0f} | {per / macs:.2f} | "
                      f"{facts['ram_bytes']} ({facts['arena_bytes']} + {facts['state_bytes']}) | {facts['weight_bytes']} |")


if __name__ == "__main__":
    main()
