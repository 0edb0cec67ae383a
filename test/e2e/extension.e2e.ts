/**
 * The packaged extension in a real VS Code (code-server 4.100.3 = VS Code
 * 1.100.3) driven by chromium: what a user sees in a workspace holding the
 * guide's pipeline compose file, a local docker-compose.dev.yml, and a file
 * fixed on save. The tests run in order, as one user session.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, type TestContext } from "vitest";
import { CHROMIUM, cleanUp, startCodeServer, type CodeServer } from "./codeServer.js";
import {
  activeEditor,
  activeTab,
  cursorAt,
  dialogButton,
  editorText,
  elestioStatus,
  focusEditor,
  focusFirstEditorGroup,
  goTo,
  notification,
  openFile,
  pick,
  problemsByFile,
  readClipboard,
  runCommand,
  screenshot,
  showProblems,
  writeClipboard,
} from "./workbench.js";

const FIXTURES = join(__dirname, "fixtures");
const DASHBOARD_PAGE = "https://dash.elest.io/pipelines/latigue-e2e";
const CONTAINER_CONFLICT =
  'Error response from daemon: Conflict. The container name "/latigue_web" is already in use by container "3f2a91c0". You have to remove (or rename) that container to be able to reuse that name.';

const BROWSER_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

interface Session {
  server: CodeServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  workspace: string;
  /** Dashboard pages the extension opened (intercepted: nothing leaves the machine). */
  dashboardRequests: string[];
}

async function openSession(fixture: string, options: { trust?: boolean; locale?: string } = {}): Promise<Session> {
  const workspace = mkdtempSync(join(tmpdir(), "elestio-e2e-workspace-"));
  cpSync(join(FIXTURES, fixture), workspace, { recursive: true });
  const server = await startCodeServer({ vsix: inject("vsix"), workspace, ...options });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: options.locale ?? "en-US" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  const dashboardRequests: string[] = [];
  // Nothing leaves the machine: whatever is not code-server is refused, the dashboard answered locally
  // (routes registered later are tried first).
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  await context.route("https://dash.elest.io/**", (route) => {
    if (route.request().resourceType() === "document") dashboardRequests.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "text/html", body: "<title>Elestio dashboard</title><h1>Elestio dashboard (e2e)</h1>" });
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 60_000 });
  return { server, browser, context, page, workspace, dashboardRequests };
}

async function closeSession(session: Session | undefined): Promise<void> {
  if (!session) return;
  await session.browser.close();
  await session.server.stop();
  cleanUp(session.server.home);
  cleanUp(session.workspace);
}

/** Runs the copy command through its dialogs; resolves with the dashboard page it opened. */
async function copyAndOpenDashboard(
  session: Session,
  texts: { command: string; errors: RegExp; copyAnyway: string } = {
    command: "Elestio: Copy compose file and open dashboard",
    errors: /docker-compose\.yml has 3 Elestio errors/,
    copyAnyway: "Copy anyway",
  },
): Promise<Page> {
  const { page, context } = session;
  await runCommand(page, texts.command);
  await dialogButton(page, texts.copyAnyway).waitFor({ state: "visible" });
  await expect.poll(() => page.locator(".monaco-dialog-box").innerText()).toMatch(texts.errors);
  await dialogButton(page, texts.copyAnyway).click();
  // VS Code asks before opening any external website: the user's click on Open is what lets the page open.
  await dialogButton(page, /^Open$/).waitFor({ state: "visible" });
  const opened = context.waitForEvent("page");
  await dialogButton(page, /^Open$/).click();
  const dashboard = await opened;
  await dashboard.waitForLoadState();
  await page.bringToFront();
  return dashboard;
}

/** What the screen showed when a test failed, for whoever reads the failure. */
async function screenshotOnFailure(context: TestContext, page: Page | undefined): Promise<void> {
  if (page && context.task.result?.state === "fail") {
    await screenshot(page, `failed-${context.task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}`).catch(() => undefined);
  }
}

