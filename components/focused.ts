/**
 * The element that has focus in the element's own tree. The panel lives in a shadow root, where the page's
 * `document.activeElement` is only the shadow host.
 */
export function focusedIn(element: Element): Element | null {
  return (element.getRootNode() as Document | ShadowRoot).activeElement;
}
