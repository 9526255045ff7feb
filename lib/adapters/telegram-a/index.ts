export { telegramA } from './adapter';
