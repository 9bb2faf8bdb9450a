//! The scripts the benchmark runs in the page. Both pages expose the same things: a list
//! element `[data-testid="instance-list"]` with `data-loaded`, `data-shown` and
//! `data-complete`, rows `[data-testid="instance-row"][data-id]`, status cells
//! `[data-testid="instance-status"][data-status]` and the quick filter
//! `[data-testid="instance-filter"]`.
//!
//! Times end at the paint of the frame in which a change is first seen: a condition is checked
//! in each `requestAnimationFrame` callback and, once it holds, a `MessageChannel` message
//! posted from that callback runs after the frame's style, layout and paint, and reads the
//! clock. Every wait has its own time limit and ends with an `error` naming what was missing.

/// Shared by the scripts below.
const PRELUDE: &str = r#"
const LIST = '[data-testid="instance-list"]';
const ROW = '[data-testid="instance-row"]';
const list = () => document.querySelector(LIST);
const describe = () => {
  const l = list();
  const state = l
    ? 'data-loaded=' + l.dataset.loaded + ' data-shown=' + l.dataset.shown + ' data-complete=' + l.dataset.complete
    : 'no ' + LIST;
  return state + ', ' + document.querySelectorAll(ROW).length + ' rows in the DOM';
};
const afterPaint = (cb) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => cb(performance.now());
  channel.port2.postMessage(0);
};
"#;

fn with_prelude(body: &str) -> String {
    format!("{PRELUDE}\n{body}")
}

