// The UI's only way to the agent: the public HTTP API, as any other client uses it.

const TOKEN_KEY = 'parley.token';

/** An API answer that was not 2xx, or no answer at all (status 0). `message` is the API's own text. */
export class ApiError extends Error {
  constructor(status, message, path) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.path = path;
  }
}

/**
 * The ACL token sent as X-Consul-Token, kept in this tab's session storage only: it goes when the tab closes or on
 * "Log out", and never lands on disk (a secret in local storage outlives the session it was entered for).
 */
export function getToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  } catch {
    return '';
  }
}

/** Saves (or, when empty, forgets) the token and tells the shell, which reloads the page with it. */
export function setToken(token) {
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
  window.dispatchEvent(new CustomEvent(TOKEN_EVENT));
}

/** The event `setToken` fires on `window`. */
export const TOKEN_EVENT = 'parley:token';

// Earlier versions kept the token in local storage; a secret left there would outlive every session.
try {
  localStorage.removeItem(TOKEN_KEY);
} catch {
  // Storage may be off (private modes); there is nothing to clean then.
}

/** Adds `params` to `path` (which may already have a query), leaving out null, undefined and empty values. */
export function url(path, params = {}) {
  const at = path.indexOf('?');
  const base = at < 0 ? path : path.slice(0, at);
  const query = new URLSearchParams(at < 0 ? '' : path.slice(at + 1));
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') {
      query.set(key, String(value));
    }
  }
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

/** Encodes one path segment (a service or peer name). */
export const seg = (value) => encodeURIComponent(value);

/**
 * Sends one request. Resolves to `{ data, index, status }`; rejects with ApiError carrying the
 * response body as its message (the API answers errors in plain text), or with an AbortError. `token` overrides
 * the saved token (the login form checks a token before saving it).
 */
export async function request(method, path, { body, signal, token = getToken() } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) {
    headers['X-Consul-Token'] = token;
  }
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, signal, cache: 'no-store', credentials: 'same-origin' });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, `Could not reach the Parley agent: ${error.message}`, path);
  }

  const text = await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, text.trim() || `${response.status} ${response.statusText}`, path);
  }

  const index = Number(response.headers.get('X-Consul-Index') || 0);
  let data = null;
  if (text.length > 0) {
    const type = response.headers.get('Content-Type') || '';
    data = type.includes('json') ? JSON.parse(text) : text;
  }
  return { data, index, status: response.status };
}

export const get = (path, options) => request('GET', path, options);
export const put = (path, body, options) => request('PUT', path, { ...options, body });
export const post = (path, body, options) => request('POST', path, { ...options, body });
export const del = (path, options) => request('DELETE', path, options);

/** GET that answers null for a 404 instead of failing (an entry or peering that does not exist). */
export async function getOrNull(path, options) {
  try {
    return await get(path, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return null;
    }
    throw error;
  }
}

/** Runs `work` over `items` with at most `limit` requests in flight (browsers allow ~6 per host). */
export async function pool(items, limit, work) {
  const queue = [...items];
  const runners = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length > 0) {
      await work(queue.shift());
    }
  });
  await Promise.all(runners);
}
