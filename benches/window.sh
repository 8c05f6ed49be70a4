#!/usr/bin/env bash
# The window benchmark (issue 22): frames per second of the release app in a real window on
# Mesa's software renderers, against egui's own demo windows (the yardstick) in the same run.
#
#   benches/window.sh [--renderer auto|glow|wgpu] [--seconds N] [--app PATH] [--no-build]
#                     [--sessions DIR] [WORDS...]
#
# Under Xvfb at 1920x1080, each program is started maximised, left to settle, then scrolled
# sideways (xdotool buttons 6 and 7, back and forth; on the canvases that pans) for N seconds
# (default 10) with the pointer in the middle of the screen. Frames per second are counted
# outside the program: for wgpu (Vulkan on lavapipe) by Mesa's overlay layer
# (VK_LAYER_MESA_overlay, output_file=...), for glow (OpenGL on llvmpipe) by Gallium's HUD
# (GALLIUM_HUD=fps, GALLIUM_HUD_DUMP_DIR=...). Both are set for every run; the one for the
# renderer in use writes. The figure is the median of the half-second counts while scrolling.
# Each row is printed with its ratio to the yardstick, measured first and last in the same run
# (their mean is the yardstick), with the machine's load average.
#
# Rows: the start screen; the prompt wheel and the needs map with the synthetic workshops of
# 100, 2,000 and 10,000 notes (written by `cargo bench --bench performance -- --write-sessions`),
# or taken from DIR), opened with the hidden `--show-canvas` flag, fitted to the window. WORDS keep only the rows
# whose label has every word (e.g. `map 10000`). `--renderer` is passed to both the app and the
# yardstick (default auto: what the app chooses on this computer).
#
# Needs Xvfb, xdotool and Mesa's Vulkan and OpenGL drivers with the overlay layer
# (`.ci/install-system-packages --test` installs them). It takes a few minutes, so CI does not run it.
set -euo pipefail

cd "$(dirname "$0")/.."
renderer=auto seconds=10 app="" build=1 sessions="" filter=()
while [ $# -gt 0 ]; do
  case "$1" in
    --renderer) renderer=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --app) app=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --sessions) sessions=$2; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) filter+=("$1"); shift ;;
  esac
done
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "window.sh: $tool is missing (.ci/install-system-packages --test)" >&2; exit 1; }
done

work=$(mktemp -d)
if [ "$build" = 1 ]; then
  cargo build --release --bin common-ground --example demo_windows >&2
fi
app=${app:-target/release/common-ground}
yardstick=target/release/examples/demo_windows
if [ -z "$sessions" ]; then
  sessions="$work/sessions"
  cargo bench --bench performance -- --write-sessions "$sessions" >/dev/null
fi

display=""
for n in $(seq 150 199); do
  if [ ! -e "/tmp/.X${n}-lock" ] && [ ! -e "/tmp/.X11-unix/X${n}" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "window.sh: no free X display number" >&2; exit 1; }
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
program_pid=""
cleanup() {
  if [ -n "$program_pid" ]; then kill "$program_pid" 2>/dev/null || true; fi
  kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export DISPLAY=$display
sleep 1

# Whether the row labelled $1 is asked for.
wanted() {
  local word
  for word in "${filter[@]+"${filter[@]}"}"; do
    case " $1 " in *" $word "*) ;; *) return 1 ;; esac
  done
  return 0
}

