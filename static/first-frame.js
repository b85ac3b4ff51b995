// index.html holds, in templates, the first frames of the commonest starts,
// drawn at build time (src/first_frame.rs, STARTS): the page with no URL
// parameters in English or (for a browser asking for it) in Chinese,
// ?lang=zh and ?embed=1, each for wide screens and for phones. This script
// follows them and shows the one the page starts with, before anything is
// painted; any other start shows none. The app takes its place (lib.rs).
(function () {
  var q = location.search.replace(/^\?/, '');
  var zh = /^zh/i.test(navigator.language || '');
  var start = q === '' ? (zh ? 'zh' : 'en') : q === 'lang=zh' ? 'zh' : q === 'embed=1' ? 'embed' : '';
  // As the app chooses (app.rs, COMPACT_BELOW_PX); an embed is always compact.
  var frame = start === 'embed' || innerWidth < 640 ? 'compact' : 'wide';
  var template = start && document.getElementById('first-' + start + '-' + frame);
  var app = document.getElementById('app');
  if (!template || !app) return;
  // A picture of the page, not the page: inert (nothing in it answers
  // before the app does) and in a closed shadow root, where no script (a
  // host page's, the tests') takes it for the app.
  var host = document.createElement('div');
  host.className = 'first-frame';
  host.setAttribute('inert', '');
  var shadow = host.attachShadow({ mode: 'closed' });
  try {
    // The page's stylesheet, at once (it has loaded: this script waited for it).
    var rules = '';
    for (var i = 0; i < document.styleSheets.length; i++) {
      var list = document.styleSheets[i].cssRules;
      for (var j = 0; j < list.length; j++) rules += list[j].cssText + '\n';
    }
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(rules);
    shadow.adoptedStyleSheets = [sheet];
  } catch (e) {
    // A sandboxed frame cannot read its stylesheet's rules: link it again.
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = './style.css';
    shadow.appendChild(link);
  }
  shadow.appendChild(template.content.cloneNode(true));
  app.insertBefore(host, app.firstChild);
  // Keys the app answers, pressed before it is there: kept for it to replay.
  var keys = [];
  var answered = [' ', 'ArrowRight', 'ArrowLeft', 'Home', 'End', 'p', 'P', 'Escape'];
  function early(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || answered.indexOf(e.key) < 0) return;
    keys.push(e.key);
    e.preventDefault();
  }
  addEventListener('keydown', early);
  window.synackEarlyKeys = function () {
    removeEventListener('keydown', early);
    return keys.splice(0);
  };
})();
