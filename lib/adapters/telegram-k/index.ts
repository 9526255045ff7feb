export { telegramK } from './adapter';
