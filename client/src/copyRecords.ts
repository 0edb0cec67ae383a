/**
 * What was last copied to the dashboard from here, per pipeline file: the
 * pipeline deploys the dashboard's copy, not the repository's file, so the
 * extension remembers a hash of each copy (workspace state) to tell whether
 * that copy is stale. No vscode import: unit-tested with a fake Memento.
 */
import { createHash } from "node:crypto";

/** The part of `vscode.Memento` used here. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface CopyRecord {
  /** contentHash of the copied text. */
  hash: string;
  /** ISO date of the copy. */
  copiedAt: string;
  /** Whether the "changed since the last copy" reminder was shown since this copy. */
  reminded: boolean;
}

export type SyncState = "in-sync" | "changed" | "not-copied";

export const COPY_RECORDS_KEY = "elestio.copies";

/**
 * A hash of the text as the dashboard will hold it: a browser's text area
 * turns CRLF into LF on paste, so line endings do not count as a change.
 */
export function contentHash(text: string): string {
  return createHash("sha256").update(text.replace(/\r\n?/g, "\n")).digest("hex");
}

export class CopyRecords {
  private readonly listeners = new Set<(key: string) => void>();

  constructor(private readonly state: StateStore) {}

  private all(): Record<string, CopyRecord> {
    return this.state.get<Record<string, CopyRecord>>(COPY_RECORDS_KEY) ?? {};
  }

  get(key: string): CopyRecord | undefined {
    return this.all()[key];
  }

  /** In sync when `text` is what was last copied; `text` is the file as the user sees it now. */
  syncState(key: string, text: string): SyncState {
    const record = this.get(key);
    if (!record) return "not-copied";
    return record.hash === contentHash(text) ? "in-sync" : "changed";
  }

  async recordCopy(key: string, text: string, now: Date = new Date()): Promise<void> {
    const records = { ...this.all(), [key]: { hash: contentHash(text), copiedAt: now.toISOString(), reminded: false } };
    await this.state.update(COPY_RECORDS_KEY, records);
    this.fire(key);
  }

  /**
   * Whether saving `text` calls for the reminder that the pipeline still
   * deploys the old copy: once per copy, and only for a file copied before.
   * Marks the reminder as shown.
   */
  async takeReminder(key: string, text: string): Promise<boolean> {
    const record = this.get(key);
    if (!record || record.reminded || record.hash === contentHash(text)) return false;
    await this.state.update(COPY_RECORDS_KEY, { ...this.all(), [key]: { ...record, reminded: true } });
    return true;
  }

  onDidChange(listener: (key: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private fire(key: string): void {
    for (const listener of this.listeners) listener(key);
  }
}
