import type { OperationSnapshot } from '@liveprogress/protocol';
import { InvalidOperationInputError } from '../errors.js';
import type { OperationUpdate } from './operation-update.js';
import type { OperationWrite, TaskChange } from './operation-write.js';
import { type PlannedStage, type StageInput, planStages } from './stage-plan.js';
import { TaskHandle } from './task-handle.js';

/** What one `update()` changed: whether anything did, and whether the stage moved (which flushes at once). */
export interface UpdateOutcome {
  changed: boolean;
  stageChanged: boolean;
}

type PendingUpdate = Omit<Extract<OperationWrite, { kind: 'update' }>, 'kind' | 'timestamp' | 'estimatedDuration'>;

/**
 * One producer's side of an operation: what it reported since its last write (taken by
 * `take()`), the stage plan it maps stage progress with, and its task handles. Not the
 * operation's state — that is the store's, which every write is applied to — so several
 * processes may report on one operation. What it remembers of earlier reports (the last
 * progress and stage it sent) only spares writes that would change nothing.
 */
export class OperationState {
  private readonly plan: Map<string, PlannedStage>;
  private readonly tasks = new Map<string, TaskHandle>();
  /**
   * Made by the first report after a write, not by the write itself: an empty record made at
   * each write would wait for the next report and outlive a young-generation collection.
   */
  private pending: PendingUpdate | null = null;
  /** Whether `pending` holds any field (cheaper than counting its keys on every report). */
  private pendingAny = false;
  private pendingTasks = new Map<string, TaskChange>();
  /** The stage this producer is in, as far as it knows. */
  private stageId: string | null;
  private lastProgress: number;
  private lastMessage: string | null;
  /** Once work sets progress itself (or through a stage), tasks no longer drive it. */
  private explicitProgress = false;

  constructor(
    snapshot: OperationSnapshot,
    stages: readonly StageInput[] | null | undefined,
    private readonly taskChanged: (task: TaskHandle) => void,
  ) {
    this.stageId = snapshot.stage;
    this.lastProgress = snapshot.progress;
    this.lastMessage = snapshot.message;
    this.plan = planStages(stages ?? []);
    for (const task of snapshot.tasks ?? []) this.tasks.set(task.id, TaskHandle.restore(task, this.onTaskChange));
  }

  /** Whether an update would move the stage (the caller flushes what is pending first). */
  movesStage(update: OperationUpdate): boolean {
    return update.stage !== undefined && update.stage !== this.stageId;
  }

  /**
   * Records an update. A field given is always written, even when this producer thinks it
   * unchanged: another process may have changed it since (its view here is not the store's).
   * `changed` says whether it changed as far as this producer knows, which is when the
   * coalescer should schedule a write; an unchanged field still goes with the next one.
   */
  apply(update: OperationUpdate): UpdateOutcome {
    const stageChanged = this.movesStage(update);
    let changed = false;
    if (this.pending === null) this.pending = {};
    if (update.progress !== undefined) {
      const progress = checkProgress(update.progress);
      // The first explicit progress is written even when it does not rise: it takes progress over from the tasks.
      if (progress > this.lastProgress || !this.explicitProgress) {
        this.lastProgress = Math.max(this.lastProgress, progress);
        this.pending.progress = this.lastProgress;
        this.pendingAny = true;
        changed = true;
      }
      this.explicitProgress = true;
    }
    if (update.message !== undefined) {
      if (typeof update.message !== 'string') throw new InvalidOperationInputError('update({ message }) takes a string');
      const message = update.message.slice(0, 2000);
      if (message !== this.lastMessage) changed = true;
      this.lastMessage = this.pending.message = message;
      this.pendingAny = true;
    }
    if (update.details !== undefined) {
      if (update.details === null || typeof update.details !== 'object' || Array.isArray(update.details)) {
        throw new InvalidOperationInputError('update({ details }) takes a plain object');
      }
      this.pending.details = { ...this.pending.details, ...update.details };
      this.pendingAny = true;
      changed = true;
    }
    if (update.stage !== undefined) {
      this.stageId = this.pending.stage = checkText('stage', update.stage, 128);
      this.pendingAny = true;
    }
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

  /**
   * The task with this id, made on first use; `made` tells whether it changed anything.
   * Only what is given is reported: a process that first meets a task another one made
   * (HTTP ingest on another node) must not rename it to its id or reset its weight.
   */
  task(id: string, name: string | undefined, weight: number | undefined): { task: TaskHandle; made: boolean } {
    const existing = this.tasks.get(id);
    if (existing) {
      if (name === undefined || name === existing.name) return { task: existing, made: false };
      existing.name = checkText('task name', name, 256);
      this.addTaskChange({ id, name: existing.name });
      return { task: existing, made: true };
    }
    if (weight !== undefined && !(Number.isFinite(weight) && weight > 0))
      throw new InvalidOperationInputError(`task("${id}"): weight must be a positive number`);
    const task = new TaskHandle(checkText('task id', id, 128), name === undefined ? id : checkText('task name', name, 256), weight ?? 1, this.onTaskChange);
    this.tasks.set(id, task);
    this.addTaskChange({ id, ...(name !== undefined ? { name: task.name } : {}), ...(weight !== undefined ? { weight } : {}) });
    return { task, made: true };
  }

  /**
   * Whether this update takes progress over from the tasks while task changes wait to be
   * written: those are written first, so the progress they rolled up to still counts.
   */
  takesOverFromTasks(update: OperationUpdate): boolean {
    return update.progress !== undefined && !this.explicitProgress && this.pendingTasks.size > 0;
  }

  /** Whether anything waits to be written. */
  get hasPending(): boolean {
    return this.pendingAny || this.pendingTasks.size > 0;
  }

  /** What was reported since the last write, as the next update write's fields; clears it. */
  take(): PendingUpdate {
    const taken: PendingUpdate = this.pending ?? {};
    if (this.pendingTasks.size > 0) {
      taken.tasks = [...this.pendingTasks.values()];
      this.pendingTasks = new Map();
    }
    this.pending = null;
    this.pendingAny = false;
    return taken;
  }

  /** Task changes not written yet, for a terminal write made without a pending update. */
  takeTasks(): TaskChange[] | undefined {
    if (this.pendingTasks.size === 0) return undefined;
    const tasks = [...this.pendingTasks.values()];
    this.pendingTasks = new Map();
    return tasks;
  }

  private readonly onTaskChange = (task: TaskHandle, change: TaskChange): void => {
    this.addTaskChange(change);
    this.taskChanged(task);
  };

  private addTaskChange(change: TaskChange): void {
    const before = this.pendingTasks.get(change.id);
    this.pendingTasks.set(change.id, before ? { ...before, ...change } : change);
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
