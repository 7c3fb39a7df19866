import type { OperationSnapshot, TaskSnapshot } from '@liveprogress/protocol';
import { InvalidOperationInputError } from '../errors.js';
import type { OperationUpdate } from './operation-update.js';
import { type PlannedStage, type StageInput, planStages } from './stage-plan.js';
import { TaskHandle } from './task-handle.js';

/** What one `update()` changed: whether anything did, and whether the stage moved (which flushes at once). */
export interface UpdateOutcome {
  changed: boolean;
  stageChanged: boolean;
}

/**
 * The state a producer has reported and not necessarily stored yet: progress (never
 * backwards), stage, message, details and tasks, with the rules that turn reports into
 * it — stage ranges, the weighted roll-up of tasks, input checks. No timers, no I/O.
 */
export class OperationState {
  progress: number;
  stageId: string | null;
  message: string | null;
  details: Record<string, unknown> | null;
  readonly startedAt: number;
  readonly tasks = new Map<string, TaskHandle>();
  private readonly plan: Map<string, PlannedStage>;
  /** Once work sets progress itself (or through a stage), tasks no longer drive it. */
  private explicitProgress = false;

  constructor(
    snapshot: OperationSnapshot,
    stages: readonly StageInput[] | null | undefined,
    private readonly taskChanged: (task: TaskHandle) => void,
  ) {
    this.progress = snapshot.progress;
    this.stageId = snapshot.stage;
    this.message = snapshot.message;
    this.details = snapshot.details;
    this.startedAt = snapshot.startedAt ?? snapshot.createdAt;
    this.plan = planStages(stages ?? []);
    for (const task of snapshot.tasks ?? []) this.tasks.set(task.id, TaskHandle.restore(task, taskChanged));
  }

  /** Whether an update would move the stage (the caller flushes what is pending first). */
  movesStage(update: OperationUpdate): boolean {
    return update.stage !== undefined && update.stage !== this.stageId;
  }

  apply(update: OperationUpdate): UpdateOutcome {
    const stageChanged = this.movesStage(update);
    let changed = false;
    if (update.progress !== undefined) {
      this.explicitProgress = true;
      changed = this.raiseProgress(checkProgress(update.progress));
    }
    if (update.message !== undefined && update.message !== this.message) {
      if (typeof update.message !== 'string') throw new InvalidOperationInputError('update({ message }) takes a string');
      this.message = update.message.slice(0, 2000);
      changed = true;
    }
    if (update.details !== undefined) {
      if (update.details === null || typeof update.details !== 'object' || Array.isArray(update.details)) {
        throw new InvalidOperationInputError('update({ details }) takes a plain object');
      }
      this.details = this.details ? { ...this.details, ...update.details } : { ...update.details };
      changed = true;
    }
    if (stageChanged) this.stageId = checkText('stage', update.stage as string, 128);
    return { changed, stageChanged };
  }

  /** Maps progress within a planned stage onto that stage's share of the bar. */
  stageProgress(id: string, within: number): number {
    const planned = this.plannedStage(id);
    return planned.from + ((planned.to - planned.from) * checkProgress(within)) / 100;
  }

  plannedStage(id: string): PlannedStage {
    const planned = this.plan.get(id);
    if (!planned) throw new InvalidOperationInputError(`stage("${id}") is not one of the stages given to start()`);
    return planned;
  }

  /** The task with this id, made on first use; `made` tells whether it is new. */
  task(id: string, name: string, weight: number): { task: TaskHandle; made: boolean } {
    const existing = this.tasks.get(id);
    if (existing) return { task: existing, made: false };
    if (!(Number.isFinite(weight) && weight > 0)) throw new InvalidOperationInputError(`task("${id}"): weight must be a positive number`);
    const task = new TaskHandle(checkText('task id', id, 128), checkText('task name', name, 256), weight, this.taskChanged);
    this.tasks.set(id, task);
    return { task, made: true };
  }

  /** After a task changed: tasks drive progress (weighted) until the work sets it itself. */
  rollUpTasks(): void {
    if (!this.explicitProgress) this.raiseProgress(this.rolledUpProgress());
  }

  taskList(): TaskSnapshot[] | null {
    return this.tasks.size === 0 ? null : [...this.tasks.values()].map((t) => t.snapshot());
  }

  failedTaskIds(): string[] {
    return [...this.tasks.values()].filter((t) => t.hasFailed).map((t) => t.id);
  }

  /** "Step n of N" of the current stage, when it is one of the planned stages. */
  step(): { step: number; totalSteps: number } | null {
    const planned = this.stageId === null ? undefined : this.plan.get(this.stageId);
    return planned ? { step: planned.step, totalSteps: this.plan.size } : null;
  }

  private raiseProgress(next: number): boolean {
    if (next <= this.progress) return false;
    this.progress = next;
    return true;
  }

  private rolledUpProgress(): number {
    let weighted = 0;
    let total = 0;
    for (const task of this.tasks.values()) {
      weighted += task.currentProgress * task.weight;
      total += task.weight;
    }
    return total === 0 ? 0 : Math.min(100, weighted / total);
  }
}

export function checkProgress(value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new InvalidOperationInputError(`progress takes a number from 0 to 100, got ${String(value)}`);
  }
  return Math.min(100, Math.max(0, value));
}

export function checkText(field: string, value: string, max: number): string {
  if (typeof value !== 'string' || value.length === 0) throw new InvalidOperationInputError(`${field} takes a non-empty string`);
  return value.length > max ? value.slice(0, max) : value;
}
