import type { SelectorList } from './query';

/**
 * The elements found by the first selector of the list that finds any: the page variant in use, never a mix. Handed
 * back as the node list itself, so a reader that needs the first few looks at no more.
 */
export function queryAllFirst(root: ParentNode, selectors: SelectorList): Iterable<Element> {
  for (const selector of selectors) {
    const found = root.querySelectorAll(selector);
    if (found.length) return found;
  }
  return [];
}
