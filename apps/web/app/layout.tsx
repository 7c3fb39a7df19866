import '@liveprogress/react/styles.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AppProviders } from '@/components/app-providers';
import { AppShell } from '@/components/app-shell';
import { readApiUrl } from '@/lib/api-url';
import { readServerSession } from '@/lib/server-session';

export const metadata: Metadata = {
  title: { default: 'LiveProgress demo', template: '%s · LiveProgress demo' },
  description: 'Live progress of long-running work: uploads, imports and batch jobs, tracked in real time.',
};

export const viewport: Viewport = { themeColor: '#4f46e5' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Read per request, so one build serves an API on any port (see lib/api-url.ts).
  const apiUrl = await readApiUrl();
  // The session cookie lets the server render signed-in pages (an operation's progress in the first HTML).
  const session = await readServerSession();
  return (
    <html lang="en">
      <body>
        <AppProviders apiUrl={apiUrl} initialSession={session}>
          <AppShell apiUrl={apiUrl}>{children}</AppShell>
        </AppProviders>
      </body>
    </html>
  );
}
