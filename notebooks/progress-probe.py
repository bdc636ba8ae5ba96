"""End-to-end check of the progress display in the real Kotlin kernel (run by e2e-check.sh).

A learning curve trained in a cell must show a display_data with a display id and then update it in place with
update_display_data messages carrying the same id: that is what the classic Notebook and JupyterLab route to the
output by display id. (nbconvert keeps only messages whose parent is the cell's request, and the 0.11 kernel sends
updates without one, so an executed notebook only keeps the first drawing; this probe reads the wire instead.)
"""
import sys
import tempfile

import jupyter_client

CELL = """val task = rhm { v = 4; classes = 4; m = 4; s = 2; L = 2; seed = 1 }
val curve = learningCurve(task) {
    model = cnn { width = 16 }
    train { sgd(lr = 0.1, momentum = 0.9); batch = 32; maxEpochs = 20 }
    sizes(32, 64); seeds = 1; testSize = 64
    store("%s/probe.sqlite")
}
curve.trained()"""


def run(kc, code, on_message, timeout=300):
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        on_message(msg)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return


def main():
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="rhmlab-kotlin")
    shown, updates, errors = [], [], []

    def collect(msg):
        kind, content = msg["msg_type"], msg["content"]
        display_id = (content.get("transient") or {}).get("display_id", "")
        if kind == "display_data" and display_id.startswith("rhmlab-progress"):
            shown.append(display_id)
        elif kind == "update_display_data" and display_id.startswith("rhmlab-progress"):
            updates.append((display_id, content["data"].get("text/plain", "")))
        elif kind == "error":
            errors.append(content.get("evalue", ""))

    try:
        with tempfile.TemporaryDirectory() as store:
            run(kc, "%use rhmlab", collect)
            run(kc, CELL % store, collect)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        del kc, km  # before interpreter teardown, where jupyter_client's destructor would log into a closed logger
    if errors:
        sys.exit("e2e: FAIL: the cell failed: " + "; ".join(errors))
    if len(shown) != 1:
        sys.exit("e2e: FAIL: expected one progress display, got %d" % len(shown))
    mine = [text for display_id, text in updates if display_id == shown[0]]
    if not mine or "2/2 runs" not in mine[-1]:
        sys.exit("e2e: FAIL: the progress display was not updated to the end: %r" % mine[-1:])
    print("e2e: progress display %s updated %d times, last: %s" % (shown[0], len(mine), mine[-1].splitlines()[0]))


if __name__ == "__main__":
    main()
