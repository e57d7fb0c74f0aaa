#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Keepsake authors
# Checks the shipped udev rule: it must sort before 73-seat-late.rules (where
# logind applies "uaccess"), tag both cart readers, and use only the keys
# udev accepts in this form.
set -eu
rule="$1"
status=0

case "$(basename "$rule")" in
  [0-6][0-9]-*|7[0-2]-*) ;;
  *) echo "not ok: $(basename "$rule") sorts after 73-seat-late.rules; uaccess would be ignored"; status=1 ;;
esac

for ids in '1a86:7523' '0483:5740'; do
  vid=${ids%:*}; pid=${ids#*:}
  if grep -Eq "^SUBSYSTEM==\"tty\", ATTRS\{idVendor\}==\"$vid\", ATTRS\{idProduct\}==\"$pid\", TAG\+=\"uaccess\"$" "$rule"; then
    echo "ok: $vid:$pid gets uaccess"
  else
    echo "not ok: no uaccess rule for $vid:$pid"; status=1
  fi
done

# Every non-comment line is a comma-separated list of KEY==value / KEY+=value pairs.
if grep -Ev '^(#.*)?$' "$rule" | grep -Evq '^([A-Z]+(\{[A-Za-z_]+\})?(==|\+=|=)"[^"]*"(, )?)+$'; then
  echo "not ok: malformed line:"; grep -Ev '^(#.*)?$' "$rule" | grep -Ev '^([A-Z]+(\{[A-Za-z_]+\})?(==|\+=|=)"[^"]*"(, )?)+$'
  status=1
fi
exit $status
