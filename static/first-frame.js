// index.html holds, in templates, the first frames of the commonest starts,
// drawn at build time (src/first_frame.rs, STARTS): the page with no URL
// parameters in English or (for a browser asking for it) in Chinese,
// ?lang=zh and ?embed=1. This puts the one the page starts with on the page
// before anything is painted (it follows them, and blocks the parser), and
// none for any other start. The app replaces it when it starts.
(function () {
  var q = location.search.replace(/^\?/, '');
  var zh = /^zh/i.test(navigator.language || '');
  var first = q === '' ? (zh ? 'zh' : 'en') : q === 'lang=zh' ? 'zh' : q === 'embed=1' ? 'embed' : '';
  var template = first && document.getElementById('first-' + first);
  var app = document.getElementById('app');
  if (template && app) app.insertBefore(template.content.cloneNode(true), app.firstChild);
})();
