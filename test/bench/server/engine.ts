/** A database engine the bench runs both targets on, each target on a fresh database of its own. */
export interface Engine {
  id: 'sqlite' | 'postgres';
  name: string;
  /** The engine's version and how it commits, for the report. */
  version: string;
  /** A SQLite file or a postgres:// URL for the floor. */
  floorDatabase(): Promise<string>;
  /** The environment `npm run server` gets for its database (DATA_DIR or DATABASE_URL). */
  serverEnv(): Promise<NodeJS.ProcessEnv>;
  close(): Promise<void>;
}
