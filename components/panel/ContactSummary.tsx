import type { ContactRef } from '../../lib/schemas';
import { useText } from '../i18n/text';

/** Who the open chat is: the name the chat app shows, its channel and the id the platform knows it by. */
export function ContactSummary({ contact }: { contact: ContactRef }) {
  const t = useText();
  return (
    <section className="td-contact" aria-label={t('contact.heading')}>
      <p className="td-contact-name">{contact.displayName ?? contact.username ?? contact.externalId}</p>
      <dl className="td-pairs">
        <div className="td-pair">
          <dt>{t('contact.channel')}</dt>
          <dd>{t(`channel.${contact.channel}`)}</dd>
        </div>
        <div className="td-pair">
          <dt>{t('contact.id')}</dt>
          <dd>{contact.externalId}</dd>
        </div>
        {contact.username && (
          <div className="td-pair">
            <dt>{t('contact.username')}</dt>
            <dd>@{contact.username}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
