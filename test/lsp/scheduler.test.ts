/**
 * ChangeScheduler on a clock moved by hand: cheap documents are linted at
 * once after every change, changes already queued in the input are one run,
 * and expensive documents coalesce a burst with a delay derived from their
 * measured cost.
 */
import { describe, expect, it } from "vitest";
import { ChangeScheduler, MAX_COALESCE_MS, type Clock } from "../../server/src/lsp/scheduler.js";

/**
 * A clock the test moves by hand. Timers fire only when `advance` passes
 * their time; immediates run a turn at a time, as Node runs them: those
 * queued during a turn wait for the next one.
 */
class ManualClock implements Clock {
  time = 0;
  private timers: { at: number; callback: () => void; handle: number }[] = [];
  private immediates: { callback: () => void; handle: number }[] = [];
  private readonly clearedImmediates = new Set<number>();
  private nextHandle = 1;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.push({ at: this.time + ms, callback, handle });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.handle !== handle);
  }

  setImmediate(callback: () => void): unknown {
    const handle = this.nextHandle++;
    this.immediates.push({ callback, handle });
    return handle;
  }

  clearImmediate(handle: unknown): void {
    this.clearedImmediates.add(handle as number);
    this.immediates = this.immediates.filter((i) => i.handle !== handle);
  }

  /** One turn of the event loop: runs the immediates queued before it (one cleared meanwhile does not run). */
  turn(): void {
    const due = this.immediates;
    this.immediates = [];
    for (const immediate of due) if (!this.clearedImmediates.has(immediate.handle)) immediate.callback();
  }

  /** Turns until none is queued: what the event loop does when no input arrives. */
  settle(): void {
    for (let turns = 0; this.immediates.length > 0; turns++) {
      if (turns > 1_000) throw new Error("immediates keep queueing more");
      this.turn();
    }
  }

  /** Lets `ms` go by: the queued turns, then each timer due, in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    this.settle();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
      this.settle();
    }
    this.time = until;
  }

  /** Moves time without running anything, as a blocked event loop would. */
  jump(ms: number): void {
    this.time += ms;
  }

  get pendingTimers(): number {
    return this.timers.length;
  }
}

function setup() {
  const clock = new ManualClock();
  const runs: { uri: string; at: number }[] = [];
  const scheduler = new ChangeScheduler((uri) => runs.push({ uri, at: clock.now() }), clock);
  /** An analysis of `uri` that takes `costMs`, as the server reports it. */
  const analyse = (costMs: number, uri = "a") => {
    clock.jump(costMs);
    scheduler.finished(uri, costMs);
  };
  /** The input as vscode-jsonrpc hands it to the server: one message per turn, the next one's turn queued after each. */
  const deliver = (messages: (() => void)[]) => {
    const next = () => {
      messages.shift()?.();
      if (messages.length > 0) clock.setImmediate(next);
    };
    clock.setImmediate(next);
  };
  return { clock, runs, scheduler, analyse, deliver };
}

const times = (runs: { at: number }[]) => runs.map((r) => r.at);

describe("ChangeScheduler: cheap documents", () => {
  it("lints a change on the next quiet turn of the event loop, without a timer", () => {
    const { clock, runs, scheduler } = setup();
    clock.advance(5_000);
    scheduler.changed("a");
    // Not inside the change's handler: the input's next message may be another change.
    expect(runs).toEqual([]);
    expect(scheduler.isPending("a")).toBe(true);
    clock.settle();
    expect(runs).toEqual([{ uri: "a", at: 5_000 }]);
    expect(clock.pendingTimers).toBe(0);
    expect(scheduler.isPending("a")).toBe(false);
  });

  it("lints every keystroke of back-to-back typing at once while its analyses are cheap", () => {
    const { clock, runs, scheduler, analyse } = setup();
    for (let i = 0; i < 5; i++) {
      scheduler.changed("a");
      clock.settle();
      analyse(12); // a 500-line file
      clock.advance(1); // the next keystroke, right after the diagnostics
    }
    expect(times(runs)).toEqual([0, 13, 26, 39, 52]);
    expect(clock.pendingTimers).toBe(0);
  });

  it("lints a burst of changes already queued in the input once, after the last of them", () => {
    const { clock, runs, scheduler, deliver } = setup();
    let delivered = 0;
    deliver(
      Array.from({ length: 10 }, () => () => {
        delivered++;
        scheduler.changed("a");
      }),
    );
    clock.settle();
    expect(delivered).toBe(10);
    expect(runs).toHaveLength(1);
  });

  it("still lints a change that arrives after the run started, in a run of its own", () => {
    const { clock, runs, scheduler, analyse } = setup();
    scheduler.changed("a");
    clock.settle();
    analyse(5);
    scheduler.changed("a");
    clock.settle();
    expect(times(runs)).toEqual([0, 5]);
  });
});

