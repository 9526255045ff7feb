import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ConsoleApi } from './api';
import type { LocaleStore } from './stores/locale-store';
import type { SessionStore } from './stores/session-store';

export interface ConsoleServices {
  api: ConsoleApi;
  session: SessionStore;
  locale: LocaleStore;
}

export const ServicesContext = createContext<ConsoleServices | null>(null);

function useServices(): ConsoleServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('The console is rendered outside ConsoleApp');
  return services;
}

export const useApi = () => useServices().api;
export const useSession = () => useStore(useServices().session);
export const useLocaleChoice = () => useStore(useServices().locale);
