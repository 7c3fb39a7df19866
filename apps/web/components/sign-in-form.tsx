'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { parseRoles, requestDevToken, type SignInRequest } from '@/lib/dev-token';
import { useApiUrl } from './api-url';
import { useSession } from './session-provider';
import styles from './sign-in-form.module.css';

const PRESETS: Array<SignInRequest & { label: string }> = [
  { label: 'alice @ acme', userId: 'alice', tenantId: 'acme', roles: [] },
  { label: 'dana @ acme (admin)', userId: 'dana', tenantId: 'acme', roles: ['admin'] },
  { label: 'bob @ globex', userId: 'bob', tenantId: 'globex', roles: [] },
];

/** Only same-app paths: `?next=//evil.example` must not send anyone away. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The demo's sign-in: any user, tenant and roles, exchanged for a dev token by the demo API. */
export function SignInForm() {
  const apiUrl = useApiUrl();
  const { session, signIn } = useSession();
  const router = useRouter();
  const next = safeNext(useSearchParams().get('next'));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (request: SignInRequest) => {
    setPending(true);
    setError(null);
    try {
      const fresh = await requestDevToken(apiUrl, request);
      signIn(fresh);
      toast.success(`Signed in as ${fresh.userId}`, {
        description: `Tenant ${fresh.tenantId}${fresh.roles.length ? ` · roles: ${fresh.roles.join(', ')}` : ''}`,
      });
      router.replace(next);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setPending(false);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    void submit({
      userId: String(fields.get('userId') ?? '').trim(),
      tenantId: String(fields.get('tenantId') ?? '').trim(),
      roles: parseRoles(String(fields.get('roles') ?? '')),
    });
  };

  return (
    <div className={styles.layout}>
      <section className={styles.intro}>
        <span className="eyebrow">LiveProgress demo</span>
        <h1>Watch long-running work happen, live.</h1>
        <p>
          Uploads, imports and batch jobs report their progress through a NestJS module; this Next.js app follows them over Socket.IO with the React SDK —
          progress bars, stages, time estimates, toasts and a live table.
        </p>
        <ul className={styles.points}>
          <li>Every socket and request carries a JWT naming your user and tenant.</li>
          <li>Operations are visible to their owner (or the tenant, if shared) — never to another tenant.</li>
          <li>Reload mid-operation: the page resumes from where the operation is.</li>
        </ul>
      </section>

      <section className={`card ${styles.card}`} aria-labelledby="sign-in-title">
        <div className="card-header">
          <div>
            <h2 id="sign-in-title">Sign in</h2>
            <p>Pick any user and tenant. The demo API signs a development token for them.</p>
          </div>
        </div>

        {session ? (
          <p className="alert alert--warning small">
            Signed in as <strong>{session.userId}</strong> in <strong>{session.tenantId}</strong>. Signing in again replaces that session.
          </p>
        ) : null}

        <form className="form" onSubmit={onSubmit} aria-describedby={error ? 'sign-in-error' : undefined}>
          <div className="field">
            <label className="label" htmlFor="userId">
              User id
            </label>
            <input className="input" id="userId" name="userId" required maxLength={128} defaultValue="alice" autoComplete="username" />
          </div>
          <div className="field">
            <label className="label" htmlFor="tenantId">
              Tenant
            </label>
            <input className="input" id="tenantId" name="tenantId" required maxLength={128} defaultValue="acme" list="tenants" />
            <datalist id="tenants">
              <option value="acme" />
              <option value="globex" />
              <option value="initech" />
            </datalist>
          </div>
          <div className="field">
            <label className="label" htmlFor="roles">
              Roles
            </label>
            <input className="input" id="roles" name="roles" placeholder="e.g. admin" aria-describedby="roles-hint" />
            <span className="hint" id="roles-hint">
              Comma-separated. <code>admin</code> sees every operation of its tenant.
            </span>
          </div>
          {error ? (
            <p className="alert" role="alert" id="sign-in-error">
              {error}
            </p>
          ) : null}
          <button className="button button--block" type="submit" disabled={pending}>
            {pending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>

        <div className={styles.presets}>
          <span className="hint">Or sign in as</span>
          <div className="actions">
            {PRESETS.map(({ label, ...request }) => (
              <button key={label} type="button" className="button button--ghost button--small" disabled={pending} onClick={() => void submit(request)}>
                {label}
              </button>
            ))}
          </div>
        </div>
      </section>
    </div>
  );
}
