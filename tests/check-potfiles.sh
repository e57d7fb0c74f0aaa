#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Keepsake authors
# Every source file with a translatable string must be listed in
# po/POTFILES.in, and every listed file must exist.
set -eu
top="$1"
cd "$top"
status=0

listed=$(grep -Ev '^(#.*)?$' po/POTFILES.in | sort -u)

found=$( {
  grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext)[[:space:]]*\(' --include='*.c' app core
  grep -rl 'translatable="yes"' --include='*.ui' app data 2>/dev/null || true
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.mime.xml.in data/*.gschema.xml 2>/dev/null
} | sort -u)

for f in $found; do
  if ! printf '%s\n' "$listed" | grep -qx "$f"; then
    echo "not ok: $f has translatable strings but is missing from po/POTFILES.in"
    status=1
  fi
done

for f in $listed; do
  if [ ! -e "$f" ]; then
    echo "not ok: po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done

[ $status -eq 0 ] && echo "ok: po/POTFILES.in lists all $(printf '%s\n' "$found" | wc -l) files with translatable strings"
exit $status
