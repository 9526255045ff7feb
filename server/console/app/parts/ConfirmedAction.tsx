import { useState } from 'react';
import { Confirm } from './Confirm';
import { problemText } from './problem-text';

/**
 * A row's button for what cannot be undone: it turns into an inline Confirm while asking.
 * The table keeps which row is asking, so only one question is open at a time.
 */
export function ConfirmedAction({
  asking,
  label,
  question,
  confirm,
  onAsk,
  onConfirm,
  onCancel,
}: {
  asking: boolean;
  label: string;
  question: string;
  confirm: string;
  onAsk(): void;
  onConfirm(): void;
  onCancel(): void;
}) {
  return asking ? (
    <Confirm question={question} confirm={confirm} onConfirm={onConfirm} onCancel={onCancel} />
  ) : (
    <button type="button" onClick={onAsk}>
      {label}
    </button>
  );
}

/**
 * A table's confirmed action on its rows: which row is asking (one at a time), and the problem of the last attempt.
 * `actionFor(row)` gives that row's ConfirmedAction its asking state and handlers.
 */
export function useConfirmedActions<Row extends { id: string }>(
  act: (row: Row) => Promise<unknown>,
  done: (row: Row) => void,
) {
  const [asking, setAsking] = useState<string>();
  const [problem, setProblem] = useState('');
  const actionFor = (row: Row) => ({
    asking: asking === row.id,
    onAsk: () => setAsking(row.id),
    onCancel: () => setAsking(undefined),
    onConfirm: () =>
      void act(row).then(
        () => {
          setAsking(undefined);
          done(row);
        },
        (error: unknown) => setProblem(problemText(error)),
      ),
  });
  return { problem, actionFor };
}
