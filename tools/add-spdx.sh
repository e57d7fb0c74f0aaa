#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Keepsake authors
#
# Puts the licence line and the copyright line at the top of every source
# file git tracks, in the comment form of the file's language:
#
#   /* SPDX-License-Identifier: GPL-3.0-or-later */     C, headers, CSS
#   # SPDX-License-Identifier: GPL-3.0-or-later         meson, shell, Python, udev
#   <!-- SPDX-License-Identifier: GPL-3.0-or-later -->  GtkBuilder .ui
#   .\" SPDX-License-Identifier: GPL-3.0-or-later       manual pages
#
# followed by "Copyright 2026 The Keepsake authors" in the same form.  The
# lines go first, or after a "#!" line or an "<?xml" declaration, so they
# are always within the first five lines.  A file that already has an SPDX
# line there is left alone, so running it again changes nothing.
#
# Usage: tools/add-spdx.sh [--check] [REPOSITORY]
#   --check  change nothing; list the files without the line and exit 1
#            if there are any (the test suite runs this)
set -euo pipefail

spdx='SPDX-License-Identifier: GPL-3.0-or-later'
copyright='Copyright 2026 The Keepsake authors'

check=0
if [ "${1:-}" = --check ]; then
  check=1
  shift
fi
repo=${1:-$(dirname "$0")/..}
cd "$repo"

# The files that carry the header, by name: the same list for adding and
# for checking.
source_files () {
  local files
  if files=$(git ls-files 2>/dev/null) && [ -n "$files" ]; then
    printf '%s\n' "$files"
  else
    find . -path ./.git -prune -o -path './_build*' -prune -o -path './build*' -prune \
      -o -type f -print | sed 's|^\./||'
  fi | grep -E '(\.(c|h|css|sh|py|ui|rules)|(^|/)meson\.build|(^|/)meson_options\.txt|^\.ci/(deps|run|start)|^data/completions/[^/]+|^data/man/[^/]+\.[0-9](\.in)?)$' |
    sort
}

comment_style () {  # FILE: c, hash, xml or troff
  case $1 in
    *.c|*.h|*.css) echo c ;;
    *.ui) echo xml ;;
    data/man/*) echo troff ;;
    *) echo hash ;;
  esac
}

header () {  # STYLE
  case $1 in
    c) printf '/* %s */\n/* %s */\n' "$spdx" "$copyright" ;;
    xml) printf '<!-- %s -->\n<!-- %s -->\n' "$spdx" "$copyright" ;;
    troff) printf '.\\" %s\n.\\" %s\n' "$spdx" "$copyright" ;;
    hash) printf '# %s\n# %s\n' "$spdx" "$copyright" ;;
  esac
}

has_header () {
  head -n 5 "$1" | grep -q 'SPDX-License-Identifier:'
}

add_header () {
  local file=$1 tmp first
  tmp=$(mktemp -p "$(dirname "$file")")
  first=$(head -n 1 "$file")
  case $first in
    '#!'*|'<?xml'*)
      # the interpreter line and the XML declaration must stay first
      { printf '%s\n' "$first"; header "$(comment_style "$file")"; tail -n +2 "$file"; } > "$tmp" ;;
    *)
      { header "$(comment_style "$file")"; cat "$file"; } > "$tmp" ;;
  esac
  chmod --reference="$file" "$tmp"
  mv "$tmp" "$file"
}

missing=0
changed=0
while IFS= read -r file; do
  [ -f "$file" ] || continue
  has_header "$file" && continue
  if [ $check = 1 ]; then
    echo "no SPDX line in the first 5 lines: $file"
    missing=$((missing + 1))
  else
    add_header "$file"
    changed=$((changed + 1))
  fi
done < <(source_files)

if [ $check = 1 ]; then
  echo "$(source_files | wc -l) source files, $missing without an SPDX line"
  [ $missing = 0 ]
else
  echo "added the SPDX and copyright lines to $changed files"
fi
