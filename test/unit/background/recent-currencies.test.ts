import { describe, expect, it } from 'vitest';
import { deposit, startWorker, useTestSandbox } from './support';

useTestSandbox();

describe('recent currencies', () => {
  it('lists the currencies of saved deposits, latest first, once each, the last five only, across a worker restart', async () => {
    const first = startWorker();
    expect(await first.handlers['currencies.recent']({}, {})).toEqual([]);
    for (const currency of ['USD', 'EUR', 'USDT', 'EUR', 'RUB', 'BTC', 'KZT']) {
      await first.handlers['event.submit'](deposit({ currency, amount: '1' }), {});
    }
    await first.handlers['event.submit'](deposit({ type: 'registration', amount: undefined, currency: undefined }), {});
    await first.outbox.stop();

    const second = startWorker();
    expect(await second.handlers['currencies.recent']({}, {})).toEqual(['KZT', 'BTC', 'RUB', 'EUR', 'USDT']);
  });
});
