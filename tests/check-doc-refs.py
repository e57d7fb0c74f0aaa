#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Keepsake authors
"""Every reference from the code to the notes in docs/ must land.

Comments cite the notes as "gen3.md §1.7", "cart-reader-protocol.md §7.1",
or, once a file has named its note, as a bare "§3.2"; the architecture page
is cited as 'DESIGN.md, "The write protocol"'.  This check fails when:
  - a cited note is not in docs/ (or at the top of the repository);
  - a cited section number has no heading with that number in the note;
  - a quoted DESIGN.md title has no heading of that name;
  - a bare § stands in a file that names no note, so no reader can tell
    which one it means;
  - anything points outside the repository: the team's notes kept in a
    folder beside the clone (their specs/ and seeds/) are not shipped.

A bare § means the note named last before it in the same file (or, when
the file names its note only further down, the first one named); when that
note has no such section, another note the same file names may have it, as
a reader would take it from the context.  In docs/ a bare § means the page
itself, unless a note is named before it on the same line.

Usage: check-doc-refs.py [SOURCE_ROOT]
"""

import os
import re
import subprocess
import sys

SCANNED = ('app', 'core', 'tests', 'docs')
TEXT_ENDINGS = ('.c', '.h', '.ui', '.xml', '.in', '.sh', '.py', '.build', '.css', '.md')

HEADING = re.compile(r'^#{1,6}\s+(?:(\d+(?:\.\d+)*)\.?(?=\s|$))?\s*(.*?)\s*#*\s*$')
NOTE = re.compile(r'(?<![\w./-])(?:[\w.-]+/)*([A-Za-z0-9_-]+\.md)\b')
# "§1.2", "§ 3", ranges "§1.2-§1.5", "§5.1–5.3", "§1-§3"
SECTION = re.compile(r'§\s*(\d+(?:\.\d+)*)(?:\s*[-–]\s*§?\s*(\d+(?:\.\d+)*))?')
DESIGN_TITLE = re.compile(r'DESIGN\.md,?\s*(?:write protocol\b)?\s*[“"]([^”"]+)[”"]')
OUTSIDE = re.compile(r'\.\./shared|(?<![\w$])shared/(?:DESIGN|specs|STYLE)|(?<![\w$/])specs/[\w-]+\.md'
                     r'|(?<![\w$/])seeds/\d')


def tracked_files(root):
    try:
        out = subprocess.run(['git', '-C', root, 'ls-files', '-z', '--', *SCANNED],
                             check=True, capture_output=True).stdout
        files = [f for f in out.decode().split('\0') if f]
        if files:
            return files
    except (OSError, subprocess.CalledProcessError):
        pass
    files = []
    for top in SCANNED:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = [d for d in dirnames if not d.startswith(('.', '_build'))]
            for name in filenames:
                files.append(os.path.relpath(os.path.join(dirpath, name), root))
    return sorted(files)


def flatten(text):
    """Joins comment lines, so a reference broken over two lines still reads
    as one ("DESIGN.md, "Command-line\n * tool"")."""
    return re.sub(r'\s*\n\s*(?:\*(?!/)|//|#)?\s*', ' ', text)


def read_notes(root):
    notes = {}
    for directory in ('docs', '.'):
        path = os.path.join(root, directory)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if not name.endswith('.md') or name in notes:
                continue
            numbers, titles = set(), set()
            in_code = False
            with open(os.path.join(path, name), encoding='utf-8') as f:
                for line in f:
                    if line.startswith('```'):
                        in_code = not in_code
                    if in_code:
                        continue
                    m = HEADING.match(line)
                    if m:
                        if m.group(1):
                            numbers.add(m.group(1))
                        titles.add(m.group(2).strip('`*').lower())
            notes[name] = (os.path.join(directory, name), numbers, titles)
    return notes


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    notes = read_notes(root)
    problems = []
    checked = 0

    myself = os.path.basename(__file__)
    for rel in tracked_files(root):
        if not rel.endswith(TEXT_ENDINGS) and os.path.basename(rel) != 'meson.build':
            continue
        if os.path.basename(rel) == myself:
            continue  # its own patterns and examples
        try:
            with open(os.path.join(root, rel), encoding='utf-8') as f:
                raw = f.read()
        except (UnicodeDecodeError, OSError):
            continue
        in_docs = rel.startswith('docs/')
        # pages keep their lines: there a bare § means the page itself
        text = raw if in_docs else flatten(raw)
        own = os.path.basename(rel) if in_docs else None

        for m in OUTSIDE.finditer(text):
            problems.append(f'{rel}: "{m.group(0)}" points outside the repository; cite docs/ instead')

        named = [(m.start(), m.group(1)) for m in NOTE.finditer(text)]
        for _, name in named:
            if name not in notes:
                problems.append(f'{rel}: names {name}, which is not in docs/')

        # DESIGN.md is cited by title, never by number
        numbered = [(start, name) for start, name in named
                    if name != 'DESIGN.md' and name in notes]

        def notes_for(position):
            """The note a § means first, then the others the file names."""
            if in_docs:
                # in a page, only a name on the same line as the § points elsewhere
                line_start = text.rfind('\n', 0, position) + 1
                same_line = [name for start, name in numbered if line_start <= start < position]
                return [same_line[-1] if same_line else own]
            before = [name for start, name in numbered if start < position]
            first = before[-1] if before else (numbered[0][1] if numbered else None)
            others = [name for _, name in numbered if name != first]
            return ([first] if first else []) + list(dict.fromkeys(others))

        for m in SECTION.finditer(text):
            candidates = notes_for(m.start())
            if not candidates:
                problems.append(f'{rel}: "{m.group(0)}" names no note; write it as "<note>.md {m.group(0)}"')
                continue
            for number in filter(None, m.groups()):
                checked += 1
                if not any(number in notes[note][1] for note in candidates if note in notes):
                    problems.append(f'{rel}: {candidates[0]} §{number} has no heading in '
                                    f'{notes.get(candidates[0], ("docs/" + candidates[0],))[0]}')

        for m in DESIGN_TITLE.finditer(text):
            checked += 1
            title = m.group(1).strip().rstrip(',.;:').lower()
            titles = notes.get('DESIGN.md', (None, set(), set()))[2]
            if not any(t == title or t.startswith(title) for t in titles):
                problems.append(f'{rel}: DESIGN.md has no section "{m.group(1)}"')

    for p in problems:
        print(p)
    print(f'{checked} references checked, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
