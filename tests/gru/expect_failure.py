#!/usr/bin/python3
"""Runs a command that must fail: exit status 2 and stderr matching a regex.

  expect_failure.py <regex> <command...>
"""
import re
import subprocess
import sys

regex, cmd = sys.argv[1], sys.argv[2:]
p = subprocess.run(cmd, capture_output=True, text=True)
if p.returncode != 2:
    sys.exit(f"expected exit status 2, got {p.returncode}; stderr: {p.stderr}")
if not re.search(regex, p.stderr):
    sys.exit(f"stderr does not match '{regex}': {p.stderr}")
if p.stdout:
    sys.exit(f"a failed export must not write a header; stdout: {p.stdout[:200]}")
print("ok:", p.stderr.strip())
