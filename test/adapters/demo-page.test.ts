import { describe, expect, it } from 'vitest';
import { adapterForUrl } from '../../lib/adapters/registry';
import { pageUrl } from '../../lib/adapters/demo-page';

describe('the sandbox demo pages', () => {
  it('are read as the chat app they copy', () => {
    const url = pageUrl('http://127.0.0.1:8787/demo/web.telegram.org/k/#@anna_leads');
    expect(url.href).toBe('https://web.telegram.org/k/#@anna_leads');
    expect(adapterForUrl(url)?.id).toBe('telegram-k');
  });

  it('leave every other page as it is', () => {
    expect(pageUrl('https://web.telegram.org/k/#777002').href).toBe('https://web.telegram.org/k/#777002');
    expect(pageUrl('https://example.com/demo/web.telegram.org/k/').href).toBe(
      'https://example.com/demo/web.telegram.org/k/',
    );
    expect(adapterForUrl(pageUrl('http://127.0.0.1:8787/api/v1/events'))).toBeUndefined();
  });
});
