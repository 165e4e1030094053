/**
 * Pause, resume and stop from outside a run (the worker's message handler, a CLI signal). The
 * training loop checks it between batches, so a pause or stop takes effect after the batch in
 * flight. A stop stays in force (a run started with a stopped control ends at once), so give each
 * run a fresh control or call `reset()` before reusing one.
 */
export type ControlState = 'running' | 'paused' | 'stopped';

export class TrainingControl {
  private current: ControlState = 'running';
  private wakers: Array<() => void> = [];

  get state(): ControlState {
    return this.current;
  }

  get stopRequested(): boolean {
    return this.current === 'stopped';
  }

  pause(): void {
    if (this.current === 'running') this.current = 'paused';
  }

  resume(): void {
    if (this.current !== 'paused') return;
    this.current = 'running';
    this.wake();
  }

  stop(): void {
    this.current = 'stopped';
    this.wake();
  }

  /** Back to running for the next run (a stop is not carried over). */
  reset(): void {
    this.current = 'running';
    this.wake();
  }

  /** Resolves at once unless paused; then when resumed or stopped. */
  waitIfPaused(): Promise<void> {
    if (this.current !== 'paused') return Promise.resolve();
    return new Promise((resolve) => this.wakers.push(resolve));
  }

  private wake(): void {
    for (const w of this.wakers.splice(0)) w();
  }
}
