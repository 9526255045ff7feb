import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// Vitest runs without globals, so Testing Library can't unmount by itself between tests.
beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());
