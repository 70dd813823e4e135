#!/usr/bin/python3
"""Extracts the C++ blocks of README.md and docs/*.md so that CMake compiles (and runs) every one.

Each ```cpp block must be preceded by a marker line saying how it is checked (a block without one is
an error, so a new example cannot slip past):

  <!-- doc-test: compile [prelude=NAME] -->   namespace-scope code: compiled as one translation unit
  <!-- doc-test: function [prelude=NAME] --> statements: compiled as the body of a function
  <!-- doc-test: run [prelude=NAME] -->      a whole program: compiled, linked and run (exit 0)
  <!-- doc-test: excerpt=PATH -->            an excerpt of a file the project writes: the text
                                             between "..." (which stands for anything) appears in
                                             PATH in order, whitespace folded; PATH is relative to
                                             the source tree, or to the build tree as build/PATH

A prelude (tests/docs/preludes/NAME.hpp) declares what the text leaves to the reader: the data of a
hand-written model, a UART function, a buffer. `#line` directives make compiler errors name the
Markdown file and line.

  extract_snippets.py --root SRC --out DIR FILE.md...   writes DIR/<name>.cpp and prints, per block,
                                                        "mode|name|file|excerpt path" lines
  extract_snippets.py --check-excerpt SNIPPET FILE      exit 0 when the excerpt matches FILE
"""
import os
import re
import sys

MARKER = re.compile(r"<!--\s*doc-test:\s*(.*?)\s*-->")
FENCE = re.compile(r"^```(cpp|c\+\+)\s*$")


def blocks(path):
    """(first line number, marker text or None, code lines) for each C++ block of a Markdown file."""
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    i = 0
    while i < len(lines):
        if FENCE.match(lines[i]):
            prev = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
            m = MARKER.search(prev)
            end = i + 1
            while end < len(lines) and not lines[end].startswith("```"):
                end += 1
            yield i + 2, (m.group(1) if m else None), lines[i + 1:end]
            i = end + 1
        else:
            i += 1


def parse_marker(text):
    words = text.split()
    mode, options = words[0], dict(w.split("=", 1) for w in words[1:] if "=" in w)
    if mode.startswith("excerpt="):
        return "excerpt", {"excerpt": mode.split("=", 1)[1]}
    return mode, options


def extract(root, out, files):
    os.makedirs(out, exist_ok=True)
    errors = []
    for path in files:
        rel = os.path.relpath(path, root)
        stem = re.sub(r"[^A-Za-z0-9]+", "_", rel.removesuffix(".md"))
        for line, marker, code in blocks(path):
            where = f"{rel}:{line - 1}"
            if marker is None:
                errors.append(f"{where}: C++ block without a '<!-- doc-test: ... -->' line before it")
                continue
            mode, options = parse_marker(marker)
            name = f"{stem}_L{line - 1}"
            if mode == "excerpt":
                target = os.path.join(out, name + ".txt")
                with open(target, "w", encoding="utf-8") as fh:
                    fh.write("\n".join(code) + "\n")
                print(f"excerpt|{name}|{target}|{options['excerpt']}")
                continue
            if mode not in ("compile", "function", "run"):
                errors.append(f"{where}: unknown doc-test mode '{mode}'")
                continue
            text = []
            if "prelude" in options:
                text.append(f'#include "{options["prelude"]}.hpp"')
            if mode == "function":
                text.append(f"[[maybe_unused]] static void doc_snippet_{name}() {{")
            text.append(f'#line {line} "{rel}"')
            text += code
            if mode == "function":
                text.append("}")
            target = os.path.join(out, name + ".cpp")
            content = "\n".join(text) + "\n"
            # Rewrite only on change, so a re-configure does not rebuild every snippet.
            if not os.path.exists(target) or open(target, encoding="utf-8").read() != content:
                with open(target, "w", encoding="utf-8") as fh:
                    fh.write(content)
            print(f"{mode}|{name}|{target}|")
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


def check_excerpt(snippet, actual):
    """Every piece of the excerpt between "..." appears in the file, in order, whitespace folded (the
    Markdown may wrap a line the file keeps long)."""
    def fold(text):
        return re.sub(r"\s*([^\w\s])\s*", r"\1", re.sub(r"\s+", " ", text))

    with open(snippet, encoding="utf-8") as fh:
        pieces = [p.strip() for p in fold(fh.read()).split("...") if p.strip()]
    with open(actual, encoding="utf-8") as fh:
        have = fold(fh.read())
    pos = 0
    for piece in pieces:
        at = have.find(piece, pos)
        if at < 0:
            print(f"{snippet}: '{piece}' does not appear (after the pieces before it) in {actual}",
                  file=sys.stderr)
            return 1
        pos = at + len(piece)
    print(f"{len(pieces)} pieces of the excerpt appear in order in {actual}")
    return 0


def main():
    args = sys.argv[1:]
    if args[:1] == ["--check-excerpt"] and len(args) == 3:
        return check_excerpt(args[1], args[2])
    if len(args) >= 4 and args[0] == "--root" and args[2] == "--out":
        return extract(args[1], args[3], args[4:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
