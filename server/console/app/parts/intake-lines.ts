import type { IntakeKind } from '../../../../lib/schemas/console';
import type { MessageId } from '../i18n/en';

/** Adds a query to an intake URL whether or not it already has one. */
function withQuery(url: string, query: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/**
 * The ready-made lines an admin pastes into a bot platform or a partner network for each kind of intake (server.md,
 * "Intakes"). `{…}` are the other platform's own variables, which it fills in when it calls.
 */
export function intakeLines(kind: IntakeKind, url: string): { label: MessageId; line: string }[] {
  switch (kind) {
    case 'links':
      return [
        {
          label: 'intakes.chatterfyLine',
          line: withQuery(url, 'channel=telegram&contact_id={chatId}&click_id={tracker.clickid}&username={username}'),
        },
        {
          label: 'intakes.startLine',
          line: withQuery(url, 'channel=telegram&contact_id=<chat id>&click_id=<start payload>&username=<username>'),
        },
      ];
    case 'flow':
      return [
        {
          label: 'intakes.flowLine',
          line: withQuery(
            url,
            'channel=telegram&contact_id={chatId}&event=deposit&step=<step name>&amount=<amount>&currency=<currency>&event_id=<unique id>',
          ),
        },
      ];
    case 'postbacks':
      return [
        {
          label: 'intakes.postbackLine',
          line: withQuery(
            url,
            'click_id={clickid}&event=deposit&amount={payout}&currency={currency}&tid={transaction_id}',
          ),
        },
      ];
  }
}
