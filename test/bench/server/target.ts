/** A process that takes Tracker API events over HTTP: the floor or the server, on one engine. */
export interface Target {
  /** What the table calls it: "floor" or "server". */
  name: string;
  url: string;
  /** The bearer token events are posted with; the floor takes none. */
  token?: string;
  /** Its process, whose CPU time the bench reads. */
  pid?: number;
  stop(): Promise<void>;
}

export const EVENTS_PATH = '/api/v1/events';
