import type { StageDefinition } from '@liveprogress/protocol';

/** A stage of an example operation and the share of the progress bar it covers (0–100). */
export interface StagePlan extends StageDefinition {
  from: number;
  to: number;
}

const plan = (stages: Array<[id: string, name: string, description: string, to: number]>): StagePlan[] => {
  let from = 0;
  return stages.map(([id, name, description, to], i) => {
    const stage = { id, name, description, order: i + 1, from, to };
    from = to;
    return stage;
  });
};

/** The stages of the guide's four example endpoints, in order, as the demo API has them (docs/react.md). */
export const EXAMPLE_STAGES = {
  generic: plan([
    ['initialization', 'Initialization', 'Starting operation', 10],
    ['processing', 'Processing', 'Processing data', 70],
    ['validation', 'Validation', 'Validating results', 90],
    ['completion', 'Completion', 'Finalizing operation', 100],
  ]),
  file_upload: plan([
    ['receiving', 'Receiving', 'Receiving files', 10],
    ['scanning', 'Scanning', 'Scanning for malware', 30],
    ['processing', 'Processing', 'Processing files', 80],
    ['storing', 'Storing', 'Storing files', 100],
  ]),
  data_import: plan([
    ['validation', 'Validation', 'Validating file format', 15],
    ['processing', 'Processing', 'Processing records', 65],
    ['storing', 'Storing', 'Storing in database', 90],
    ['indexing', 'Indexing', 'Building search index', 100],
  ]),
  batch_process: plan([
    ['preparing', 'Preparing', 'Preparing the batch', 10],
    ['processing', 'Processing', 'Processing items', 90],
    ['finalizing', 'Finalizing', 'Writing the summary', 100],
  ]),
} as const satisfies Record<string, StagePlan[]>;

export type ExampleOperationType = keyof typeof EXAMPLE_STAGES;

/** What clients see in `stages`: the plan without its progress ranges. */
export function stageDefinitions(type: ExampleOperationType): StageDefinition[] {
  return EXAMPLE_STAGES[type].map(({ id, name, description, order }) => ({ id, name, description, order }));
}
