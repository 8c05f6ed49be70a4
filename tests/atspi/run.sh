#!/usr/bin/env bash
# The AT-SPI smoke test's stage: a virtual screen (Xvfb), a private D-Bus session with the
# accessibility bus on it, the app with a copy of the example workshop, and smoke.py walking the
# app from outside as a screen reader would. Usage: tests/atspi/run.sh PATH/TO/common-ground
# Exits 0 when every check passed; 77 (the usual "skipped" code) when a package is missing.
set -euo pipefail
app=$1
here="$(cd "$(dirname "$0")" && pwd)"

missing=()
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v dbus-run-session >/dev/null || missing+=(dbus)
[ -x /usr/libexec/at-spi-bus-launcher ] || missing+=(at-spi2-core)
/usr/bin/python3 -c 'import gi; gi.require_version("Atspi", "2.0"); from gi.repository import Atspi' 2>/dev/null \
  || missing+=(gir1.2-atspi-2.0 python3-gi)
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing Debian packages: ${missing[*]} (.ci/install-system-packages --test installs them)"
  exit 77
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/../../workshops/bristol-outreach.ron" "$work/workshop.ron"
mkdir -m 700 "$work/run"
export XDG_RUNTIME_DIR="$work/run"
export APP="$app" WORKSHOP="$work/workshop.ron" DATA_DIR="$work/data" SMOKE="$here/smoke.py"

# Everything below runs inside its own D-Bus session, which ends (and takes the accessibility
# bus with it) when the inner script does.
# The session's own daemon talks on stderr about services it starts; only the checks matter here.
dbus-run-session -- bash -c '
  set -euo pipefail
  display=""
  for n in $(seq 150 199); do
    if [ ! -e "/tmp/.X${n}-lock" ] && [ ! -e "/tmp/.X11-unix/X${n}" ]; then display=":$n"; break; fi
  done
  Xvfb "$display" -screen 0 1600x900x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
  launcher=$!
  app=""
  cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; kill "$launcher" "$xvfb" 2>/dev/null; wait 2>/dev/null || true; }
  trap cleanup EXIT
  # Turn accessibility on, as a screen reader does when it starts: AccessKit only builds its
  # tree for the bus once this is set.
  for _ in $(seq 50); do
    dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
      org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled variant:boolean:true \
      >/dev/null 2>&1 && break
    sleep 0.1
  done
  export DISPLAY="$display" NO_AT_BRIDGE=0
  "$APP" --data-dir "$DATA_DIR" "$WORKSHOP" >"$DATA_DIR.log" 2>&1 &
  app=$!
  if /usr/bin/python3 "$SMOKE" "$app" 2>&1; then
    exit 0
  else
    status=$?
    echo "--- the app said:"; tail -20 "$DATA_DIR.log" || true
    exit "$status"
  fi
' 2>/dev/null
