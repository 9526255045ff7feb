import type { SelectorList } from '../shared/query';

/*
 * A page the manager added has no structure we know; only the document's own title is read. The title element
 * lives in <head>, which is observed so that a single-page app changing its title is noticed.
 */

export const TITLE_HOLDER: SelectorList = ['head'];
