#!/usr/bin/env bash
# Re-executes notebooks in place with the installed kernel (`./rhmlab install-kernel`), as committed:
#   notebooks/execute.sh 02-synonymic-sensitivity 04-learners     (no argument: every numbered notebook)
# Results are served from notebooks/notebooks.sqlite when present. Progress displays are transient (updated in place
# while a cell runs; nbconvert keeps only their first drawing), so they are removed from the saved outputs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DJL_OFFLINE=true
unset RHMLAB_NOTEBOOK_SCALE   # the committed outputs are of the full parameters (ci = the tests' tiny ones)
cd "$root/notebooks"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=($(ls [0-9][0-9]-*.ipynb | grep -v '^00-' | sed 's/\.ipynb$//'))
for name in "${names[@]}"; do
  start=$(date +%s)
  /usr/bin/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=900 \
    --ExecutePreprocessor.kernel_name=rhmlab-kotlin "${name%.ipynb}.ipynb"
  /usr/bin/python3 - "${name%.ipynb}.ipynb" <<'PY'
import json, re, sys
path = sys.argv[1]
nb = json.load(open(path))
for cell in nb["cells"]:
    if cell["cell_type"] == "code":
        cell["outputs"] = [o for o in cell.get("outputs", []) if not (o["output_type"] == "display_data"
                           and re.match(r"^\d+/\d+ runs", "".join(o.get("data", {}).get("text/plain", ""))))]
open(path, "w").write(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
PY
  echo "${name%.ipynb}: executed in $(( $(date +%s) - start )) s"
done
