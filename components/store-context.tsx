import { createContext, useContext, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';

/** A store handed down the tree, read through a selector hook; created outside React, so it outlives any mount. */
export function createStoreContext<State>(name: string) {
  const Context = createContext<StoreApi<State> | undefined>(undefined);

  function Provider({ store, children }: { store: StoreApi<State>; children: ReactNode }) {
    return <Context.Provider value={store}>{children}</Context.Provider>;
  }

  /** The store itself, for a handler that must read the state as it is when it runs, not as it was rendered. */
  function useStoreApi(): StoreApi<State> {
    const store = useContext(Context);
    if (!store) throw new Error(`${name} is read outside its provider`);
    return store;
  }

  function useSelector<T>(selector: (state: State) => T): T {
    return useStore(useStoreApi(), selector);
  }

  return { Provider, useSelector, useStoreApi };
}
