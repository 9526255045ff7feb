/** The live spot where a panel says what went wrong; it stays rendered (empty) so screen readers announce each new problem. */
export function ProblemAlert({ problem }: { problem: string }) {
  return (
    <p role="alert" className="problem-text">
      {problem}
    </p>
  );
}
