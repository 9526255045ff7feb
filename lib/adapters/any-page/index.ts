export { anyPage, createAnyPageAdapter } from './adapter';
