// Material's search overlay is a dialog without a name; give it one for screen readers.
document.querySelectorAll(".md-search[role=dialog]").forEach(function (dialog) {
  var label = document.querySelector(".md-search__input");
  dialog.setAttribute("aria-label", (label && label.getAttribute("aria-label")) || "搜索");
});
