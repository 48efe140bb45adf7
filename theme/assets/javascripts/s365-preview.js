// The editors' preview (`safety365 serve`) only: while the records have problems the page on show is the last
// good one, and the problems are shown over it as the terminal prints them (path:line:col: message).
(function () {
  var report = new URL("../../s365-problems.json", document.currentScript.src);
  fetch(report, { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (found) {
      if (!found || !found.problems.length) return;
      var box = document.createElement("div");
      box.id = "s365-problems";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;top:0;z-index:10000;max-height:60vh;overflow:auto;padding:1em;" +
        "background:#fff5f5;color:#7f1d1d;border-bottom:4px solid #b91c1c;box-shadow:0 2px 8px rgba(0,0,0,.3);font:15px/1.5 sans-serif";
      var title = document.createElement("strong");
      title.textContent = found.title;
      var lines = document.createElement("pre");
      lines.style.cssText = "margin:.5em 0 0;white-space:pre-wrap;font:14px/1.5 monospace";
      lines.textContent = found.problems.join("\n");
      box.append(title, lines);
      document.body.append(box);
    })
    .catch(function () { /* no report: nothing to show */ });
})();
