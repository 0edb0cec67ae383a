/**
 * When to lint a document after it changes, from what its analyses cost.
 *
 * A document whose last analyses were cheap is linted at once after each
 * change: its result arrives before the next keystroke, so waiting would only
 * add latency. "At once" is the next turn of the event loop in which no
 * further change of the document arrived: vscode-jsonrpc hands the server one
 * message per turn, so the changes already queued in the input (a paste sent
 * as several edits, keystrokes that arrived while the server was busy) come
 * one turn apart, and all of them are linted in one run.
 *
 * A document whose analyses are expensive is linted at once after a pause,
 * but within a burst of typing once per burst, a delay after its last change:
 * the delay is the analysis's own cost (capped), the time during which an
 * analysis started at once would have been superseded by the next keystroke
 * anyway. The pause is counted from the later of the previous change and the
 * end of the previous analysis, so keystrokes queued behind a long analysis
 * are one burst.
 *
 * There is no fixed debounce: a document's delay follows its measured cost.
 */

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `callback` on the next turn of the event loop, after the I/O that is ready. */
  setImmediate(callback: () => void): unknown;
  clearImmediate(handle: unknown): void;
}

const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  setImmediate: (callback) => setImmediate(callback),
  clearImmediate: (handle) => clearImmediate(handle as ReturnType<typeof setImmediate>),
};

/**
 * Analyses up to this long are cheap: linted at once after every change. A
 * fast typist's keystrokes come about 100 ms apart (120 words a minute); an
 * analysis of half that is over, and published, before the next one arrives,
 * so running it is never wasted work.
 */
export const CHEAP_ANALYSIS_MS = 50;

/**
 * The longest an expensive document's burst waits after its last change.
 * Keystrokes of someone typing come closer together than this; a longer
 * silence is a pause, and waiting on after it only delays the result (a
 * 2-second analysis would otherwise wait 2 seconds more).
 */
export const MAX_COALESCE_MS = 200;


interface DocumentState {
  /**
   * What the last analysis cost. The last one, not a figure over several: after
   * an edit analysed incrementally the next one usually is too, and the first
   * keystrokes after opening a large file (whose full analysis was expensive)
   * would otherwise wait for that analysis to leave the window. When a cheap run
   * is followed by an expensive one (an edit that needs the whole file again),
   * one analysis runs at once, and the changes after it are coalesced.
   */
  lastCost?: number;
  lastChange: number;
  lastFinish: number;
  /** Changes seen so far: a turn that saw none means the queued input is drained. */
  changeCount: number;
  pending?: { kind: "turn"; handle: unknown } | { kind: "timer"; handle: unknown };
}

export class ChangeScheduler {
  private readonly states = new Map<string, DocumentState>();

  constructor(
    private readonly run: (uri: string) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  /** A document changed: lint it on the next quiet turn when cheap or after a pause, else once its burst ends. */
  changed(uri: string): void {
    const state = this.state(uri);
    const now = this.clock.now();
    const quietFor = now - Math.max(state.lastChange, state.lastFinish);
    state.lastChange = now;
    state.changeCount++;
    // Already waiting for the queued input to drain: this change is part of that run.
    if (state.pending?.kind === "turn") return;
    const delay = this.coalescingDelay(state);
    if (delay === 0 || (quietFor >= delay && state.pending === undefined)) {
      this.runOnQuietTurn(uri, state);
      return;
    }
    this.cancel(uri);
    const handle = this.clock.setTimeout(() => {
      state.pending = undefined;
      this.run(uri);
    }, delay);
    state.pending = { kind: "timer", handle };
  }

  /** An analysis of the document ended after `costMs` of work: the next changes are scheduled by it. */
  finished(uri: string, costMs: number): void {
    const state = this.state(uri);
    state.lastFinish = this.clock.now();
    state.lastCost = costMs;
  }

  /** Drops a pending run (a validation that starts now makes it useless). */
  cancel(uri: string): void {
    const state = this.states.get(uri);
    const pending = state?.pending;
    if (!state || !pending) return;
    if (pending.kind === "turn") this.clock.clearImmediate(pending.handle);
    else this.clock.clearTimeout(pending.handle);
    state.pending = undefined;
  }

  /** The document closed: nothing pending, and after a reopen its costs are measured afresh. */
  forget(uri: string): void {
    this.cancel(uri);
    this.states.delete(uri);
  }

  /** Whether a run is waiting (for the input to drain, or for the end of a burst). */
  isPending(uri: string): boolean {
    return this.states.get(uri)?.pending !== undefined;
  }

  /** How long a burst of the document's changes waits after its last one: 0 when its analyses are cheap. */
  private coalescingDelay(state: DocumentState): number {
    const cost = state.lastCost ?? 0;
    return cost <= CHEAP_ANALYSIS_MS ? 0 : Math.min(cost, MAX_COALESCE_MS);
  }

  /**
   * Runs once a whole turn of the event loop went by without a change of the
   * document. The first turn only takes note: the change that armed it was
   * handled in the turn before, and the input's next message (handled on the
   * turn after it, maybe after this callback) has not been seen yet.
   */
  private runOnQuietTurn(uri: string, state: DocumentState): void {
    this.cancel(uri);
    let seen = -1;
    const onTurn = () => {
      if (state.changeCount !== seen) {
        seen = state.changeCount;
        state.pending = { kind: "turn", handle: this.clock.setImmediate(onTurn) };
        return;
      }
      state.pending = undefined;
      this.run(uri);
    };
    state.pending = { kind: "turn", handle: this.clock.setImmediate(onTurn) };
  }

  private state(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) {
      state = { lastChange: -Infinity, lastFinish: -Infinity, changeCount: 0 };
      this.states.set(uri, state);
    }
    return state;
  }
}
