import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { LanguageStore } from '../../lib/stores/language-store';
import type { Locale } from './text';

/** Renders its UI in the language the store says now, and again in another one the manager chooses. */
export function FollowLanguage({ store, children }: { store: LanguageStore; children: (locale: Locale) => ReactNode }) {
  return children(useStore(store, (state) => state.locale));
}
