// Boot: the shell (top bar, navigation, main region) and the route table.

import { get, TOKEN_EVENT } from './api.js';
import { h, replace, LOGIN_EVENT } from './dom.js';
import { current, link, navigate, onRoute, start } from './router.js';
import { authControl, openLogin } from './components/login.js';
import * as services from './pages/services.js';
import * as service from './pages/service.js';
import * as peers from './pages/peers.js';
import * as peer from './pages/peer.js';
import * as exportsPage from './pages/exports.js';
import * as intentions from './pages/intentions.js';
import * as settings from './pages/settings.js';
import * as notFound from './pages/not-found.js';

const NAV = [
  ['Services', 'services'],
  ['Peers', 'peers'],
  ['Exports', 'exports'],
  ['Intentions', 'intentions'],
  ['Settings', 'settings'],
];

/** Matches a route to a page module and its parameters. */
function resolve(route) {
  const [first, second, third, ...rest] = route.segments;
  if (rest.length > 0) {
    return { page: notFound };
  }
  switch (first) {
    case undefined:
      return { redirect: link('services') };
    case 'services':
      if (third !== undefined) {
        return { page: notFound };
      }
      return second === undefined ? { page: services } : { page: service, params: { name: second } };
    case 'peers':
      if (second === undefined) {
        return { page: peers };
      }
      if (third !== undefined && !peer.TABS.some((t) => t.id === third)) {
        return { page: notFound };
      }
      return { page: peer, params: { name: second, tab: third } };
    case 'exports':
      return second === undefined ? { page: exportsPage } : { page: notFound };
    case 'intentions':
      return second === undefined ? { page: intentions } : { page: notFound };
    case 'settings':
      return second === undefined ? { page: settings } : { page: notFound };
    default:
      return { page: notFound };
  }
}

function shell() {
  const navLinks = NAV.map(([label, path]) => h('a', { href: link(path), class: 'nav-link', dataset: { section: path } }, label));
  const cluster = h('span', { class: 'cluster', 'aria-label': 'Datacenter and node' });
  const app = document.getElementById('app');
  const main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
  const auth = authControl();
  replace(app,
    h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: link('services') },
        h('img', { src: '/ui/assets/favicon.svg', alt: '', width: '20', height: '20' }), 'Parley'),
      cluster,
      auth.slot),
    h('nav', { class: 'sidenav', 'aria-label': 'Main' }, h('ul', null, navLinks.map((a) => h('li', null, a)))),
    main,
    h('div', { id: 'announcer', class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' }));

  // Needs agent:read; without it the top bar just leaves the names out.
  const loadCluster = () => get('/v1/agent/self').then(({ data }) => {
    const config = data?.Config || {};
    replace(cluster, h('span', { class: 'dc', title: 'Datacenter' }, config.Datacenter || ''), ' ',
      h('span', { class: 'muted', title: 'Node' }, config.NodeName || ''));
  }).catch(() => replace(cluster));
  loadCluster();
  return { main, navLinks, auth, loadCluster };
}

const { main, navLinks, auth, loadCluster } = shell();
let active = null;

const show = (route, { focus }) => {
  const match = resolve(route);
  if (match.redirect) {
    navigate(match.redirect, { replace: true });
    return;
  }
  active?.abort();
  active = new AbortController();
  for (const a of navLinks) {
    if (a.dataset.section === route.segments[0]) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  }
  main.replaceChildren();
  const title = match.page.mount(main, { ...(match.params || {}), query: route.query, signal: active.signal });
  document.title = `${title || 'Parley'} · Parley`;
  if (focus) {
    (main.querySelector('h1') || main).focus();
  }
};

onRoute(show);
// Logging in or out: every open read restarts with the new token, so the page shows what it may now see.
window.addEventListener(TOKEN_EVENT, () => {
  auth.render();
  loadCluster();
  show(current(), { focus: false });
});
window.addEventListener(LOGIN_EVENT, () => openLogin());

start();
