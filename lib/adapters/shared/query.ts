/**
 * Selectors are kept as lists, newest page variant first, older fallbacks after it: the first one that finds an
 * element wins, so a chat app that ships a new layout to some users and the old one to others works for both.
 */
export type SelectorList = readonly string[];

export function queryFirst(root: ParentNode, selectors: SelectorList): Element | undefined {
  for (const selector of selectors) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return undefined;
}

/** Text as a reader sees it: emoji drawn as images count by their alt text, runs of white space collapse. */
export function visibleText(element: Element): string {
  let text = '';
  const walk = (node: Node): void => {
    if (node.nodeType === TEXT_NODE) text += node.nodeValue ?? '';
    else if (isImage(node)) text += node.getAttribute('alt') ?? '';
    else node.childNodes.forEach(walk);
  };
  walk(element);
  return text.replace(/\s+/g, ' ').trim();
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** By node type, not `instanceof`: a content script's Element is not the page's, nor a parsed document's. */
function isImage(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE && (node as Element).tagName === 'IMG';
}