/// `(trigger, total, timeoutMs)` → `{t0, first, all}` (ms from just before the trigger ran to
/// the paint showing the first row, and to the paint after `data-complete="true"` with
/// `data-loaded` ≥ total), or with `error`.
pub fn load() -> String {
    with_prelude(
        r#"
const [trigger, total, timeoutMs, done] = arguments;
const out = {};
let finished = false, firstPending = false, allPending = false, firstSeen = null, shortSince = null;
const finish = (error) => {
  if (finished) return;
  finished = true;
  if (error) out.error = error + ' (' + describe() + ')';
  done(out);
};
window.__benchError = null;
const t0 = performance.now();
out.t0 = t0;
try { new Function(trigger)(); } catch (e) { finish('the trigger failed: ' + e); }
const frame = () => {
  if (finished) return;
  const now = performance.now();
  if (!firstPending && document.querySelector(ROW)) {
    firstPending = true;
    firstSeen = now;
    afterPaint((t) => { out.first = t - t0; if ('all' in out) finish(); });
  }
  const l = list();
  if (!allPending && l && l.dataset.complete === 'true' && Number(l.dataset.loaded) >= total) {
    allPending = true;
    afterPaint((t) => { out.all = t - t0; if ('first' in out) finish(); });
  }
  if (window.__benchError) return finish(window.__benchError);
  // Complete, but with fewer rows than the tenant has: not worth waiting the full limit.
  const short = l && l.dataset.complete === 'true' && Number(l.dataset.loaded) < total;
  if (!short) shortSince = null;
  else if (shortSince === null) shortSince = now;
  else if (now - shortSince > 10000) {
    return finish('data-complete is "true" with data-loaded below ' + total + ' for 10 s');
  }
  if (firstSeen !== null && !allPending && now - firstSeen > 5000
      && !(l && l.hasAttribute('data-loaded') && l.hasAttribute('data-complete'))) {
    return finish('rows are shown but ' + LIST + ' with data-loaded and data-complete is not');
  }
  if (now - t0 > timeoutMs) {
    return finish('not every row (' + total + ') loaded within ' + timeoutMs + ' ms');
  }
  requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
"#,
    )
}

/// The `cc:` performance marks, as ms from `t0` (`null` when absent).
pub const MARKS: &str = r#"
const t0 = arguments[0];
const at = (name) => {
  const m = performance.getEntriesByName(name)[0];
  return m ? m.startTime - t0 : null;
};
return {
  requested: at('cc:servers-requested'),
  first_rows: at('cc:servers-first-rows'),
  all_loaded: at('cc:servers-all-loaded'),
};
"#;

/// The start time of a performance mark (`null` when absent).
pub const MARK_START: &str = r#"
const m = performance.getEntriesByName(arguments[0])[0];
return m ? m.startTime : null;
"#;

/// `gc()`, then `performance.measureUserAgentSpecificMemory()` (cross-origin isolated pages
/// only; at most 30 s), else `performance.memory.usedJSHeapSize`, plus the size of the
/// console's wasm memory → `{bytes, source, heap, wasm, isolated, gc}`.
pub const MEMORY: &str = r#"
const done = arguments[0];
(async () => {
  const collect = typeof gc === 'function';
  if (collect) { gc(); gc(); }
  let bytes = null, source = null;
  if (self.crossOriginIsolated && performance.measureUserAgentSpecificMemory) {
    try {
      const limit = new Promise((_, fail) => setTimeout(() => fail(new Error('no answer in 30 s')), 30000));
      const result = await Promise.race([performance.measureUserAgentSpecificMemory(), limit]);
      bytes = result.bytes;
      source = 'measureUserAgentSpecificMemory';
    } catch (e) {
      source = 'measureUserAgentSpecificMemory failed (' + e + '), ';
    }
  }
  if (collect) gc();
  const heap = performance.memory ? performance.memory.usedJSHeapSize : null;
  if (bytes === null) {
    bytes = heap;
    source = (source || (self.crossOriginIsolated ? '' : 'not cross-origin isolated, ')) + 'performance.memory';
  }
  // The console's wasm linear memory (its whole size: it never shrinks), which neither
  // figure above includes; the benchmark's copy of index.html keeps a handle on it.
  const wasm = window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : 0;
  if (bytes !== null) bytes += wasm;
  done({bytes, source, heap, wasm, isolated: self.crossOriginIsolated, gc: collect});
})();
"#;

/// Elements in the document.
pub const DOM_NODES: &str = "return document.getElementsByTagName('*').length;";

/// `(target, steps, px)`: scrolls the list element (`"list"`) or the window (`"window"`)
/// by `px` each frame for `steps` frames → `{frames: [ms between frames]}`, back at the top
/// afterwards.
pub fn scroll() -> String {
    with_prelude(
        r#"
const [target, steps, px, done] = arguments;
const el = target === 'list' ? list() : null;
if (target === 'list') {
  if (!el) return done({error: 'no ' + LIST + ' to scroll'});
  if (el.scrollHeight <= el.clientHeight) {
    return done({error: LIST + ' does not scroll (scrollHeight ' + el.scrollHeight + ', clientHeight ' + el.clientHeight + '; overflow: auto and a height?)'});
  }
}
const frames = [];
let last = null, count = 0;
const step = (now) => {
  if (last !== null) frames.push(now - last);
  last = now;
  if (el) el.scrollTop += px; else window.scrollBy(0, px);
  if (++count <= steps) requestAnimationFrame(step);
  else {
    if (el) el.scrollTop = 0; else window.scrollTo(0, 0);
    requestAnimationFrame(() => requestAnimationFrame(() => done({frames})));
  }
};
requestAnimationFrame(step);
"#,
    )
}

/// `(value, timeoutMs)`: sets the quick filter to `value` (as typing would, one `input` event)
/// and waits for `data-shown` to change and two frames → `{shown}`, or with `error`.
pub fn set_filter() -> String {
    with_prelude(
        r#"
const [value, timeoutMs, done] = arguments;
const input = document.querySelector('[data-testid="instance-filter"]');
if (!input) return done({error: 'no [data-testid="instance-filter"]'});
const l = list();
if (!l || !l.hasAttribute('data-shown')) return done({error: 'no ' + LIST + ' with data-shown'});
const before = l.dataset.shown;
if (input.value === value) return done({shown: before});
Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);
input.dispatchEvent(new Event('input', {bubbles: true}));
const t0 = performance.now();
const frame = () => {
  const now = list();
  if (now && now.dataset.shown !== before) {
    requestAnimationFrame(() => requestAnimationFrame(() => done({shown: list().dataset.shown})));
  } else if (performance.now() - t0 > timeoutMs) {
    done({error: 'data-shown stayed ' + before + ' after the quick filter became "' + value + '" (' + describe() + ')'});
  } else requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
"#,
    )
}

/// `(timeoutMs)`, run just before a real keystroke into the quick filter: on its `keydown`
/// (the event's own time stamp), waits for `data-shown` to change; `window.__keystroke`
/// resolves with `{ms}` to the paint of that frame, or `{error}`.
pub fn arm_keystroke() -> String {
    with_prelude(
        r#"
const [timeoutMs] = arguments;
const before = list() ? list().dataset.shown : undefined;
window.__keystroke = new Promise((resolve) => {
  const noKey = setTimeout(() => resolve({error: 'no keydown reached the page'}), timeoutMs + 1000);
  document.addEventListener('keydown', (e) => {
    clearTimeout(noKey);
    const now = performance.now();
    const t0 = e.timeStamp > 0 && e.timeStamp <= now ? e.timeStamp : now;
    const frame = () => {
      const l = list();
      if (l && l.dataset.shown !== before) afterPaint((t) => resolve({ms: t - t0}));
      else if (performance.now() - now > timeoutMs) {
        resolve({error: 'data-shown stayed ' + before + ' after a keystroke (' + describe() + ')'});
      } else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, {capture: true, once: true});
});
return before === undefined ? 'no ' + LIST + ' with data-shown' : null;
"#,
    )
}

/// Resolves with what [`arm_keystroke`] measured.
pub const KEYSTROKE_RESULT: &str = "window.__keystroke.then(arguments[0]);";

/// `(expression, timeoutMs)`: waits, one check per frame, until the JavaScript expression
/// holds → `{ok: true}`, or `{error}`.
pub fn wait_for() -> String {
    with_prelude(
        r#"
const [expression, timeoutMs, done] = arguments;
const holds = new Function('list', 'return (' + expression + ');');
const t0 = performance.now();
const frame = () => {
  let ok = false;
  try { ok = holds(list); } catch (e) { ok = false; }
  if (ok) done({ok: true});
  else if (performance.now() - t0 > timeoutMs) {
    done({error: 'timed out after ' + timeoutMs + ' ms waiting for ' + expression + ' (' + describe() + ')'});
  } else requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
"#,
    )
}

/// `(trigger, changedIds, status, timeoutMs)`: picks the rows on screen (inside the list
/// element and the window) of servers the simulator changed whose status cell shows another
/// status, runs the trigger, and waits for every one of them to show `status` with
/// `data-complete="true"` → `{ms, rows}` to the paint of that frame, or `{error}`.
pub fn status_refresh() -> String {
    with_prelude(
        r#"
const [trigger, ids, target, timeoutMs, done] = arguments;
const wanted = new Set(ids);
const l = list();
if (!l) return done({error: 'no ' + LIST});
const box = l.getBoundingClientRect();
const top = Math.max(0, box.top), bottom = Math.min(window.innerHeight, box.bottom);
const statusOf = (row) => {
  const cell = row.querySelector('[data-testid="instance-status"]');
  return cell ? cell.dataset.status : undefined;
};
const watched = [...document.querySelectorAll(ROW)]
  .filter((r) => wanted.has(r.dataset.id))
  .filter((r) => { const b = r.getBoundingClientRect(); return b.bottom > top && b.top < bottom; })
  .filter((r) => statusOf(r) !== target)
  .map((r) => r.dataset.id);
if (!watched.length) {
  return done({error: 'no row on screen of a changed server shows a status other than ' + target
    + ' (rows need data-id and a [data-testid="instance-status"][data-status] cell; ' + describe() + ')'});
}
const shows = (id) => {
  const row = document.querySelector(ROW + '[data-id="' + CSS.escape(id) + '"]');
  return row && statusOf(row) === target;
};
const t0 = performance.now();
try { new Function(trigger)(); } catch (e) { return done({error: 'the trigger failed: ' + e}); }
const frame = () => {
  const now = list();
  if (now && now.dataset.complete === 'true' && watched.every(shows)) {
    afterPaint((t) => done({ms: t - t0, rows: watched.length}));
  } else if (performance.now() - t0 > timeoutMs) {
    done({error: watched.filter((id) => !shows(id)).length + ' of ' + watched.length
      + ' rows on screen still do not show ' + target + ' after ' + timeoutMs + ' ms (' + describe() + ')'});
  } else requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
"#,
    )
}
