import type { GuardErrorData } from '../../core/errors';
import { PAGES } from '../shell/route';
import { adviceFor } from './error-advice';

interface ErrorNoticeProps {
  error: GuardErrorData;
  /** Shown after the advice, e.g. a retry button. */
  children?: React.ReactNode;
  /** Hide the link when the notice already sits on the page it would link to. */
  hideLinkTo?: string;
}

/** An error where it happened: what went wrong (the error's own message) and what to do next. */
export function ErrorNotice({ error, children, hideLinkTo }: ErrorNoticeProps) {
  const advice = adviceFor(error.code);
  const link = advice.page && advice.page !== hideLinkTo ? advice.page : undefined;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">
        {advice.title} <code className="notice-code">{error.code}</code>
      </p>
      <p>{error.message}</p>
      <p className="notice-next">
        {advice.next}
        {link && (
          <>
            {' '}
            <a href={`#/${link}`}>Go to {PAGES.find((page) => page.id === link)?.label}</a>
          </>
        )}
      </p>
      {children}
    </div>
  );
}
