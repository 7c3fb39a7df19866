'use client';

import Link from 'next/link';
import { OperationsTable } from './operations-table';
import { PageHeader } from './page-header';
import { useSession } from './session-provider';
import styles from './overview.module.css';

const EXAMPLES = [
  {
    href: '/examples/my-operation',
    title: 'My operation',
    endpoint: 'POST /api/my-operations',
    text: 'A named job through four stages, with a progress bar, the current step and a dialog view.',
  },
  {
    href: '/examples/file-upload',
    title: 'File upload',
    endpoint: 'POST /api/files/upload',
    text: 'Send real files and watch each one go up and get processed, file by file.',
  },
  {
    href: '/examples/data-import',
    title: 'Data import',
    endpoint: 'POST /api/data/import',
    text: 'A four-stage import of 1,000 records, with the time elapsed and an estimate of the time left.',
  },
  {
    href: '/examples/batch',
    title: 'Batch processing',
    endpoint: 'POST /api/batch/process',
    text: 'Up to 1,000 items worked through one by one, with a live count of those done.',
  },
] as const;

/** The start page: the four examples and the latest operations. */
export function Overview() {
  const { session } = useSession();
  return (
    <div className="page">
      <PageHeader eyebrow={`Tenant ${session?.tenantId ?? ''}`} title={`Welcome, ${session?.userId ?? ''}`}>
        Start any example and watch it live: progress, stages, time left, toasts when it ends, and the table below updating as the API refreshes it. Try a
        forced failure, cancel one midway, or reload the page while it runs.
      </PageHeader>
      <ul className={styles.cards} aria-label="Examples">
        {EXAMPLES.map((example) => (
          <li key={example.href}>
            <Link href={example.href} className={styles.card}>
              <span className={styles.title}>{example.title}</span>
              <code className={styles.endpoint}>{example.endpoint}</code>
              <span className={styles.text}>{example.text}</span>
              <span className={styles.go} aria-hidden="true">
                Open →
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <OperationsTable title="Recent operations" description="The latest operations you may see, live." limit={8} />
    </div>
  );
}
