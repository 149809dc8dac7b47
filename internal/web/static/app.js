// parallax web UI: the little script the pages use. No inline script is
// allowed by the Content-Security-Policy; everything is wired here.
(function () {
  "use strict";

  // A link #s-START-END names a byte span of the document text. Sentences
  // carry such ids themselves; any other span is marked here by the text
  // pieces it covers (each piece knows its byte offsets in data-b/data-e).
  function markSpan() {
    var m = /^#s-(\d+)-(\d+)$/.exec(location.hash);
    var text = document.getElementById("text");
    if (!m || !text) return;
    var start = +m[1], end = +m[2];
    var old = text.querySelectorAll(".hl-js");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("hl-js", "hl");
    if (document.getElementById(location.hash.slice(1))) return; // :target does it
    var first = null;
    var pieces = text.querySelectorAll("[data-b]");
    for (var j = 0; j < pieces.length; j++) {
      var p = pieces[j];
      if (p.classList.contains("s")) continue;
      var b = +p.getAttribute("data-b"), e = +p.getAttribute("data-e");
      if (b < end && start < e) {
        p.classList.add("hl", "hl-js");
        if (!first) first = p;
      }
    }
    if (first) first.scrollIntoView({ block: "center" });
  }

  // Layer toggles: show or hide names, dates, quotes, numbers.
  function wireToggles() {
    var text = document.getElementById("text");
    var boxes = document.querySelectorAll("input.toggle[data-layer]");
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].addEventListener("change", function (ev) {
        var layer = ev.target.getAttribute("data-layer");
        if (text) text.classList.toggle("layers-" + layer, ev.target.checked);
      });
      if (text) text.classList.toggle("layers-" + boxes[i].getAttribute("data-layer"), boxes[i].checked);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    wireToggles();
    markSpan();
  });
  window.addEventListener("hashchange", markSpan);
})();
