// React.lazy for a route's page that also loads the page's translation namespaces, so a page never
// renders with raw keys and no page's strings are in the first load.
import { lazy, type ComponentType } from 'react';
import { loadNamespaces } from './namespaces.ts';

export function lazyPage<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  ...namespaces: string[]
) {
  return lazy(async () => {
    const [page] = await Promise.all([load(), loadNamespaces(...namespaces)]);
    return page;
  });
}
