import type { StageDefinition } from '@liveprogress/protocol';

/**
 * The demo API's stages per example endpoint (docs/protocol.md, The demo API). The API reports them in
 * each snapshot too; the app needs them before an operation exists, to offer
 * `simulate.failAtStage` and to draw the documented IMPORT_STAGES (docs/react.md, Examples 1–3).
 */
export const OPERATION_STAGES: StageDefinition[] = [
  { id: 'initialization', name: 'Initialization', description: 'Starting operation', order: 1 },
  { id: 'processing', name: 'Processing', description: 'Processing data', order: 2 },
  { id: 'validation', name: 'Validation', description: 'Validating results', order: 3 },
  { id: 'completion', name: 'Completion', description: 'Finalizing operation', order: 4 },
];

export const UPLOAD_STAGES: StageDefinition[] = [
  { id: 'receiving', name: 'Receiving', description: 'Receiving files', order: 1 },
  { id: 'scanning', name: 'Scanning', description: 'Scanning for malware', order: 2 },
  { id: 'processing', name: 'Processing', description: 'Processing files', order: 3 },
  { id: 'storing', name: 'Storing', description: 'Storing files', order: 4 },
];

/** Example 2's stages, as docs/react.md (Examples 1–3) writes them. */
export const IMPORT_STAGES: StageDefinition[] = [
  { id: 'validation', name: 'Validation', description: 'Validating file format', order: 1 },
  { id: 'processing', name: 'Processing', description: 'Processing records', order: 2 },
  { id: 'storing', name: 'Storing', description: 'Storing in database', order: 3 },
  { id: 'indexing', name: 'Indexing', description: 'Building search index', order: 4 },
];

export const BATCH_STAGES: StageDefinition[] = [
  { id: 'preparing', name: 'Preparing', description: 'Preparing the batch', order: 1 },
  { id: 'processing', name: 'Processing', description: 'Processing items', order: 2 },
  { id: 'finalizing', name: 'Finalizing', description: 'Writing the summary', order: 3 },
];

/** The stages of each demo operation type, for operations whose snapshot does not list them (the generic one). */
export const STAGES_BY_TYPE: Record<string, readonly StageDefinition[]> = {
  generic: OPERATION_STAGES,
  file_upload: UPLOAD_STAGES,
  data_import: IMPORT_STAGES,
  batch_process: BATCH_STAGES,
};
