#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Keepsake authors
# Runs gtk4-builder-tool validate on every .ui file.  The tool only knows
# GTK's own types and cannot resolve template callbacks, so objects of
# Keepsake's widget types (class="Ks…") are checked as a GtkBox, <signal>
# elements are dropped, and so are <binding> elements whose expressions
# name Keepsake's types or functions (the rows of ks-device-row.ui); the UI
# tests build the real templates with all of them.
set -eu
top="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

for ui in $(find "$top/app" "$top/data" -name '*.ui' | sort); do
  copy="$tmp/$(basename "$ui")"
  sed -E -e 's/<object class="Ks[A-Za-z]+"/<object class="GtkBox"/' \
         -e '/<signal [^>]*\/>/d' "$ui" |
    perl -0pe 's{<binding\b(?:(?!</binding>).)*?(?:"Ks|"ks_)(?:(?!</binding>).)*</binding>}{}gs' > "$copy"
  if out=$(gtk4-builder-tool validate "$copy" 2>&1); then
    echo "ok: ${ui#$top/}"
  else
    echo "not ok: ${ui#$top/}: $out"
    status=1
  fi
done
exit $status
