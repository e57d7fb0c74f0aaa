#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Keepsake authors
# meson install --destdir into a temporary folder, then check that every
# file lands where a distribution expects it (relative to the configured
# prefix: with --prefix=/usr that is /usr/bin, /usr/share/applications, …,
# /usr/lib/udev/rules.d) and validate each one there, with the tools a
# distribution's checks use.  Nothing else may be installed.
#
# Usage: check-install.sh BUILD_ROOT SOURCE_ROOT
# The layout comes from the environment, set by tests/meson.build: MESON,
# KS_VERSION, KS_APP_ID and the absolute directories KS_BINDIR, KS_DATADIR,
# KS_MANDIR, KS_LOCALEDIR, KS_UDEVRULESDIR, KS_BASHCOMPLETIONDIR.
set -u
build=$1
source=$2

failed=0
ok () { echo "ok - $*"; }
fail () { echo "not ok - $*"; failed=1; }
# passes DESCRIPTION COMMAND…: passes when the command succeeds
passes () {
  local what=$1 out
  shift
  if out=$("$@" 2>&1); then
    ok "$what"
  else
    fail "$what"
    printf '%s\n' "$out" | sed 's/^/#   /'
  fi
}
# quiet DESCRIPTION COMMAND…: passes when the command succeeds and prints nothing
quiet () {
  local what=$1 out
  shift
  if out=$("$@" 2>&1) && [ -z "$out" ]; then
    ok "$what"
  else
    fail "$what"
    printf '%s\n' "$out" | sed 's/^/#   /'
  fi
}

