export { chatwoot, createChatwootAdapter } from './adapter';
