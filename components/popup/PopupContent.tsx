import { useText } from '../i18n/text';
import { DismissedLog } from './DismissedLog';
import { FailedDeliveries } from './FailedDeliveries';
import { ForOtherPlatforms } from './ForOtherPlatforms';
import { HeldForOthers } from './HeldForOthers';
import { OutboxCounts } from './OutboxCounts';
import { problemText } from './problemText';
import { SetAsideRecords } from './SetAsideRecords';
import { SignedInSummary } from './SignedInSummary';
import { SignInForm } from './SignInForm';
import { WaitingEvents } from './WaitingEvents';
import { usePopup } from './usePopup';

/** The popup: sign in or out, and the state of the outbox. */
export function PopupContent() {
  const t = useText();
  const session = usePopup((state) => state.session);
  const outbox = usePopup((state) => state.outbox);
  const problem = usePopup((state) => state.problem);
  const waitingForSignIn = session?.signedIn === false && (session.expired === true || (outbox?.queued ?? 0) > 0);

  return (
    <main className="td-popup">
      <h1>{t('tracker.name')}</h1>
      {!session && <p className="td-muted">{t('popup.loading')}</p>}
      {waitingForSignIn && <p className="td-notice td-notice-warning">{t('popup.expired')}</p>}
      {session?.signedIn === true && <SignedInSummary operator={session.operator} />}
      {session?.signedIn === true && <HeldForOthers signedIn={session.operator} />}
      <ForOtherPlatforms />
      {session?.signedIn === false && <SignInForm />}
      {problem && (
        <p className="td-form-error" role="alert">
          {problemText(t, problem)}
        </p>
      )}
      {outbox && <OutboxCounts outbox={outbox} />}
      <SetAsideRecords />
      <WaitingEvents />
      {session?.signedIn === true && <FailedDeliveries />}
      <DismissedLog />
    </main>
  );
}
