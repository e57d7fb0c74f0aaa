#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Keepsake authors
# A translation must be complete and well-formed:
#  1. msgfmt --check (header, plural forms, printf directives in the same
#     order and of the same types, GTK mnemonics) passes, and its statistics
#     report no fuzzy and no untranslated message;
#  2. it covers the current sources: a fresh template is extracted from
#     po/POTFILES.in with xgettext (the keywords of meson's i18n 'glib'
#     preset, as po/meson.build uses), and msgcmp fails for every msgid of
#     that template which has no translated, non-fuzzy entry in the file.
# po/keepsake.pot itself is not used: it is only written by the
# keepsake-pot target and may be stale or absent.
# Usage: check-translation.sh path/to/po/LL.po
set -eu

po="$1"
podir=$(cd "$(dirname "$po")" && pwd)
top=$(dirname "$podir")
po="$podir/$(basename "$po")"

for tool in msgfmt msgcmp xgettext; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "skip: $tool not found"
    exit 77
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0

# 1. Well-formed, no fuzzy or untranslated entries.
if msgfmt --check --check-accelerators=_ --statistics -o /dev/null "$po" 2>"$tmp/stats"; then
  stats=$(tail -n 1 "$tmp/stats")
  case "$stats" in
    *fuzzy*|*untranslated*)
      echo "not ok: $po is incomplete: $stats"
      status=1 ;;
    *" translated message"*)
      echo "ok: $po: $stats" ;;
    *)
      echo "not ok: could not read msgfmt's statistics: $stats"
      status=1 ;;
  esac
else
  cat "$tmp/stats"
  echo "not ok: msgfmt --check rejects $po"
  status=1
fi

# 2. Covers every string of the current sources.
grep -Ev '^(#.*)?$' "$top/po/POTFILES.in" > "$tmp/POTFILES"
if ! (cd "$top" && xgettext --package-name=keepsake --from-code=UTF-8 \
        --add-comments \
        --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
        --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
        --keyword=g_dpgettext2:2c,3 \
        --files-from="$tmp/POTFILES" -o "$tmp/template.pot" 2>"$tmp/xgettext.log"); then
  cat "$tmp/xgettext.log"
  echo "not ok: xgettext could not extract a template from po/POTFILES.in"
  exit 1
fi

if msgcmp "$po" "$tmp/template.pot" 2>"$tmp/msgcmp.log"; then
  echo "ok: $(basename "$po") covers all $(grep -c '^msgid ' "$tmp/template.pot") template entries (header included)"
else
  # msgcmp names each msgid of the template that is missing from the file,
  # untranslated in it or only fuzzy there.
  grep -v '^msgcmp: found' "$tmp/msgcmp.log" | head -n 40
  missing=$(grep -cE 'used but not defined|is untranslated|needs to be reviewed' "$tmp/msgcmp.log" || true)
  echo "not ok: $(basename "$po") lacks a translation for $missing strings of the sources"
  status=1
fi

exit $status
