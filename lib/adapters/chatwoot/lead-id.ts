import type { Channel } from '../../schemas';
import type { ContactPanelFacts } from './conversation-view';

const TELEGRAM_ID = /^-?\d{1,20}$/;
const PHONE_FORMATTING = /[\s()+\-.]/g;
const PHONE_DIGITS = /^\d{6,15}$/;
const EXTERNAL_ID_MAX = 128;

/**
 * The lead's id on the platform, from what the contact panel shows, or undefined when it does not show it (then the
 * manager is asked). Telegram: the contact's identifier when it is a Telegram id (Chatwoot keeps the Telegram user id
 * in additional_attributes, which the dashboard never shows; bot flows that create the contact set it as the
 * identifier). WhatsApp: the phone number's digits. Web: the identifier the site gave the contact, else Chatwoot's
 * contact id.
 */
export function leadIdOf(source: Channel, panel: ContactPanelFacts): string | undefined {
  if (source === 'telegram')
    return panel.identifier && TELEGRAM_ID.test(panel.identifier) ? panel.identifier : undefined;
  if (source === 'whatsapp') {
    const digits = panel.phone?.replace(PHONE_FORMATTING, '');
    return digits && PHONE_DIGITS.test(digits) ? digits : undefined;
  }
  const id = panel.identifier ?? panel.contactId;
  return id && id.length <= EXTERNAL_ID_MAX ? id : undefined;
}
