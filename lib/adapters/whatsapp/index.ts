export { whatsapp } from './adapter';
