// The postMessage bridge (docs/embed.md, "Talking to the page around the
// frame"): for a course page that embeds synack in an iframe and is no LMS.
// Started by boot.js only when the frame's address names the host's origin
// (`?origin=https://course.example.edu`); other pages never fetch it.
//
// Out, to that origin only (postMessage's targetOrigin, so no other page
// that frames synack reads a student's score):
//   { source: 'synack', type: 'ready', version }
//   { source: 'synack', type: 'progress', exercise, progress }
//   { source: 'synack', type: 'score', exercise, right, total, scaled, student, progress }
// In, from that origin and the parent window only (anything else is ignored):
//   { source: 'synack-host', type: 'hello' }  → 'ready' again, then the
//   last progress and score, for a host that listens late.

/** The origin a host wrote, or null if it is not one (http or https, no path). */
export function origin(text) {
  try {
    const u = new URL(text);
    return ['http:', 'https:'].includes(u.protocol) && u.origin === text ? u.origin : null;
  } catch {
    return null;
  }
}

export function start(text) {
  const host = origin(text);
  if (!host || window.parent === window) return;
  let version = null;
  const last = {};
  const post = (type, detail) => {
    window.parent.postMessage({ source: 'synack', type, ...detail }, host);
  };
  window.addEventListener('synack:ready', () => {
    version = window.synack?.version ?? null;
    post('ready', { version });
  }, { once: true });
  for (const type of ['progress', 'score']) {
    window.addEventListener(`synack:${type}`, (e) => {
      last[type] = { ...e.detail };
      post(type, last[type]);
    });
  }
  window.addEventListener('message', (e) => {
    if (e.origin !== host || e.source !== window.parent) return;
    const m = e.data;
    if (!m || typeof m !== 'object' || m.source !== 'synack-host' || m.type !== 'hello') return;
    if (!window.synack) return; // 'ready' comes when it is
    post('ready', { version });
    for (const type of ['progress', 'score']) if (last[type]) post(type, last[type]);
  });
}