describe("in VS Code 1.100 with the packaged extension", () => {
  let session: Session;
  let page: Page;
  const fixture = (path: string) => readFileSync(join(FIXTURES, "workspace", path), "utf8");
  const onDisk = (path: string) => readFileSync(join(session.workspace, path), "utf8");

  beforeAll(async () => {
    session = await openSession("workspace");
    page = session.page;
  });

  afterAll(async () => {
    await closeSession(session);
  });

  afterEach(async (context) => {
    await screenshotOnFailure(context, page);
    // No hover, menu or quick input left open for the next test.
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
  });

  it("marks the guide's problems in the pipeline file, with squiggles and Problems entries", async () => {
    await openFile(page, "docker-compose.yml");
    await activeEditor(page).locator(".squiggly-error").first().waitFor({ state: "visible", timeout: 60_000 });
    // The server's code lens on the first line (VS Code fetches code lenses while the editor has the focus).
    await activeEditor(page)
      .locator(".codelens-decoration", { hasText: "Copy to the Elestio dashboard (the pipeline deploys its copy)" })
      .waitFor({ state: "visible", timeout: 30_000 });
    await showProblems(page);
    await expect
      .poll(async () => (await problemsByFile(page))["docker-compose.yml"], { timeout: 30_000 })
      .toEqual([
        "no-container-name [Ln 7, Col 5]",
        "env-file-not-dotenv [Ln 12, Col 9]",
        "no-tls-proxy-service [Ln 24, Col 3]",
        "obsolete-version [Ln 2, Col 1]",
        "literal-secret [Ln 14, Col 36]",
      ]);
    expect(await activeEditor(page).locator(".squiggly-error").count()).toBeGreaterThanOrEqual(3);
    expect(await activeEditor(page).locator(".squiggly-warning").count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, "01-pipeline-file-diagnostics");
  });

  it("gives a docker-compose.dev.yml the generic rules only: no Elestio pipeline finding", async () => {
    await openFile(page, "docker-compose.dev.yml");
    // Its one generic finding shows that it was checked; container_name, port 80 and env_file are fine there.
    await expect
      .poll(async () => (await problemsByFile(page))["docker-compose.dev.yml"], { timeout: 30_000 })
      .toEqual(["obsolete-version [Ln 2, Col 1]"]);
    expect(await activeEditor(page).locator(".squiggly-warning").count()).toBeGreaterThanOrEqual(1);
    expect(await activeEditor(page).locator(".squiggly-error").count()).toBe(0);
    await expect(elestioStatus(page).isVisible()).resolves.toBe(false);
    await screenshot(page, "02-dev-file-generic-rules-only");
  });

  it("explains container_name in a hover, quoting the pipeline's error", async () => {
    await openFile(page, "docker-compose.yml");
    await goTo(page, 7, 8);
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    // VS Code's marker part (the message) and the extension's part, in one hover.
    const hover = page.locator(".monaco-hover", { hasText: "Pipeline log:" }).first();
    await hover.waitFor({ state: "visible" });
    const text = await hover.innerText();
    // The pipeline's own words, quoted.
    expect(text).toContain('Conflict. The container name "/latigue_web" is already in use');
    // The message once, from VS Code: the extension's part adds to it and links the rule's page.
    const message = 'Fixed container_name "latigue_web": redeploys fail while another container has that name. Remove it.';
    expect(text.split(message).length - 1).toBe(1);
    expect(text).toContain("Documentation of no-container-name");
    await screenshot(page, "03-hover");
    await page.keyboard.press("Escape");
  });

  it("applies a quick fix: container_name removed, every other byte kept", async () => {
    await goTo(page, 7, 8);
    await page.keyboard.press("Control+.");
    // The preferred fix comes first and is focused: Enter applies it.
    const fix = page.locator(".action-widget .monaco-list-row.focused", { hasText: "Remove container_name" });
    await fix.waitFor({ state: "visible" });
    await screenshot(page, "04-quick-fix-menu");
    await page.keyboard.press("Enter");
    const expected = fixture("docker-compose.yml").replace("    container_name: latigue_web\n", "");
    await expect.poll(() => editorText(page)).toBe(expected);
    await screenshot(page, "05-quick-fix-applied");
    await runCommand(page, "File: Revert File");
    await page.locator(".editor-group-container.active .tab.active.dirty").waitFor({ state: "detached" });
    await expect.poll(() => editorText(page)).toBe(fixture("docker-compose.yml"));
  });

  it("shows the rule's page rendered, from the quick fix menu", async () => {
    await openFile(page, "docker-compose.yml");
    await goTo(page, 7, 8);
    await page.keyboard.press("Control+.");
    await page.locator(".action-widget .monaco-list-row", { hasText: "Show documentation for no-container-name" }).waitFor({ state: "visible" });
    // The keyboard, as a user would: the menu opens on the preferred fix, the documentation comes last.
    const focused = page.locator(".action-widget .monaco-list-row.focused");
    for (let step = 0; step < 6 && !(await focused.innerText()).includes("Show documentation"); step++) await page.keyboard.press("ArrowDown");
    await expect.poll(() => focused.innerText()).toContain("Show documentation for no-container-name");
    await page.keyboard.press("Enter");
    // VS Code's Markdown preview of the page the extension ships, not its source.
    await page.locator(".tab", { hasText: "Preview no-container-name.md" }).waitFor({ state: "visible", timeout: 30_000 });
    const preview = page.frameLocator("iframe.webview").frameLocator("iframe#active-frame");
    await expect.poll(() => preview.locator("h1").first().innerText(), { timeout: 30_000 }).toBe("no-container-name");
    await expect.poll(() => preview.locator("body").innerText()).toContain("How to turn it off");
    await screenshot(page, "05b-rule-documentation");
    await page.keyboard.press("Control+W");
  });

  it("explains a pasted pipeline log line, and its link opens the line that causes it", async () => {
    await openFile(page, "docker-compose.yml");
    await writeClipboard(page, CONTAINER_CONFLICT);
    await runCommand(page, "Elestio: Explain a pipeline error");
    const view = page.frameLocator("iframe.webview").frameLocator("iframe#active-frame");
    const problem = view.locator("section[data-problem='no-container-name']");
    await problem.waitFor({ state: "visible" });
    await expect.poll(() => problem.locator("h2").innerText()).toBe('Container name "/latigue_web" already in use');
    expect(await problem.innerText()).toContain("docker ps -a --filter name=latigue");
    const link = problem.locator("a[data-open]");
    expect(await link.innerText()).toBe("docker-compose.yml:7");
    await screenshot(page, "06-explain-pipeline-error");
    await link.click();
    await cursorAt(page, 7).waitFor({ state: "visible" });
    await activeTab(page, "docker-compose.yml").waitFor({ state: "visible" });
    // The cursor is on the finding: its quick fix is in the light bulb.
    await activeEditor(page).locator(".lightBulbWidget").waitFor({ state: "visible" });
    await screenshot(page, "07-explain-link-to-line");
  });

  it("offers the explanation as a code action on a selected line of a log", async () => {
    await openFile(page, "pipeline.log");
    await goTo(page, 4, 1);
    await page.keyboard.press("Shift+End");
    await page.keyboard.press("Control+.");
    const action = page.locator(".action-widget .monaco-list-row.focused", { hasText: "Elestio: explain" });
    await action.waitFor({ state: "visible" });
    await screenshot(page, "08-log-code-action");
    await page.keyboard.press("Enter");
    const view = page.frameLocator("iframe.webview").frameLocator("iframe#active-frame");
    await view.locator("section[data-problem='env-file-not-dotenv']").waitFor({ state: "visible" });
    const problem = view.locator("section[data-problem='env-file-not-dotenv']");
    expect(await problem.innerText()).toContain(".env.production");
    // About the pipeline file last open in an editor: the env_file line.
    expect(await problem.locator("a[data-open]").innerText()).toBe("docker-compose.yml:12");
  });

  it("has the walkthrough with the guide's checklist", async () => {
    await focusFirstEditorGroup(page);
    await page.keyboard.press("Control+Shift+P");
    await pick(page, ">Welcome: Open Walkthrough", "Welcome: Open Walkthrough...");
    await pick(page, "Deploy on Elestio", "Deploy on Elestio without surprises");
    const walkthrough = page.locator(".gettingStartedContainer");
    for (const step of ["Push your changes to main", "update the dashboard's copy too", "Remove old containers", "Set variables in Dashboard → Environment variables", "No nginx, certbot or container_name"]) {
      await walkthrough.locator(".getting-started-step", { hasText: step }).first().waitFor({ state: "visible" });
    }
    await screenshot(page, "09-walkthrough");
    await page.keyboard.press("Control+W");
  });

  it("copies the compose file and opens the dashboard; the status bar follows the copy", async () => {
    await openFile(page, "docker-compose.yml");
    await expect.poll(() => elestioStatus(page).innerText()).toContain("Elestio: not copied from here yet");
    await screenshot(page, "10-status-not-copied");

    const dashboard = await copyAndOpenDashboard(session);
    expect(dashboard.url()).toBe(DASHBOARD_PAGE);
    expect(await dashboard.title()).toBe("Elestio dashboard");
    await dashboard.close();
    expect(session.dashboardRequests).toEqual([DASHBOARD_PAGE]);

    const told = notification(page, "docker-compose.yml copied.");
    await told.waitFor({ state: "visible" });
    expect(await told.innerText()).toContain("It holds a literal secret (line 14)");
    expect(await readClipboard(page)).toBe(onDisk("docker-compose.yml"));
    await expect.poll(() => elestioStatus(page).innerText()).toContain("Elestio: in sync with last copy");
    await screenshot(page, "11-copied-in-sync");

    await focusEditor(page);
    await page.keyboard.press("Control+End");
    await page.keyboard.type("# edited after the copy\n");
    await expect.poll(() => elestioStatus(page).innerText()).toContain("Elestio: changed since last copy");
    await screenshot(page, "12-changed-since-last-copy");

    await page.keyboard.press("Control+S");
    await notification(page, "docker-compose.yml changed since you last copied it").waitFor({ state: "visible" });
    await expect.poll(() => onDisk("docker-compose.yml")).toContain("# edited after the copy\n");
    await screenshot(page, "13-reminder-after-save");
  });

  it("logs the server and, with elestio.trace.server, the LSP messages in the Elestio Compose output channel", () => {
    const logs = readdirSync(join(session.server.home, "user-data", "logs"), { recursive: true, encoding: "utf8" }).filter((path) =>
      path.endsWith("Elestio Compose.log"),
    );
    expect(logs).toHaveLength(1);
    const log = readFileSync(join(session.server.home, "user-data", "logs", logs[0]), "utf8");
    expect(log).toMatch(/Elestio Compose language server \S+ \(locale en\)/);
    expect(log).toContain("Sending notification 'textDocument/didOpen'");
    expect(log).toContain("Received response 'elestio/explainLog");
  });

  it("fixes everything fixable on save with editor.codeActionsOnSave source.fixAll.elestio", async () => {
    await openFile(page, "save/compose.yaml");
    await activeEditor(page).locator(".squiggly-error").first().waitFor({ state: "visible", timeout: 30_000 });
    await page.keyboard.press("Control+S");
    const expected = fixture("save/compose.yaml").replace("    container_name: web\n", "").replace("    container_name: worker\n", "");
    await expect.poll(() => onDisk("save/compose.yaml"), { timeout: 30_000 }).toBe(expected);
    await expect.poll(() => activeEditor(page).locator(".squiggly-error").count()).toBe(0);
    await screenshot(page, "14-fixed-on-save");
  });

  it("shows the copy button and the status bar as soon as a configuration written outside the editor names the file", async () => {
    const copyButton = page.locator(".editor-group-container.active .editor-actions .codicon-cloud-upload");
    mkdirSync(join(session.workspace, "deploy"), { recursive: true });
    writeFileSync(join(session.workspace, "deploy", "stack.yml"), "services:\n  web:\n    image: nginx:1.27\n");
    await openFile(page, "deploy/stack.yml");
    await activeTab(page, "stack.yml").waitFor({ state: "visible" });
    // The editor toolbar follows the tab a moment later: the previous test's compose.yaml (a pipeline file) may
    // still show its button when the tab appears. Not a pipeline file yet, so the button must go (and stay gone).
    await copyButton.waitFor({ state: "hidden", timeout: 30_000 });
    expect(await copyButton.count()).toBe(0);

    // As a checkout or a pull would: on disk, with the file open and untouched in the editor.
    const config = join(session.workspace, ".elestio-compose.json");
    writeFileSync(config, `${JSON.stringify({ pipelineFiles: ["deploy/stack.yml"] })}\n`);
    await copyButton.waitFor({ state: "visible", timeout: 30_000 });
    await expect.poll(() => elestioStatus(page).innerText()).toContain("Elestio: not copied from here yet");
    await screenshot(page, "15-pipeline-file-by-configuration");

    rmSync(config);
    await copyButton.waitFor({ state: "hidden", timeout: 30_000 });
    await page.keyboard.press("Control+W");
  });

  it("imports the dashboard's variables, names only: from the clipboard, then pasted in the input box; the warning goes", async () => {
    const values = ["s3cr3t-e2e-django-key", "https://e2e-key@sentry.example/1"];
    mkdirSync(join(session.workspace, "vars"), { recursive: true });
    writeFileSync(
      join(session.workspace, "vars", "docker-compose.yaml"),
      'services:\n  app:\n    image: ghcr.io/acme/app:1\n    environment:\n      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY}\n      SENTRY_DSN: ${SENTRY_DSN}\n    ports:\n      - "172.17.0.1:8000:8000"\n',
    );
    const config = join(session.workspace, ".elestio-compose.json");
    await openFile(page, "vars/docker-compose.yaml");
    await showProblems(page);

    // The block as copied from Dashboard → Environment variables: the command takes it from the clipboard.
    await writeClipboard(page, `# production\nDJANGO_SECRET_KEY=${values[0]}\nexport DEBUG="0"\n`);
    await runCommand(page, "Elestio: Import the dashboard's variables");
    await notification(page, "Found 2 variable names and wrote them to .elestio-compose.json").waitFor({ state: "visible" });
    expect(onDisk(".elestio-compose.json")).toBe('{\n  "dashboardVariables": [\n    "DEBUG",\n    "DJANGO_SECRET_KEY"\n  ]\n}\n');
    // SENTRY_DSN, which the dashboard lacks, is now a warning; DJANGO_SECRET_KEY is not reported.
    await expect
      .poll(async () => (await problemsByFile(page))["docker-compose.yaml"], { timeout: 30_000 })
      .toEqual(["undefined-variable [Ln 6, Col 19]"]);
    await activeEditor(page).locator(".squiggly-warning").first().waitFor({ state: "visible" });
    await screenshot(page, "17-dashboard-variables-imported");

    // Something else on the clipboard: the command asks for the block, and the values typed there are masked.
    await writeClipboard(page, "not a block of variables");
    await runCommand(page, "Elestio: Import the dashboard's variables");
    const input = page.locator(".quick-input-widget input.input");
    await input.waitFor({ state: "visible" });
    expect(await input.getAttribute("type")).toBe("password");
    // An input box holds one line: the pairs arrive separated by blanks.
    await input.fill(`SENTRY_DSN=${values[1]} DJANGO_SECRET_KEY=${values[0]}`);
    await page.locator(".quick-input-widget", { hasText: "2 names: SENTRY_DSN, DJANGO_SECRET_KEY" }).waitFor({ state: "visible" });
    await page.keyboard.press("Enter");
    await expect.poll(() => onDisk(".elestio-compose.json")).toContain('"SENTRY_DSN"');
    expect(JSON.parse(onDisk(".elestio-compose.json"))).toEqual({ dashboardVariables: ["DEBUG", "DJANGO_SECRET_KEY", "SENTRY_DSN"] });
    for (const value of values) expect(onDisk(".elestio-compose.json")).not.toContain(value);
    await expect.poll(async () => (await problemsByFile(page))["docker-compose.yaml"] ?? [], { timeout: 30_000 }).toEqual([]);
    await expect.poll(() => activeEditor(page).locator(".squiggly-warning").count()).toBe(0);
    await screenshot(page, "18-dashboard-variables-warning-gone");

    // Nothing of a value reached the extension's log either.
    const logs = readdirSync(join(session.server.home, "user-data", "logs"), { recursive: true, encoding: "utf8" }).filter((path) => path.endsWith(".log"));
    for (const log of logs) {
      const text = readFileSync(join(session.server.home, "user-data", "logs", log), "utf8");
      for (const value of values) expect(text, log).not.toContain(value);
    }
    rmSync(config);
    await page.keyboard.press("Control+W");
  });
});

