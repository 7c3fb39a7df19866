'use client';

import { OperationRequestError } from '@liveprogress/react';

/** Why the start request itself failed (an operation's own failure is shown by its tracker). */
export function StartError({ error }: { error: Error | null }) {
  if (!(error instanceof OperationRequestError)) return null;
  return (
    <p className="alert" role="alert">
      Could not start: {error.message} {error.code ? <code>({error.code})</code> : null}
    </p>
  );
}
