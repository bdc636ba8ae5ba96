#!/usr/bin/env bash
# End-to-end notebook check on a fresh machine and a fresh HOME: installs Jupyter, chromium and the Kotlin kernel
# (./rhmlab install-kernel, into a new temporary HOME, where Jupyter then finds it), executes notebooks/ci/00-smoke.ipynb
# with nbconvert in the real kernel (%use rhmlab = this checkout's build), exports HTML (PNG first), screenshots it
# with headless Chromium (no network) and asserts the plot is not blank. Where `%use rhmlab` found a lets-plot 4.1
# script (RHMLAB_LETS_PLOT_JS, or a Python lets-plot 4.1 installation: rhmlab does not ship one), it then exports the
# notebook again with HTML first and asserts that the interactive figure is drawn by that script (every host name
# unresolvable, so nothing can come from a CDN) and shows a point's tooltip on hover; otherwise it says that this
# interactive-figure check was skipped, and why.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DJL_OFFLINE=true
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# a fresh HOME: the kernelspec, the %use descriptor and the kernel's jars must land where Jupyter and the kernel look
export HOME="$work/home"
mkdir -p "$HOME"
unset JUPYTER_DATA_DIR JUPYTER_CONFIG_DIR

"$root/rhmlab" install-kernel --with-chromium      # builds rhmlab first when sources changed, installs only what is missing
grep -q "$root/kernel/target/rhmlab-kernel-" "$HOME/.jupyter_kotlin/libraries/rhmlab.json" \
  || { echo "e2e: FAIL: %use rhmlab does not load this checkout's build" >&2; exit 1; }

cp "$root/notebooks/ci/00-smoke.ipynb" "$work/"
cd "$work"
start=$(date +%s)
# the kernel's stderr reaches nbconvert's: kept to look for SLF4J's warnings below
if ! /usr/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
  --ExecutePreprocessor.kernel_name=rhmlab-kotlin 00-smoke.ipynb --output executed.ipynb 2>"$work/kernel.err"; then
  cat "$work/kernel.err" >&2; exit 1
fi
cat "$work/kernel.err" >&2
echo "e2e: executed in $(( $(date +%s) - start )) s"
# `%use rhmlab` must bring an SLF4J provider with slf4j-api: no "NOP logger" / "No SLF4J providers" warning anywhere
if grep -q "SLF4J" executed.ipynb "$work/kernel.err"; then
  echo "e2e: FAIL: SLF4J warnings while executing the notebook:" >&2; grep -h "SLF4J" executed.ipynb "$work/kernel.err" >&2; exit 1
fi
# the progress display of a training cell, read on the wire (see progress-probe.py)
/usr/bin/python3 "$root/notebooks/progress-probe.py"
/usr/bin/jupyter nbconvert --to html executed.ipynb --output executed.html \
  '--NbConvertBase.display_data_priority=["image/png","text/html","text/markdown","image/svg+xml","text/plain"]'
grep -q 'src="data:image/png;base64' executed.html || { echo "e2e: FAIL: no PNG figure in the HTML export" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser)
# no network for the page: every host name fails to resolve
chrome=("$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
  --disable-sync --no-first-run --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$work/chrome")
"${chrome[@]}" --window-size=1200,2400 --screenshot="$work/shot.png" "file://$work/executed.html" >/dev/null 2>&1 || true
[ -s "$work/shot.png" ] || { echo "e2e: FAIL: chromium wrote no screenshot" >&2; exit 1; }
mkdir -p "$root/notebooks/target" && cp "$work/shot.png" "$root/notebooks/target/e2e-screenshot.png"
java "$root/notebooks/PlotVisible.java" "$work/shot.png" 5000

# The interactive figure needs lets-plot's script on the page, which `%use rhmlab` puts there only when it found one
# (its output then carries the script, marked data-rhmlab="lets-plot VERSION"). Without it the figures are static,
# as checked above, and there is nothing interactive to check.
if ! grep -q 'data-rhmlab=\\"lets-plot ' executed.ipynb; then
  echo "e2e: interactive-figure check SKIPPED: %use rhmlab found no lets-plot 4.1 script, so figures are static (rhmlab"
  echo "     does not ship lets-plot's JavaScript: no registry serves it). What the kernel said:"
  /usr/bin/python3 - executed.ipynb <<'PY'
import json, sys
for cell in json.load(open(sys.argv[1]))["cells"]:
    for o in cell.get("outputs", []):
        text = "".join(o.get("data", {}).get("text/plain", ""))
        for line in text.splitlines():
            if line.startswith("rhmlab: "):
                print("       " + line)
PY
  echo "     To run it: export RHMLAB_LETS_PLOT_JS=/path/to/lets-plot.min.js of lets-plot 4.1 (e.g. from"
  echo "     pip install lets-plot==4.1.0: .../lets_plot/package_data/lets-plot.min.js), then run this script again."
  echo "e2e: OK (static figures; screenshot kept in notebooks/target/e2e-screenshot.png)"
  exit 0
fi

# The interactive figure, as the notebook shows it: HTML first. hover-probe.js moves the mouse over the figure and
# writes the tooltip it got on <body>; the dumped DOM must show the figure drawn by lets-plot (its PNG hidden) and a tooltip.
/usr/bin/jupyter nbconvert --to html executed.ipynb --output interactive.html \
  '--NbConvertBase.display_data_priority=["text/html","image/png","text/markdown","image/svg+xml","text/plain"]'
/usr/bin/python3 - "$work/interactive.html" "$root/notebooks/hover-probe.js" <<'PY'
import sys
page, probe = sys.argv[1], open(sys.argv[2]).read()
html = open(page).read()
open(page, "w").write(html.replace("</body>", "<script>\n" + probe + "</script>\n</body>", 1))
PY
"${chrome[@]}" --virtual-time-budget=15000 --dump-dom "file://$work/interactive.html" >"$work/interactive-dom.html" 2>/dev/null || true
grep -q 'data-rhmlab-interactive="true"' "$work/interactive-dom.html" \
  || { echo "e2e: FAIL: the interactive figure was not drawn (lets-plot's script did not run offline)" >&2; exit 1; }
hover=$(grep -o 'data-rhmlab-hover="[^"]*"' "$work/interactive-dom.html" || true)
case "$hover" in
  *"median test error"*seeds*epochs*stopped*) echo "e2e: tooltip on hover: ${hover#data-rhmlab-hover=}" ;;
  *) echo "e2e: FAIL: no tooltip on hover (${hover:-no probe result})" >&2; exit 1 ;;
esac
"${chrome[@]}" --window-size=1200,1400 --virtual-time-budget=15000 --screenshot="$work/interactive.png" \
  "file://$work/interactive.html" >/dev/null 2>&1 || true
[ -s "$work/interactive.png" ] || { echo "e2e: FAIL: chromium wrote no screenshot of the interactive page" >&2; exit 1; }
cp "$work/interactive.png" "$root/notebooks/target/e2e-interactive.png"
# drawn at its CSS size, where the PNG above is twice as many pixels: a lower count of plotted pixels
java "$root/notebooks/PlotVisible.java" "$work/interactive.png" 2000
echo "e2e: OK (screenshots kept in notebooks/target/e2e-screenshot.png and e2e-interactive.png)"