for tool in "$MESON" desktop-file-validate appstreamcli glib-compile-schemas xmllint \
            update-mime-database gio groff bash; do
  command -v "$tool" >/dev/null || { echo "Bail out! $tool is missing (bash .ci/deps installs it)"; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root

if out=$("$MESON" install -C "$build" --destdir "$root" --no-rebuild --quiet 2>&1); then
  ok "meson install --destdir"
else
  fail "meson install --destdir"
  printf '%s\n' "$out" | sed 's/^/#   /'
  exit 1
fi

app=$KS_APP_ID
bindir=$root$KS_BINDIR
datadir=$root$KS_DATADIR
desktop=$datadir/applications/$app.desktop
metainfo=$datadir/metainfo/$app.metainfo.xml
schema=$datadir/glib-2.0/schemas/$app.gschema.xml
icon=$datadir/icons/hicolor/scalable/apps/$app.svg
symbolic=$datadir/icons/hicolor/symbolic/apps/$app-symbolic.svg
mime=$datadir/mime/packages/$app.xml
udev=$root$KS_UDEVRULESDIR/70-keepsake-cart-readers.rules
completion=$root$KS_BASHCOMPLETIONDIR/keepsake-cli
mo=$root$KS_LOCALEDIR/de/LC_MESSAGES/keepsake.mo
programs=(keepsake keepsake-cli keepsake-emulator)

# 1. Exactly these files, nothing more.
expected=("$desktop" "$metainfo" "$schema" "$icon" "$symbolic" "$mime" "$udev" "$completion" "$mo")
for p in "${programs[@]}"; do
  expected+=("$bindir/$p" "$root$KS_MANDIR/man1/$p.1")
done
printf '%s\n' "${expected[@]}" | sort > "$tmp/expected"
find "$root" -type f | sort > "$tmp/installed"
if diff -u "$tmp/expected" "$tmp/installed" > "$tmp/diff"; then
  ok "installed files: exactly the ${#expected[@]} expected"
else
  fail "installed files differ from the expected layout (- missing, + unexpected)"
  sed -n 's/^\([-+]\)\//#   \1 \//p' "$tmp/diff"
fi

# 1b. A distribution's configuration (--prefix=/usr, as Debian's packaging
#     sets it) plans exactly the paths a distribution expects; meson
#     introspect answers without building.
distro=$tmp/distro-build
if "$MESON" setup "$distro" "$source" --prefix=/usr -Dtests=false >"$tmp/distro.log" 2>&1; then
  "$MESON" introspect "$distro" --installed |
    python3 -c 'import json, sys; print("\n".join(sorted(json.load(sys.stdin).values())))' \
    > "$tmp/distro-installed"
  sed "s/@APP@/$app/" > "$tmp/distro-expected" <<'EOF'
/usr/bin/keepsake
/usr/bin/keepsake-cli
/usr/bin/keepsake-emulator
/usr/lib/udev/rules.d/70-keepsake-cart-readers.rules
/usr/share/applications/@APP@.desktop
/usr/share/bash-completion/completions/keepsake-cli
/usr/share/glib-2.0/schemas/@APP@.gschema.xml
/usr/share/icons/hicolor/scalable/apps/@APP@.svg
/usr/share/icons/hicolor/symbolic/apps/@APP@-symbolic.svg
/usr/share/locale/de/LC_MESSAGES/keepsake.mo
/usr/share/man/man1/keepsake-cli.1
/usr/share/man/man1/keepsake-emulator.1
/usr/share/man/man1/keepsake.1
/usr/share/metainfo/@APP@.metainfo.xml
/usr/share/mime/packages/@APP@.xml
EOF
  if diff -u "$tmp/distro-expected" "$tmp/distro-installed" > "$tmp/diff"; then
    ok "with --prefix=/usr every file goes to its place under /usr"
  else
    fail "with --prefix=/usr the paths differ (- expected, + planned)"
    sed -n 's/^\([-+]\)\//#   \1 \//p' "$tmp/diff"
  fi
else
  fail "meson setup --prefix=/usr"
  tail -n 20 "$tmp/distro.log" | sed 's/^/#   /'
fi

# 2. Programs: executable, and --version names the project's version.
for p in "${programs[@]}"; do
  if [ -x "$bindir/$p" ] && [ "$("$bindir/$p" --version 2>&1)" = "$p $KS_VERSION" ]; then
    ok "$p --version prints \"$p $KS_VERSION\""
  else
    fail "$p: not executable, or --version does not print \"$p $KS_VERSION\""
  fi
done

# 3. Desktop file: valid without a single hint, its Exec and Icon installed.
quiet "desktop file validates with no hints" desktop-file-validate "$desktop"
exec_line=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
icon_line=$(sed -n 's/^Icon=//p' "$desktop")
[ -x "$bindir/$exec_line" ] && ok "Exec=$exec_line is installed" || fail "Exec=$exec_line is not in $KS_BINDIR"
[ "$icon_line" = "$app" ] && ok "Icon= names the installed icon" || fail "Icon=$icon_line is not $app"

# 4. Metainfo: valid, launches the installed desktop file, newest release is this version.
passes "metainfo validates" appstreamcli validate --no-net --no-color "$metainfo"
grep -q "<launchable type=\"desktop-id\">$app.desktop</launchable>" "$metainfo" &&
  ok "metainfo launches $app.desktop" || fail "metainfo's launchable is not $app.desktop"
release=$(grep -o '<release [^>]*version="[^"]*"' "$metainfo" | head -n 1 | sed 's/.*version="\([^"]*\)"/\1/')
[ "$release" = "$KS_VERSION" ] && ok "metainfo's newest release is $KS_VERSION" ||
  fail "metainfo's newest release is \"$release\", the project is $KS_VERSION"
grep -q "^Keepsake $KS_VERSION" "$source/NEWS" && ok "NEWS has an entry for $KS_VERSION" ||
  fail "NEWS has no \"Keepsake $KS_VERSION\" entry"

# 5. Icons and schema.
quiet "scalable icon is well-formed SVG" xmllint --noout "$icon"
quiet "symbolic icon is well-formed SVG" xmllint --noout "$symbolic"
quiet "schema compiles (--strict)" glib-compile-schemas --strict --dry-run "$(dirname "$schema")"

# 6. udev rule.
passes "udev rule passes data/check-udev-rule.sh" bash "$source/data/check-udev-rule.sh" "$udev"

# 7. MIME package: well-formed, accepted by update-mime-database, the same
#    types as the desktop file's MimeType= and the metainfo, and GIO sees
#    sample files as those types.
quiet "MIME package is well-formed" xmllint --noout "$mime"
grep -o '<mime-type type="[^"]*"' "$mime" | sed 's/.*type="//; s/"$//' | sort > "$tmp/mime-types"
sed -n 's/^MimeType=//p' "$desktop" | tr ';' '\n' | sed '/^$/d' | sort > "$tmp/desktop-types"
sed -n 's/.*<mediatype>\(.*\)<\/mediatype>.*/\1/p' "$metainfo" | sort > "$tmp/metainfo-types"
if [ -s "$tmp/mime-types" ] && cmp -s "$tmp/mime-types" "$tmp/desktop-types" &&
   cmp -s "$tmp/mime-types" "$tmp/metainfo-types"; then
  ok "MimeType= and the metainfo name the $(wc -l < "$tmp/mime-types") types of the MIME package"
else
  fail "the MIME package, MimeType= and the metainfo's mediatypes disagree"
  paste "$tmp/mime-types" "$tmp/desktop-types" "$tmp/metainfo-types" | sed 's/^/#   /'
fi

share=$tmp/share
mkdir -p "$share/mime/packages"
cp "$mime" "$share/mime/packages/"
# against the system's types too, where the conflicts are (*.sav is SPSS's)
system=/usr/share/mime/packages/freedesktop.org.xml
[ -f "$system" ] && cp "$system" "$share/mime/packages/"
quiet "update-mime-database accepts the package" \
  env XDG_DATA_DIRS="$share" XDG_DATA_HOME="$tmp/nowhere" update-mime-database "$share/mime"

samples=$tmp/samples
mkdir -p "$samples"
python3 - "$samples" <<'PY'
import sys, random
d = sys.argv[1]
rnd = random.Random(16)
def write(name, data):
    open(f'{d}/{name}', 'wb').write(bytes(data))
gen3 = bytearray(0x20000)
gen3[0xFF8:0xFFC] = bytes.fromhex('25200108')           # docs/gen3.md §1.3
write('emerald.sav', gen3)
write('red.sav', (rnd.randrange(256) for _ in range(32768)))
write('zelda.srm', (rnd.randrange(256) for _ in range(8192)))
write('stats.sav', b'$FL2@(#) SPSS DATA FILE' + bytes(200))
logical = b'BackUpRam Format' * 4 + bytes(0x8000 - 64)  # docs/saturn.md §1.2
write('internal.bkr', logical)
write('internal.bin', logical)
expanded = bytearray()
for b in logical[:4096]:
    expanded += bytes([rnd.randrange(256), b])            # docs/saturn.md §2
write('mister.bin', expanded)
ar = bytearray(b'\xff' * 0x40000)                      # docs/saturn.md §3.1
ar[0:15] = b'SEGA SEGASATURN'
ar[0x50:0x5D] = b'ACTION REPLAY'
write('ar4m.bin', ar)
write('DAYTONA_.BUP', b'Vmem' + bytes(60) + b'payload')  # docs/saturn.md §5
write('renamed.dat', b'Vmem' + bytes(60) + b'payload')
PY
expect_type () {  # FILE TYPE
  local got
  got=$(GIO_USE_VFS=local XDG_DATA_DIRS="$share" XDG_DATA_HOME="$tmp/nowhere" \
        gio info -a standard::content-type "$samples/$1" 2>&1 | sed -n 's/.*standard::content-type: //p')
  [ "$got" = "$2" ] && ok "GIO sees $1 as $2" || fail "GIO sees $1 as \"$got\", not $2"
}
expect_type emerald.sav application/x-pokemon-gen3-save
expect_type red.sav application/x-gameboy-save
expect_type zelda.srm application/x-gameboy-save
expect_type internal.bkr application/x-saturn-backup-ram
expect_type internal.bin application/x-saturn-backup-ram
expect_type mister.bin application/x-saturn-backup-ram
expect_type ar4m.bin application/x-saturn-action-replay
expect_type DAYTONA_.BUP application/x-saturn-bup
expect_type renamed.dat application/x-saturn-bup
[ -f "$system" ] && expect_type stats.sav application/x-spss-sav

# 8. Manual pages: lint clean, the version filled in.
for p in "${programs[@]}"; do
  page=$root$KS_MANDIR/man1/$p.1
  quiet "man page $p.1: groff -man -z -ww" groff -man -z -ww "$page"
  if command -v mandoc >/dev/null; then
    quiet "man page $p.1: mandoc -Tlint" mandoc -Tlint -W warning "$page"
  fi
  grep -q "^\.TH .*\"Keepsake $KS_VERSION\"" "$page" && ok "man page $p.1 names Keepsake $KS_VERSION" ||
    fail "man page $p.1 does not carry the version"
done

# 9. Bash completion: parses, and completes commands, options, values and ports.
quiet "completion parses (bash -n)" bash -n "$completion"
mkdir -p "$tmp/dev"
: > "$tmp/dev/ttyUSB0"
expect_completion () {  # LINE EXPECTED…: every EXPECTED word is among the replies
  local line=$1 replies
  shift
  replies=$(_keepsake_cli_dev="$tmp/dev" bash -c '
    source "$1"
    COMP_LINE=$2 COMP_POINT=${#2} COMP_WORDS=() COMP_CWORD=0
    _keepsake_cli
    printf "%s\n" "${COMPREPLY[@]}"' completion "$completion" "$line" 2>&1)
  for word in "$@"; do
    if ! printf '%s\n' "$replies" | grep -qxF -- "$word"; then
      fail "completing \"$line\" offers no \"$word\" (got: $(echo $replies))"
      return
    fi
  done
  ok "completing \"$line\" offers $*"
}
expect_completion "keepsake-cli " info verify backup backups --version
expect_completion "keepsake-cli ve" verify
expect_completion "keepsake-cli list --ca" --cart=
expect_completion "keepsake-cli list --cart=gb:mb" mbc1 mbc5
expect_completion "keepsake-cli list --cart mmc" mmc mmc-top
expect_completion "keepsake-cli verify --format=sat" saturn-bram saturn-ar
expect_completion "keepsake-cli trainer x.sav --set=gender=" male female
expect_completion "keepsake-cli backup $tmp/dev/tty" "$tmp/dev/ttyUSB0"
expect_completion "keepsake-cli backups " list restore prune

exit $failed
