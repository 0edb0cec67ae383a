import { describe, expect, it } from "vitest";
import { ChangeScheduler, type Clock } from "../../server/src/lsp/scheduler.js";

/** A clock the test moves by hand: timers fire only when `advance` passes their time. */
class ManualClock implements Clock {
  time = 0;
  private timers: { at: number; callback: () => void; handle: number }[] = [];
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

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = until;
  }

  /** Moves time without firing timers, as a blocked event loop would. */
  jump(ms: number): void {
    this.time += ms;
  }

  get pending(): number {
    return this.timers.length;
  }
}

function setup(delay = 100) {
  const clock = new ManualClock();
  const runs: { uri: string; at: number }[] = [];
  const scheduler = new ChangeScheduler(delay, (uri) => runs.push({ uri, at: clock.now() }), clock);
  return { clock, runs, scheduler };
}

describe("ChangeScheduler", () => {
  it("lints the first change after a pause at once, without waiting for the debounce", () => {
    const { clock, runs, scheduler } = setup();
    clock.advance(5_000);
    scheduler.changed("a");
    expect(runs).toEqual([{ uri: "a", at: 5_000 }]);
    expect(clock.pending).toBe(0);
    // Another single edit after a pause: at once again.
    clock.advance(250);
    scheduler.changed("a");
    expect(runs).toEqual([
      { uri: "a", at: 5_000 },
      { uri: "a", at: 5_250 },
    ]);
  });

  it("lints a burst of typing twice: its first keystroke, then once, 100 ms after its last", () => {
    const { clock, runs, scheduler } = setup();
    scheduler.changed("a");
    for (let i = 0; i < 5; i++) {
      clock.advance(40);
      scheduler.changed("a");
    }
    expect(runs.map((r) => r.at)).toEqual([0]);
    expect(scheduler.isPending("a")).toBe(true);
    clock.advance(99);
    expect(runs.map((r) => r.at)).toEqual([0]);
    clock.advance(1);
    expect(runs.map((r) => r.at)).toEqual([0, 300]);
    expect(scheduler.isPending("a")).toBe(false);
  });

  it("treats a keystroke 100 ms or more after the previous one as a new pause", () => {
    const { clock, runs, scheduler } = setup();
    scheduler.changed("a");
    clock.advance(50);
    scheduler.changed("a"); // pending until 150
    clock.advance(100);
    expect(runs.map((r) => r.at)).toEqual([0, 150]);
    clock.advance(30);
    scheduler.changed("a"); // 130 ms after the previous keystroke
    expect(runs.map((r) => r.at)).toEqual([0, 150, 180]);
    clock.advance(99);
    scheduler.changed("a"); // 99 ms: the same burst
    expect(runs.map((r) => r.at)).toEqual([0, 150, 180]);
  });

  it("never runs at once while a run is pending (a busy server that saw no timer fire)", () => {
    const { clock, runs, scheduler } = setup();
    scheduler.changed("a");
    clock.advance(10);
    scheduler.changed("a"); // pending until 110
    clock.jump(500); // the event loop was busy: the timer could not fire
    scheduler.changed("a");
    expect(runs.map((r) => r.at)).toEqual([0]);
    expect(clock.pending).toBe(1);
    clock.advance(100);
    expect(runs.map((r) => r.at)).toEqual([0, 610]);
  });

  it("counts the pause from the end of the last analysis: keystrokes queued behind a long one stay one burst", () => {
    const { clock, runs, scheduler } = setup();
    scheduler.changed("a"); // linted at once; the analysis takes 400 ms
    clock.jump(400);
    scheduler.finished("a");
    // Keystrokes typed meanwhile arrive together, right after it.
    scheduler.changed("a");
    scheduler.changed("a");
    clock.advance(30);
    scheduler.changed("a");
    expect(runs.map((r) => r.at)).toEqual([0]);
    clock.advance(100);
    expect(runs.map((r) => r.at)).toEqual([0, 530]);
    scheduler.finished("a");
    // Then a pause, and a single edit: at once.
    clock.advance(100);
    scheduler.changed("a");
    expect(runs.map((r) => r.at)).toEqual([0, 530, 630]);
  });

  it("schedules each document on its own", () => {
    const { clock, runs, scheduler } = setup();
    scheduler.changed("a");
    clock.advance(10);
    scheduler.changed("b");
    clock.advance(10);
    scheduler.changed("a");
    expect(runs).toEqual([
      { uri: "a", at: 0 },
      { uri: "b", at: 10 },
    ]);
    clock.advance(100);
    expect(runs.at(-1)).toEqual({ uri: "a", at: 120 });
  });

  it("cancel drops the pending run; forget also makes the next change immediate", () => {
    const { clock, runs, scheduler } = setup();
    scheduler.changed("a");
    clock.advance(10);
    scheduler.changed("a");
    scheduler.cancel("a");
    clock.advance(500);
    expect(runs.map((r) => r.at)).toEqual([0]);

    clock.advance(10);
    scheduler.changed("a"); // 500 ms later: a new pause, at once
    expect(runs.map((r) => r.at)).toEqual([0, 520]);
    clock.advance(5);
    scheduler.forget("a"); // closed, then reopened and typed in
    scheduler.changed("a");
    expect(runs.map((r) => r.at)).toEqual([0, 520, 525]);
  });
});