describe("in a Restricted Mode workspace, in French", () => {
  let session: Session | undefined;

  afterAll(async () => {
    await closeSession(session);
  });

  afterEach(async (context) => screenshotOnFailure(context, session?.page));

  it("still shows diagnostics and hovers, and ignores the workspace's dashboard URL", async () => {
    session = await openSession("untrusted", { trust: false, locale: "fr" });
    const { page } = session;
    // VS Code asks whether to trust the folder: the user says no.
    const distrust = dialogButton(page, /don.t trust/i).first();
    await distrust.waitFor({ state: "visible", timeout: 60_000 });
    await distrust.click();
    await page.locator(".statusbar-item", { hasText: /Restricted Mode|Mode restreint/i }).first().waitFor({ state: "visible" });

    await openFile(page, "docker-compose.yml");
    await activeEditor(page).locator(".squiggly-error").first().waitFor({ state: "visible", timeout: 60_000 });
    await expect.poll(() => elestioStatus(page).innerText()).toContain("Elestio : pas encore copié d’ici");
    await goTo(page, 4, 8);
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    const hover = page.locator(".monaco-hover", { hasText: "Logs du pipeline" }).first();
    await hover.waitFor({ state: "visible" });
    const french = await hover.innerText();
    expect(french).toContain('Conflict. The container name "/web" is already in use');
    expect(french).toMatch(/conteneur/);
    await screenshot(page, "15-restricted-mode-french-hover");
    await page.keyboard.press("Escape");

    // The workspace names another site as the dashboard: the compose file must not go there.
    const dashboard = await copyAndOpenDashboard(session, {
      command: "Elestio: Copier le fichier compose et ouvrir le dashboard",
      errors: /docker-compose\.yml contient une erreur Elestio/,
      copyAnyway: "Copier quand même",
    });
    expect(dashboard.url()).toBe("https://dash.elest.io/");
    await dashboard.close();
    expect(session.dashboardRequests).toEqual(["https://dash.elest.io/"]);
    await notification(page, "docker-compose.yml copié.").waitFor({ state: "visible" });
    await screenshot(page, "16-restricted-mode-default-dashboard");
  });
});
