import { FIRST_PASSWORD_LENGTH } from '../../../../lib/schemas/console';

/** Letters and digits that cannot be misread for each other when read out or copied by hand (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A first password from the browser's CSPRNG: 16 of 56 symbols is about 93 bits. */
export function generateFirstPassword(
  random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): string {
  let password = '';
  while (password.length < FIRST_PASSWORD_LENGTH) {
    for (const byte of random(new Uint8Array(32))) {
      // Bytes at or above the largest multiple of the alphabet's size are skipped, so every symbol is equally likely.
      if (byte < 256 - (256 % ALPHABET.length) && password.length < FIRST_PASSWORD_LENGTH)
        password += ALPHABET[byte % ALPHABET.length];
    }
  }
  return password;
}
