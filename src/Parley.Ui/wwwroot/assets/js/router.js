// Path-based routing under /ui/: links are real URLs, history works, and a reload lands on the same page.

export const BASE = '/ui/';

const listeners = new Set();

/** Current route: `{ path: 'peers/cluster-02', segments: [...], query: URLSearchParams }`. */
export function current() {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  return {
    path: decodeURI(path).replace(/\/+$/, ''),
    segments: path.split('/').filter((s) => s.length > 0).map(decodeURIComponent),
    query: new URLSearchParams(location.search),
  };
}

/** Builds a UI link: `link('peers', name)` → `/ui/peers/<name>`. */
export function link(...segments) {
  return BASE + segments.map((s) => encodeURIComponent(s)).join('/');
}

export function navigate(href, { replace = false } = {}) {
  if (replace) {
    history.replaceState(null, '', href);
  } else {
    history.pushState(null, '', href);
  }
  emit({ focus: !replace });
}

/** Updates the query string in place (filters), without a new history entry or a re-render. */
export function setQuery(params) {
  const query = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(params)) {
    if (value) {
      query.set(key, value);
    } else {
      query.delete(key);
    }
  }
  const search = query.toString();
  history.replaceState(null, '', location.pathname + (search ? `?${search}` : ''));
}

export function onRoute(listener) {
  listeners.add(listener);
}

function emit(options) {
  for (const listener of listeners) {
    listener(current(), options);
  }
}

export function start() {
  window.addEventListener('popstate', () => emit({ focus: true }));
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    const anchor = event.target.closest('a[href]');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) {
      return;
    }
    const target = new URL(anchor.href, location.href);
    if (target.origin === location.origin && target.pathname.startsWith(BASE)) {
      event.preventDefault();
      navigate(target.pathname + target.search);
    }
  });
  emit({ focus: false });
}
