// Any /ui/ path that is not a page.

import { h } from '../dom.js';
import { link } from '../router.js';
import { pageHeader } from '../components/layout.js';

export function mount(root) {
  root.append(pageHeader({ title: 'Page not found' }),
    h('p', null, 'There is no page at this address. ', h('a', { href: link('services') }, 'Go to Services'), '.'));
  return 'Not found';
}
