// Relative times ("12s ago") that keep themselves current.

import { h } from './dom.js';

/** Parses an RFC 3339 time from the API; Go's zero time and null mean "never". */
export function parseTime(value) {
  if (!value || value.startsWith('0001-01-01')) {
    return null;
  }
  // Go writes nanoseconds; Date.parse wants at most milliseconds.
  const ms = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? null : new Date(ms);
}

export function relative(date, now = Date.now()) {
  const seconds = Math.round((now - date.getTime()) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  let text;
  if (s < 5) {
    return 'just now';
  } else if (s < 60) {
    text = `${s}s`;
  } else if (s < 3600) {
    text = `${Math.floor(s / 60)}m ${s % 60}s`;
  } else if (s < 86400) {
    text = `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  } else {
    text = `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
  }
  return future ? `in ${text}` : `${text} ago`;
}

/** A <time> showing `value` relative to now (full time on hover), or `none` when never. */
export function timeAgo(value, none = 'None yet') {
  const date = parseTime(value);
  if (!date) {
    return h('span', { class: 'muted' }, none);
  }
  return h('time', { datetime: date.toISOString(), title: date.toLocaleString(), dataset: { rel: '' } }, relative(date));
}

setInterval(() => {
  const now = Date.now();
  for (const el of document.querySelectorAll('time[data-rel]')) {
    const text = relative(new Date(el.getAttribute('datetime')), now);
    if (el.textContent !== text) {
      el.textContent = text;
    }
  }
}, 1000);
