// notebooks/e2e-check.sh: moves the mouse over the first interactive rhmlab figure of the page until lets-plot
// shows the tooltip of a median point, and leaves it open for the screenshot. The result is written on <body> as
// data-rhmlab-hover (the tooltip's text, or "none"), which the check reads from Chromium's dumped DOM.
window.addEventListener("load", function () {
  setTimeout(function () {
    document.body.setAttribute("data-rhmlab-hover", "none");
    var box = document.querySelector("[data-rhmlab-interactive]");
    var svg = box && box.querySelector("svg");
    if (!svg) return;
    var r = svg.getBoundingClientRect();
    // a coarse sweep, rows from the bottom (where the curve's low points are), the figure scrolled into view first
    svg.scrollIntoView();
    r = svg.getBoundingClientRect();
    for (var y = r.bottom - 30; y > r.top + 60; y -= 6) {
      for (var x = r.left + 40; x < r.right - 140; x += 6) {
        svg.dispatchEvent(new MouseEvent("mousemove", { clientX: x, clientY: y, bubbles: true }));
        var text = box.innerText.replace(/\s+/g, " ");
        var at = text.indexOf("median test error");
        if (at >= 0) {
          document.body.setAttribute("data-rhmlab-hover", text.slice(Math.max(0, at - 40), at + 200));
          return;
        }
      }
    }
  }, 200);
});
