#!/usr/bin/env bash
# End-to-end notebook check on a fresh machine and a fresh HOME: installs Jupyter, chromium and the Kotlin kernel
# (./rhmlab install-kernel, into a new temporary HOME, where Jupyter then finds it), executes notebooks/ci/00-smoke.ipynb
# with nbconvert in the real kernel (%use rhmlab = this checkout's build), exports HTML (PNG first), screenshots it
# with headless Chromium (no network) and asserts the plot is not blank.
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
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$work/chrome" --window-size=1200,2400 \
  --screenshot="$work/shot.png" "file://$work/executed.html" >/dev/null 2>&1 || true
[ -s "$work/shot.png" ] || { echo "e2e: FAIL: chromium wrote no screenshot" >&2; exit 1; }
mkdir -p "$root/notebooks/target" && cp "$work/shot.png" "$root/notebooks/target/e2e-screenshot.png"
java "$root/notebooks/PlotVisible.java" "$work/shot.png" 5000
echo "e2e: OK (screenshot kept in notebooks/target/e2e-screenshot.png)"
