// The SCORM adapter (docs/teachers.md): what a package's launch page runs
// before the app. It finds the LMS's run-time (SCORM 1.2 `API`, SCORM 2004
// `API_1484_11`) in a parent frame or the window that opened this one,
// starts the session, and
//   - gives the app the learner's identifier (their own numbers: `student=`)
//     and where they left off (`answers=`, `order=`, `moves=`, `checked=`,
//     kept as suspend data, which each `synack:progress` updates);
//   - reports each checked exercise (`synack:score`): score, completion and
//     success, and the progress to resume from;
//   - ends the session when the page goes, keeping it for a relaunch.
// Without an LMS the page still works; the exercise just reports nowhere.

/** The run-time named `name` in this window, its parents or its opener. */
function find(name) {
  const search = (start) => {
    let w = start;
    for (let depth = 0; w && depth < 10; depth++) {
      try {
        if (w[name]) return w[name];
      } catch {
        // A frame of another origin: not the LMS's.
      }
      if (!w.parent || w.parent === w) break;
      w = w.parent;
    }
    return null;
  };
  return search(window) ?? (window.opener ? search(window.opener) : null);
}

/** A passing score the LMS sets for the activity (0 to 1), or 0.8. */
function passing(get, v12) {
  const text = v12 ? get('cmi.student_data.mastery_score') : get('cmi.scaled_passing_score');
  const n = Number.parseFloat(text);
  if (!Number.isFinite(n) || text === '') return 0.8;
  return v12 ? n / 100 : n;
}

export function start(version) {
  const v12 = version === '1.2';
  const api = find(v12 ? 'API' : 'API_1484_11');
  if (!api) {
    console.warn(`synack: no SCORM ${version} run-time found; the exercise reports to no LMS`);
    return;
  }
  const call = (m12, m2004, ...args) => {
    try {
      return String(api[v12 ? m12 : m2004](...args));
    } catch (e) {
      console.warn(`synack: SCORM ${v12 ? m12 : m2004} failed`, e);
      return '';
    }
  };
  const get = (key) => call('LMSGetValue', 'GetValue', key);
  const set = (key, value) => call('LMSSetValue', 'SetValue', key, String(value));
  const commit = () => call('LMSCommit', 'Commit', '');
  if (call('LMSInitialize', 'Initialize', '') !== 'true') {
    console.warn('synack: the LMS would not start a SCORM session');
    return;
  }
  const learner = get(v12 ? 'cmi.core.student_id' : 'cmi.learner_id');
  const suspended = get('cmi.suspend_data');
  const url = new URL(location.href);
  if (learner && !url.searchParams.has('student')) url.searchParams.set('student', learner);
  for (const [key, value] of new URLSearchParams(suspended)) {
    if (['answers', 'checked', 'order', 'moves'].includes(key)) url.searchParams.set(key, value);
  }
  history.replaceState(history.state, '', url);

  // Opened: under way, unless it was finished before.
  if (v12) {
    if (['not attempted', ''].includes(get('cmi.core.lesson_status'))) set('cmi.core.lesson_status', 'incomplete');
  } else if (['not attempted', 'unknown', ''].includes(get('cmi.completion_status'))) {
    set('cmi.completion_status', 'incomplete');
  }
  commit();

  const pass = passing(get, v12);
  window.addEventListener('synack:score', (e) => {
    const { right, total, scaled, progress } = e.detail;
    const passed = scaled >= pass;
    if (v12) {
      set('cmi.core.score.min', 0);
      set('cmi.core.score.max', 100);
      set('cmi.core.score.raw', Math.round(scaled * 100));
      set('cmi.core.lesson_status', passed ? 'passed' : 'failed');
    } else {
      set('cmi.score.min', 0);
      set('cmi.score.max', total);
      set('cmi.score.raw', right);
      set('cmi.score.scaled', Math.round(scaled * 10000) / 10000);
      set('cmi.completion_status', 'completed');
      set('cmi.success_status', passed ? 'passed' : 'failed');
    }
    set('cmi.suspend_data', progress);
    commit();
  });

  // A move played, an order checked: kept as it happens, so a learner who
  // leaves mid-way comes back to it.
  window.addEventListener('synack:progress', (e) => {
    const { progress } = e.detail;
    if (progress !== get('cmi.suspend_data')) {
      set('cmi.suspend_data', progress);
      commit();
    }
  });

  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    // Kept, so a relaunch resumes where the learner left off.
    set(v12 ? 'cmi.core.exit' : 'cmi.exit', 'suspend');
    commit();
    call('LMSFinish', 'Terminate', '');
  };
  window.addEventListener('pagehide', end);
  window.addEventListener('beforeunload', end);
}
