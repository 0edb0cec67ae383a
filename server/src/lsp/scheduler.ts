/**
 * When to lint a document after it changes. The first change after a pause
 * is linted at once: a single edit (a fixed typo, a pasted line) shows its
 * result without waiting for a debounce. Changes that follow it within
 * `delayMs` are a burst of typing: they are linted once, `delayMs` after the
 * last of them. A burst costs two analyses (its first change and its end),
 * never one per keystroke.
 *
 * The pause is counted from the later of the previous change and the end of
 * the previous analysis: keystrokes that queued up while a large file was
 * being analysed arrive together, and are still one burst.
 */

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ChangeScheduler {
  private readonly timers = new Map<string, unknown>();
  private readonly lastChange = new Map<string, number>();
  private readonly lastFinish = new Map<string, number>();

  constructor(
    private readonly delayMs: number,
    private readonly run: (uri: string) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  /** A document changed: lint it now when it had been quiet for `delayMs`, else once the burst ends. */
  changed(uri: string): void {
    const now = this.clock.now();
    const previous = Math.max(this.lastChange.get(uri) ?? -Infinity, this.lastFinish.get(uri) ?? -Infinity);
    this.lastChange.set(uri, now);
    const quiet = now - previous >= this.delayMs;
    if (quiet && !this.timers.has(uri)) {
      this.run(uri);
      return;
    }
    this.cancel(uri);
    this.timers.set(
      uri,
      this.clock.setTimeout(() => {
        this.timers.delete(uri);
        this.run(uri);
      }, this.delayMs),
    );
  }

  /** An analysis of the document ended: changes queued behind it belong to the burst it started. */
  finished(uri: string): void {
    this.lastFinish.set(uri, this.clock.now());
  }

  /** Drops a pending run (a validation that starts now makes it useless). */
  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer === undefined) return;
    this.clock.clearTimeout(timer);
    this.timers.delete(uri);
  }

  /** The document closed: nothing pending, and its next change (after a reopen) is linted at once. */
  forget(uri: string): void {
    this.cancel(uri);
    this.lastChange.delete(uri);
    this.lastFinish.delete(uri);
  }

  /** Whether a run is waiting for the end of a burst. */
  isPending(uri: string): boolean {
    return this.timers.has(uri);
  }
}
