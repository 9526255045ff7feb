import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Vitest runs without globals, so Testing Library can't unmount by itself between tests.
afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