describe("ChangeScheduler: expensive documents", () => {
  it("coalesces a burst of typing into one run, as long after its last change as the analysis took", () => {
    const { clock, runs, scheduler, analyse } = setup();
    scheduler.changed("a");
    clock.settle();
    analyse(120); // ends at 120
    // Keystrokes 40 ms apart, the first right after the analysis: one burst.
    for (let i = 0; i < 5; i++) {
      clock.advance(i === 0 ? 0 : 40);
      scheduler.changed("a");
    }
    expect(times(runs)).toEqual([0]);
    expect(scheduler.isPending("a")).toBe(true);
    clock.advance(119);
    expect(times(runs)).toEqual([0]);
    clock.advance(1);
    expect(times(runs)).toEqual([0, 400]);
    expect(scheduler.isPending("a")).toBe(false);
  });

  it("derives the delay from the cost: a dearer analysis waits longer, up to MAX_COALESCE_MS", () => {
    for (const [cost, delay] of [
      [80, 80],
      [150, 150],
      [2_000, MAX_COALESCE_MS],
    ]) {
      const { clock, runs, scheduler, analyse } = setup();
      scheduler.changed("a");
      clock.settle();
      analyse(cost);
      const changedAt = clock.now();
      scheduler.changed("a");
      clock.advance(delay - 1);
      expect(runs).toHaveLength(1);
      clock.advance(1);
      expect(times(runs)).toEqual([0, changedAt + delay]);
    }
  });

  it("lints an expensive document's change after a pause at once", () => {
    const { clock, runs, scheduler, analyse } = setup();
    scheduler.changed("a");
    clock.settle();
    analyse(120);
    clock.advance(120); // quiet as long as the analysis takes: a single edit, not a burst
    scheduler.changed("a");
    clock.settle();
    expect(times(runs)).toEqual([0, 240]);
    expect(clock.pendingTimers).toBe(0);
  });

  it("counts the pause from the end of the last analysis: keystrokes queued behind a long one stay one burst", () => {
    const { clock, runs, scheduler, analyse } = setup();
    scheduler.changed("a");
    clock.settle();
    analyse(400); // the keystrokes typed meanwhile arrive together, right after it
    scheduler.changed("a");
    scheduler.changed("a");
    clock.advance(30);
    scheduler.changed("a");
    expect(times(runs)).toEqual([0]);
    clock.advance(MAX_COALESCE_MS);
    expect(times(runs)).toEqual([0, 430 + MAX_COALESCE_MS]);
  });

  it("follows the last analysis's cost: an expensive one coalesces the burst after it, a cheap one makes the next change run at once", () => {
    const { clock, runs, scheduler, analyse } = setup();
    scheduler.changed("a");
    clock.settle();
    analyse(150);
    scheduler.changed("a");
    clock.advance(149);
    expect(runs).toHaveLength(1); // coalesced: 150 ms after the change
    clock.advance(1);
    expect(runs).toHaveLength(2);
    analyse(10); // the edit was analysed incrementally
    scheduler.changed("a");
    clock.settle();
    expect(runs).toHaveLength(3);
    expect(runs.at(-1)?.at).toBe(clock.now());
    analyse(120); // an edit that needed the whole file again: the next burst is coalesced by it
    scheduler.changed("a");
    clock.settle();
    expect(runs).toHaveLength(3);
    clock.advance(120);
    expect(runs).toHaveLength(4);
  });

  it("never runs at once while a run is pending (a busy server that saw no timer fire)", () => {
    const { clock, runs, scheduler, analyse } = setup();
    scheduler.changed("a");
    clock.settle();
    analyse(100);
    scheduler.changed("a"); // pending until 200
    clock.jump(500); // the event loop was busy: the timer could not fire
    scheduler.changed("a");
    clock.settle();
    expect(times(runs)).toEqual([0]);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(100);
    expect(times(runs)).toEqual([0, 700]);
  });
});

describe("ChangeScheduler: documents, cancel and forget", () => {
  it("schedules each document by its own cost", () => {
    const { clock, runs, scheduler, analyse } = setup();
    scheduler.changed("big");
    clock.settle();
    analyse(150, "big");
    scheduler.changed("small");
    clock.settle();
    analyse(5, "small");
    scheduler.changed("big");
    scheduler.changed("small");
    clock.settle();
    expect(runs).toEqual([
      { uri: "big", at: 0 },
      { uri: "small", at: 150 },
      { uri: "small", at: 155 },
    ]);
    clock.advance(150);
    expect(runs.at(-1)).toEqual({ uri: "big", at: 305 });
  });

  it("cancel drops the pending run; forget also forgets the document's costs", () => {
    const { clock, runs, scheduler, analyse } = setup();
    scheduler.changed("a");
    scheduler.cancel("a");
    clock.settle();
    expect(runs).toEqual([]);

    scheduler.changed("a");
    clock.settle();
    analyse(150);
    scheduler.changed("a");
    scheduler.cancel("a");
    clock.advance(500);
    expect(times(runs)).toEqual([0]);

    // Closed, then reopened and typed in: measured afresh, so at once.
    scheduler.forget("a");
    scheduler.changed("a");
    clock.settle();
    expect(times(runs)).toEqual([0, 650]);
  });
});
