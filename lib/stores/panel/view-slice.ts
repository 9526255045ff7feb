import type { PanelSlice, ViewSlice } from '../panel-state';
import { problemOf } from '../problem';

export const createViewSlice: PanelSlice<ViewSlice> = (set, get) => ({
  open: false,
  theme: undefined,
  announcement: undefined,
  buttonFocusRequest: 0,
  formFocusRequest: 0,

  setTheme(theme) {
    if (get().theme !== theme) set({ theme });
  },

  setOpen(open) {
    set({ open });
    if (open) get().load();
  },

  toggle() {
    get().setOpen(!get().open);
  },

  closeFromPanel() {
    set({ open: false, buttonFocusRequest: get().buttonFocusRequest + 1 });
  },

  announceRecord(record) {
    set({
      announcement: {
        kind: 'event',
        state: record.state,
        event: record.event,
        ...(record.lastError ? { error: record.lastError } : {}),
      },
    });
  },

  announceProblem(error) {
    set({ announcement: { kind: 'problem', message: problemOf(error).message } });
  },
});
