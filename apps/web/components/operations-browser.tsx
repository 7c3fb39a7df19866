'use client';

import type { OperationStatus } from '@liveprogress/protocol';
import { useState } from 'react';
import { OPERATION_TYPES, STATUS_LABEL, typeLabel } from '@/lib/operation-labels';
import { OperationsTable } from './operations-table';
import { PageHeader } from './page-header';
import { useSession } from './session-provider';
import styles from './operations-browser.module.css';

const STATUSES = Object.keys(STATUS_LABEL) as OperationStatus[];

/** Every operation the user may see, filtered by type and status (the filters go to the server's list). */
export function OperationsBrowser() {
  const { session } = useSession();
  const [operationType, setOperationType] = useState('');
  const [status, setStatus] = useState<OperationStatus | ''>('');
  const admin = session?.roles.includes('admin') ?? false;

  return (
    <div className="page">
      <PageHeader
        eyebrow="Live list"
        title="Operations"
        aside={
          <div className={styles.filters}>
            <div className="field">
              <label className="label" htmlFor="filter-type">
                Type
              </label>
              <select className="select" id="filter-type" value={operationType} onChange={(event) => setOperationType(event.target.value)}>
                <option value="">All types</option>
                {OPERATION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {typeLabel(type)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="label" htmlFor="filter-status">
                Status
              </label>
              <select className="select" id="filter-status" value={status} onChange={(event) => setStatus(event.target.value as OperationStatus | '')}>
                <option value="">Any status</option>
                {STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {STATUS_LABEL[value]}
                  </option>
                ))}
              </select>
            </div>
          </div>
        }
      >
        A live list of what <strong>{session?.userId}</strong> may see in tenant <strong>{session?.tenantId}</strong>:{' '}
        {admin ? 'as an admin, every operation of the tenant.' : 'their own operations and those shared with the tenant.'} Nothing of another tenant is ever
        listed.
      </PageHeader>
      <OperationsTable
        title="All operations"
        description="Newest first. Running rows move as they progress, and new or finished operations appear without a reload."
        limit={100}
        {...(operationType ? { operationType } : {})}
        {...(status ? { status } : {})}
      />
    </div>
  );
}
