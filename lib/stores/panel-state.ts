import type { StateCreator } from 'zustand/vanilla';
import type {
  AmountLanguage,
  ApiError,
  ContactRef,
  UnidentifiedChat,
  EventFormValues,
  OutboxRecord,
  OutboxState,
  TrackerEventInput,
  TypedIdProblem,
} from '../schemas';
import type { LookupState } from '../domain/contact-lookup';
import type { EventDraft } from '../domain/event-draft';
import type { ClickIdLinkState } from './click-id-link';

/** The last thing the live region said: an event's state, or an action that did not go through. */
export type Announcement =
  | { kind: 'event'; state: OutboxState; event: TrackerEventInput; error?: ApiError }
  | { kind: 'problem'; message: string };

/** The form as the panel showed it: its values, and the contact the preview beside Save names. */
export interface ShownEvent {
  values: EventFormValues;
  contact: ContactRef;
}

/** Which chat is open and who its lead is. */
export interface ChatSlice {
  /** The chat open in the page, as the content script's site adapter reads it. */
  contact: ContactRef | undefined;
  /** A chat the page shows without its lead's id: the panel asks the manager, and remembers the answer per chat. */
  unidentified: UnidentifiedChat | undefined;
  /** Why the id the manager typed for an unidentified chat was not taken: its rule, or the background's words. */
  identifyError: TypedIdProblem | string | undefined;

  setContact(contact: ContactRef | undefined): void;
  /** What the site adapter reads: a contact, or a chat whose lead the manager must name (asked once per chat). */
  setChat(chat: { contact: ContactRef | undefined; unidentified: UnidentifiedChat | undefined }): Promise<void>;
  /** Takes the lead's id the manager typed for the unidentified chat; resolves true when it was taken. */
  identify(typed: string): Promise<boolean>;
  /** Asks the manager again for the unidentified chat's lead (a mistyped id). */
  changeIdentity(): void;
}

/** What the platform and this browser's outbox know of the open contact, and linking it to its click id. */
export interface LookupSlice {
  lookup: LookupState;
  /** The outbox records of the open contact, newest first. */
  outbox: OutboxRecord[];
  /** Linking the open contact to its click id: typed by the manager, or proposed from the lead's first message. */
  clickIdLink: ClickIdLinkState;
  /** The latest lookup asked for; an answer to an earlier one is dropped. */
  lookupRequest: number;
  /** The contact whose lookup `lookup` holds, so a refresh of the same contact does not flash "loading". */
  lookedUpKey: string | undefined;

  /** Asks the platform about the open contact; `keepShown`: a failed follow-up leaves the history as shown. */
  lookUp(options?: { keepShown?: boolean }): Promise<void>;
  /** Reads the open contact's outbox records again (a burst of calls makes at most two reads). */
  refreshOutbox(): Promise<void>;
  /** Both of the above, for the contact open now. */
  load(): void;
  /** Asks the platform again (after an error, say). */
  reload(): void;
  /** Links the open contact to the click id the manager typed; resolves true once the platform has it. */
  linkClickId(typed: string): Promise<boolean>;
  /** Links the open contact to the click id proposed from the lead's message: the one click that sends it. */
  acceptClickIdProposal(): Promise<boolean>;
}

/** The Send event forms, and Save. */
export interface DraftSlice {
  /** Send event forms by contact key: a form left half-filled comes back when the manager returns to that chat. */
  drafts: Readonly<Record<string, EventDraft>>;
  defaultCurrency: string;
  /** The currencies of the manager's last saved deposits, latest first: the picker offers them after the default. */
  recentCurrencies: readonly string[];

  openForm(): void;
  /** The shortcut's "log an event": opens the panel and the open contact's form, ready to type into. */
  openFormToLog(): void;
  closeForm(): void;
  editForm(patch: Partial<EventFormValues>): void;
  /**
   * Validates and logs the event for the contact open now, reading the amount in the panel's language; resolves true
   * when the outbox took it. `shown` is the form as the manager saw it when pressing Save: when the store holds
   * another (the chat switched, a value changed meanwhile), nothing is sent and the form asks the manager to check.
   */
  save(language: AmountLanguage, shown: ShownEvent): Promise<boolean>;
  /**
   * The page shows the form otherwise than the store holds it (a script wrote into a field, or the event changed as
   * Save was pressed): nothing is sent, the form asks the manager to check, and its fields are drawn again from the store.
   */
  refuseChangedForm(): void;
  /** Until the manager picks a type, the open form follows what the history, as it loads, proposes. */
  followProposal(): void;
  loadSettings(): Promise<void>;
  loadRecentCurrencies(): Promise<void>;
}

/** What the manager does with a record in the history: resend, retry, dismiss. */
export interface RecordSlice {
  /** Outbox records an action (resend, retry, dismiss) is under way for. */
  busyIds: readonly string[];

  resendAsRedeposit(id: string): Promise<void>;
  retry(id: string): Promise<void>;
  dismiss(id: string): Promise<void>;
}

/** Whether the panel is open, how it looks, and what its live region says. */
export interface ViewSlice {
  open: boolean;
  /** The chat app's theme, as the content script reads the page; undefined until read (the system's then applies). */
  theme: 'light' | 'dark' | undefined;
  announcement: Announcement | undefined;
  /** Bumped when the panel is closed from inside it, so the Tracker Data button (in its own mount) takes focus back. */
  buttonFocusRequest: number;
  /** Bumped when the form is opened to be typed into at once (the shortcut): the form takes focus as it shows. */
  formFocusRequest: number;

  setTheme(theme: 'light' | 'dark'): void;
  setOpen(open: boolean): void;
  toggle(): void;
  /** Closes the panel from inside it (its Close button, Escape): focus returns to the Tracker Data button. */
  closeFromPanel(): void;
  /** The live region says this record's state. */
  announceRecord(record: OutboxRecord): void;
  /** The live region says why an action did not go through. */
  announceProblem(error: unknown): void;
}

/**
 * The state of one mounted Tracker Data UI, one slice per concern. The content script keeps one store for the page,
 * outside React, so the panel, its drafts and its announcements survive the chat app rebuilding the header.
 */
export type PanelState = ChatSlice & LookupSlice & DraftSlice & RecordSlice & ViewSlice;

/** One slice of the panel's state: it reads and writes the whole, and calls the other slices' actions through `get`. */
export type PanelSlice<Slice> = StateCreator<PanelState, [], [], Slice>;