# Runs a program (the arguments) in the window, scrolls it, and prints its frames per second
# and the load average (one minute) when it ended.
measure() {
  local out="$work/run" fps median
  rm -rf "$out"; mkdir -p "$out/hud" "$out/data"
  VK_INSTANCE_LAYERS=VK_LAYER_MESA_overlay \
  VK_LAYER_MESA_OVERLAY_CONFIG="output_file=$out/overlay.csv,fps,no_display" \
  GALLIUM_HUD=fps GALLIUM_HUD_DUMP_DIR="$out/hud" GALLIUM_HUD_VISIBLE=false \
  COMMON_GROUND_DATA_DIR="$out/data" \
    "$@" >"$out/log" 2>&1 &
  program_pid=$!
  # Settled: the window is up, the workshop open and the first frames drawn, then idle.
  # Xvfb has no window manager to maximise the window, so it is given the whole screen here.
  local window
  window=$(xdotool search --sync --onlyvisible --name "Common Ground|egui demo windows" | head -n 1)
  xdotool windowmove "$window" 0 0 windowsize "$window" 1920 1080
  sleep 6
  xdotool mousemove 960 600
  sleep 1
  local marker_overlay marker_hud
  marker_overlay=$({ wc -l <"$out/overlay.csv"; } 2>/dev/null || echo 0)
  marker_hud=$(cat "$out"/hud/fps 2>/dev/null | wc -l)
  local end=$((SECONDS + seconds))
  while [ $SECONDS -lt $end ]; do
    xdotool click --repeat 25 --delay 8 7
    xdotool click --repeat 25 --delay 8 6
  done
  kill "$program_pid" 2>/dev/null || true
  wait "$program_pid" 2>/dev/null || true
  program_pid=""
  # The counts written while scrolling, less the first (which spans the idle wait before it).
  if [ -s "$out/overlay.csv" ] && [ "$(wc -l <"$out/overlay.csv")" -gt "$((marker_overlay + 2))" ]; then
    fps=$(tail -n +"$((marker_overlay + 2))" "$out/overlay.csv" | awk -F', *' '$3 ~ /^[0-9.]+$/ { print $3 }')
  elif [ -s "$out/hud/fps" ]; then
    fps=$(tail -n +"$((marker_hud + 2))" "$out/hud/fps" | awk '{ print $NF }')
  else
    echo "window.sh: no frame counts from: $*" >&2
    cat "$out/log" >&2
    echo 0 "$(cut -d' ' -f1 /proc/loadavg)"
    return
  fi
  median=$(echo "$fps" | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  echo "$median $(cut -d' ' -f1 /proc/loadavg)"
}

session_file() { ls "$sessions"/*"-$1.ron" | head -n 1; }

echo "measuring egui's demo windows (the yardstick)…" >&2
read -r yardstick_first load_first < <(measure "$yardstick" --renderer "$renderer")
rows=()
add_row() { rows+=("$1|$2"); }
if wanted "start screen"; then
  echo "measuring the start screen…" >&2
  add_row "start screen" "$(measure "$app" --renderer "$renderer")"
fi
for canvas in wheel map; do
  for notes in 100 2000 10000; do
    [ "$canvas" = wheel ] && label="prompt wheel, $notes notes" || label="needs map, $notes notes"
    wanted "$canvas $notes $label" || continue
    echo "measuring $label…" >&2
    add_row "$label" "$(measure "$app" --renderer "$renderer" --show-canvas "$canvas" "$(session_file "$notes")")"
  done
done
echo "measuring egui's demo windows again…" >&2
read -r yardstick_last load_last < <(measure "$yardstick" --renderer "$renderer")
yardstick_fps=$(awk -v a="$yardstick_first" -v b="$yardstick_last" 'BEGIN { print (a + b) / 2 }')

echo
echo "Common Ground in a window, release build, Xvfb 1920x1080, renderer $renderer, $(nproc) logical cores"
echo "Frames per second while scrolling sideways for $seconds s (median of half-second counts), ratio to the yardstick."
printf '  %-34s %6.1f fps  (%.1f first, %.1f last)            load %s, %s\n' "egui demo windows (the yardstick)" \
  "$yardstick_fps" "$yardstick_first" "$yardstick_last" "$load_first" "$load_last"
for row in "${rows[@]}"; do
  label=${row%|*} figures=${row#*|}
  fps=${figures% *} load=${figures#* }
  printf '  %-34s %6.1f fps  %5.2f× of the yardstick          load %s\n' "$label" "$fps" \
    "$(awk -v f="$fps" -v y="$yardstick_fps" 'BEGIN { print (y > 0 ? f / y : 0) }')" "$load"
done
