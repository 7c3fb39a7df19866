import type { OperationSnapshot, OperationStatus } from '@liveprogress/protocol';
import { STAGES_BY_TYPE } from './demo-stages';

export const STATUS_LABEL: Record<OperationStatus, string> = {
  pending: 'Queued',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const TYPE_LABEL: Record<string, string> = {
  generic: 'My operation',
  my_operation: 'My operation',
  file_upload: 'File upload',
  data_import: 'Data import',
  batch_process: 'Batch processing',
};

export const OPERATION_TYPES = ['generic', 'file_upload', 'data_import', 'batch_process'] as const;

export function typeLabel(operationType: string): string {
  return TYPE_LABEL[operationType] ?? operationType;
}

/** The stage's display name, from the snapshot's stages or the demo's own list, else its id. */
export function stageLabel(snapshot: OperationSnapshot): string | null {
  if (!snapshot.stage) return null;
  const stages = snapshot.stages ?? STAGES_BY_TYPE[snapshot.operationType] ?? [];
  return stages.find((stage) => stage.id === snapshot.stage)?.name ?? snapshot.stage;
}

export function shortId(operationId: string): string {
  return operationId.length > 8 ? operationId.slice(0, 8) : operationId;
}

const numberFormat = new Intl.NumberFormat('en-US');
export const formatCount = (value: number): string => numberFormat.format(value);

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
