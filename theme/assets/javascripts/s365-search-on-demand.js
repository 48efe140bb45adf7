// Material fetches the whole search index as soon as a page loads, though few readers search:
// on a phone that is the largest download of the page, competing with the page itself.
// Hold that one request back until the reader turns to search (focuses or opens the search
// box), or arrives from a search result to have the words highlighted. Runs before Material's
// bundle. Without JavaScript there is no search at all, so nothing is lost.
(function () {
  var index = /\/search\/search_index\.json(?:[?#]|$)/;
  var held = [];
  var released = /[?&]h=/.test(location.search);
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.s365SearchIndex = index.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.s365SearchIndex && !released) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };
  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (call) { send.apply(call[0], call[1]); });
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) release();
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest("label[for=__search], .md-search")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") release();
  });
})();
