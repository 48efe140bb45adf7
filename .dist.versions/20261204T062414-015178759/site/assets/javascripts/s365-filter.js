// Filters on index pages: show only rows whose data-town / data-type match the selects.
// Without JavaScript the form stays hidden and every row is shown.
document.querySelectorAll("[data-s365-filter]").forEach(function (form) {
  var scope = form.parentElement;
  var selects = form.querySelectorAll("select[data-filter]");
  function apply() {
    var wanted = {};
    selects.forEach(function (select) { wanted[select.dataset.filter] = select.value; });
    scope.querySelectorAll("[data-town], [data-type]").forEach(function (row) {
      var town = !wanted.town || row.dataset.town === wanted.town;
      var type = !wanted.type || (row.dataset.type || "").split(" ").indexOf(wanted.type) >= 0;
      row.hidden = !(town && type);
    });
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  form.hidden = false;
});
