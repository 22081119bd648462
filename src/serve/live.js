// sopdoc serve: live reload. Injected into pages as they are served, never written to disk.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var box = null;
  function clear() {
    if (box && box.parentNode) box.parentNode.removeChild(box);
    box = null;
  }
  function show(list) {
    clear();
    if (!list.length) return;
    box = document.createElement("div");
    box.id = "sopdoc-diagnostics";
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:45vh;overflow:auto;" +
      "z-index:2147483647;background:#fff5f5;color:#5c0000;border:2px solid #c00;" +
      "border-radius:6px;padding:.75rem 1rem;font:14px/1.4 monospace;" +
      "box-shadow:0 4px 16px rgba(0,0,0,.25)";
    var head = document.createElement("strong");
    // The heading and messages come in the author's language from sopdoc (`head`, `text`).
    head.textContent = list[0].head ||
      list.length + (list.length === 1 ? " error" : " errors") +
      " in the last save; this page shows the last good build.";
    box.appendChild(head);
    var ul = document.createElement("ul");
    ul.style.cssText = "margin:.5rem 0 0;padding-left:1.2rem";
    list.forEach(function (d) {
      var li = document.createElement("li");
      var where = d.file ? d.file + (d.line ? ":" + d.line + ":" + d.column : "") + ": " : "";
      li.textContent = where + "error[" + d.rule + "]: " + (d.text || d.message);
      ul.appendChild(li);
    });
    box.appendChild(ul);
    document.body.appendChild(box);
  }
  var events = new EventSource("/__sopdoc/events");
  events.addEventListener("diagnostics", function (e) {
    try {
      show(JSON.parse(e.data));
    } catch (err) {
      clear();
    }
  });
  events.addEventListener("reload", function () {
    window.location.reload();
  });
})();
