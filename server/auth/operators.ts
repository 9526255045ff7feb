import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/errors';
import type { OperatorRow, Tables } from '../db/tables';
import { hashPassword, passwordMatches } from './passwords';
import type { PasswordCost } from './passwords';

export interface NewOperator {
  id?: string;
  email: string;
  name: string;
  password: string;
  role: OperatorRow['role'];
}

export interface OperatorStore {
  /** The new operator, or 'email_taken' when a live operator has that email. */
  create(operator: NewOperator): Promise<OperatorRow | 'email_taken'>;
  /** Live operators, oldest first. */
  list(): Promise<OperatorRow[]>;
  byId(id: string): Promise<OperatorRow | undefined>;
  /**
   * The live operator with these credentials. Takes as long for an unknown email as for a known one: the password is
   * checked against a dummy hash of the same cost, so timing does not tell which emails have accounts.
   */
  byCredentials(email: string, password: string): Promise<OperatorRow | undefined>;
  /** Soft delete: the row stays so their events keep naming them. False when no live operator has this id. */
  remove(id: string): Promise<boolean>;
  hasAdmin(): Promise<boolean>;
}

export function createOperatorStore(db: Kysely<Tables>, cost: PasswordCost): OperatorStore {
  // Made at start, so the first unknown email takes no longer than the others.
  const dummyHash = hashPassword(randomUUID(), cost);
  const dummy = () => dummyHash;
  const live = () => db.selectFrom('operators').selectAll().where('deleted_at', 'is', null);

  return {
    async create({ id, email, name, password, role }) {
      const row: OperatorRow = {
        id: id ?? `op_${randomUUID()}`,
        email: email.toLowerCase(),
        name,
        role,
        password_hash: await hashPassword(password, cost),
        created_at: Date.now(),
        deleted_at: null,
      };
      try {
        await db.insertInto('operators').values(row).execute();
      } catch (error) {
        if (isUniqueViolation(error)) return 'email_taken';
        throw error;
      }
      return row;
    },

    list: () => live().orderBy('created_at').orderBy('id').execute(),

    byId: (id) => live().where('id', '=', id).executeTakeFirst(),

    async byCredentials(email, password) {
      const row = await live().where('email', '=', email.toLowerCase()).executeTakeFirst();
      const matches = await passwordMatches(password, row?.password_hash ?? (await dummy()));
      return row && matches ? row : undefined;
    },

    async remove(id) {
      const result = await db
        .updateTable('operators')
        .set({ deleted_at: Date.now() })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async hasAdmin() {
      return (await live().where('role', '=', 'admin').executeTakeFirst()) !== undefined;
    },
  };
}
