import { describe, expect, it } from "vitest";
import { contentHash, CopyRecords, COPY_RECORDS_KEY, type StateStore } from "../../client/src/copyRecords.js";

class MemoryState implements StateStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

const FILE = "file:///home/dev/app/docker-compose.yml";
const OTHER = "file:///home/dev/app/compose.yaml";
const COMPOSE = "services:\n  web:\n    image: nginx\n";

describe("what was last copied to the dashboard", () => {
  it("moves from not copied, to in sync, to changed since the last copy, and back", async () => {
    const records = new CopyRecords(new MemoryState());
    expect(records.syncState(FILE, COMPOSE)).toBe("not-copied");
    await records.recordCopy(FILE, COMPOSE, new Date("2026-02-15T10:00:00Z"));
    expect(records.syncState(FILE, COMPOSE)).toBe("in-sync");
    expect(records.get(FILE)).toEqual({ hash: contentHash(COMPOSE), copiedAt: "2026-02-15T10:00:00.000Z", reminded: false });
    expect(records.syncState(FILE, COMPOSE + "# edit\n")).toBe("changed");
    expect(records.syncState(FILE, COMPOSE)).toBe("in-sync");
    expect(records.syncState(OTHER, COMPOSE)).toBe("not-copied");
  });

  it("does not count line endings as a change (a browser pastes LF)", () => {
    expect(contentHash(COMPOSE.replace(/\n/g, "\r\n"))).toBe(contentHash(COMPOSE));
    expect(contentHash(COMPOSE + " ")).not.toBe(contentHash(COMPOSE));
  });

  it("reminds once per copy, only for a file copied before that now differs", async () => {
    const state = new MemoryState();
    const records = new CopyRecords(state);
    expect(await records.takeReminder(FILE, COMPOSE)).toBe(false);
    await records.recordCopy(FILE, COMPOSE);
    expect(await records.takeReminder(FILE, COMPOSE)).toBe(false);
    expect(await records.takeReminder(FILE, COMPOSE + "# 1\n")).toBe(true);
    expect(await records.takeReminder(FILE, COMPOSE + "# 2\n")).toBe(false);
    await records.recordCopy(FILE, COMPOSE + "# 2\n");
    expect(await records.takeReminder(FILE, COMPOSE + "# 3\n")).toBe(true);
    // Kept in the workspace state, so a reload neither forgets the copy nor repeats the reminder.
    const reloaded = new CopyRecords(state);
    expect(reloaded.syncState(FILE, COMPOSE + "# 2\n")).toBe("in-sync");
    expect(await reloaded.takeReminder(FILE, COMPOSE + "# 4\n")).toBe(false);
    expect(Object.keys(state.get<object>(COPY_RECORDS_KEY) ?? {})).toEqual([FILE]);
  });

  it("tells listeners which file was copied", async () => {
    const records = new CopyRecords(new MemoryState());
    const seen: string[] = [];
    const subscription = records.onDidChange((key) => seen.push(key));
    await records.recordCopy(FILE, COMPOSE);
    subscription.dispose();
    await records.recordCopy(OTHER, COMPOSE);
    expect(seen).toEqual([FILE]);
  });
});
