/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Driving VS Code's workbench in the browser as a user does: quick open,
 * command palette, go to line, keyboard shortcuts; reading what a user sees:
 * the Problems panel, the status bar, hovers, notifications. Every wait is
 * on a condition.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";

const SCREENSHOTS = join(__dirname, "screenshots");

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/**
 * In the open quick input: types `text`, and accepts the row whose label is
 * `label` (in `description`, if given), moving to it with the arrow keys: the
 * list re-sorts while it fills, so a click may land on another row.
 */
export async function pick(page: Page, text: string, label: string, description?: string): Promise<void> {
  const input = page.locator(".quick-input-widget input.input");
  await input.waitFor({ state: "visible" });
  await input.fill(text);
  const rows = page.locator(".quick-input-list .monaco-list-row");
  const wanted = (row: Locator) => {
    let match = row.filter({ has: page.locator(".label-name", { hasText: exactly(label) }) });
    if (description) match = match.filter({ has: page.locator(".label-description", { hasText: description }) });
    return match;
  };
  await wanted(rows).first().waitFor({ state: "visible" });
  for (let step = 0; step < 20; step++) {
    if ((await wanted(rows.and(page.locator(".focused"))).count()) > 0) {
      await page.keyboard.press("Enter");
      return;
    }
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`no row "${label}" in the quick input for "${text}"`);
}

/**
 * Presses the shortcut until the quick input shows: a key pressed while the
 * workbench moves focus (a webview closing, an editor opening) can be lost,
 * and then no widget ever opens. Pressed again on an open widget, the text
 * pick() fills in decides what it shows all the same.
 */
async function openQuickInput(page: Page, shortcut: string): Promise<void> {
  const input = page.locator(".quick-input-widget input.input");
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(shortcut);
    try {
      await input.waitFor({ state: "visible", timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function quickInput(page: Page, shortcut: string, text: string, label: string, description?: string): Promise<void> {
  await openQuickInput(page, shortcut);
  await pick(page, text, label, description);
  await page.locator(".quick-input-widget").waitFor({ state: "hidden" });
}

/** Quick open (Control+P) of a workspace file; resolves when its tab is the active one. */
export async function openFile(page: Page, path: string): Promise<void> {
  const parts = path.split("/");
  const name = parts.pop()!;
  await quickInput(page, "Control+P", path, name, parts.join("/") || undefined);
  await activeTab(page, name).waitFor({ state: "visible" });
}

export function activeTab(page: Page, name: string): Locator {
  return page.locator(".editor-group-container.active .tab.active", { hasText: name });
}

/** The command palette, the command's title, Enter. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await quickInput(page, "Control+Shift+P", `>${title}`, title);
}

export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-widget input.input");
  await input.waitFor({ state: "visible" });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden" });
  await cursorAt(page, line, column).waitFor({ state: "visible" });
}

/** The status bar's cursor position, "Ln 7, Col 5". */
export function cursorAt(page: Page, line: number, column?: number): Locator {
  return page.locator("#status\\.editor\\.selection", { hasText: column ? `Ln ${line}, Col ${column}` : `Ln ${line},` });
}

/** The active editor (the focused group's). */
export function activeEditor(page: Page): Locator {
  return page.locator(".editor-group-container.active .monaco-editor").first();
}

/** Keyboard focus back in the first editor group (after a webview took it: keys typed there stay there). */
export async function focusFirstEditorGroup(page: Page): Promise<void> {
  await page.locator(".editor-group-container").first().locator(".tab.active").click();
}

/** Keyboard focus in the active editor (its input element: an EditContext div or a textarea). */
export async function focusEditor(page: Page): Promise<void> {
  await activeEditor(page).locator(".native-edit-context, textarea.inputarea").first().focus();
}

/** The text of the active editor, through select all and the clipboard. */
export async function editorText(page: Page): Promise<string> {
  await focusEditor(page);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+C");
  return page.evaluate(() => navigator.clipboard.readText());
}

export function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

export function writeClipboard(page: Page, text: string): Promise<void> {
  return page.evaluate((value) => navigator.clipboard.writeText(value), text);
}

/** The Elestio status bar item. */
export function elestioStatus(page: Page): Locator {
  return page.locator(".statusbar-item", { hasText: /Elestio ?:/ }).first();
}

export function dialogButton(page: Page, label: string | RegExp): Locator {
  return page.locator(".monaco-dialog-box .monaco-button", { hasText: label });
}

export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator(".notification-toast", { hasText: text });
}

export async function showProblems(page: Page): Promise<void> {
  if (await page.locator(".markers-panel").isVisible()) return;
  await page.keyboard.press("Control+Shift+M");
  await page.locator(".markers-panel").waitFor({ state: "visible" });
}

/**
 * The Problems panel, per file name: its Elestio entries as
 * "<rule id> [Ln x, Col y]", in the panel's order.
 */
export async function problemsByFile(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll<HTMLElement>(".markers-panel .monaco-list-row")].sort(
      (a, b) => Number(a.dataset.index) - Number(b.dataset.index),
    );
    const byFile: Record<string, string[]> = {};
    let file = "";
    for (const row of rows) {
      const label = row.querySelector(".resource-label-container .label-name");
      if (label) {
        file = label.textContent ?? "";
        byFile[file] = [];
        continue;
      }
      const text = row.innerText;
      const code = /elestio\(([^)]+)\)|elestio\s*\n\s*([a-z-]+)/.exec(text);
      const position = /\[Ln \d+, Col \d+\]/.exec(text);
      if (code && position) byFile[file]?.push(`${code[1] ?? code[2]} ${position[0]}`);
    }
    return byFile;
  });
}
