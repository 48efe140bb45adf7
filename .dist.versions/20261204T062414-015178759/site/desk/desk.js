// The desk's additions to Decap CMS: started by hand (after these are registered), the tab that saves,
// and the preview of a record as its page on the local site (`safety365 serve`).
window.CMS_MANUAL_INIT = true;

document.addEventListener('DOMContentLoaded', function () {
  var settings = JSON.parse(document.getElementById('desk-settings').textContent);
  var t = settings.t;

  // Each tab has its own id, sent with every save: the desk refuses a form opened from a version
  // someone else has changed since, but not this tab's own saves one after another.
  var tab = window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now();
  CMS.registerEventListener({
    name: 'preSave',
    handler: function (event) { return event.entry.get('data').set('desk_tab', tab); },
  });

  var Preview = createClass({
    render: function () {
      var entry = this.props.entry;
      var kind = entry.get('collection');
      var path = entry.get('path');
      if (settings.pageless.indexOf(kind) >= 0) {
        return h('p', {style: {font: '16px sans-serif', padding: '1em'}}, t.preview_pageless);
      }
      if (!settings.preview || entry.get('newRecord') || !path) {
        return h('p', {style: {font: '16px sans-serif', padding: '1em'}}, t.preview_unsaved);
      }
      var id = path.split('/').pop().replace(/\.yaml$/, '');
      var src = settings.preview.replace(/\/?$/, '/') + kind + '/' + id + '/';
      return h('iframe', {src: src, title: t.preview, style: {border: 0, width: '100%', height: '100vh'}});
    },
  });
  settings.kinds.forEach(function (kind) { CMS.registerPreviewTemplate(kind, Preview); });

  CMS.init();
});
