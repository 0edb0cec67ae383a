/** What package.json contributes, checked against the client's code and the nls files. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Commands } from "../../server/src/protocol.js";

const ROOT = join(__dirname, "../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const pkg = JSON.parse(read("package.json"));
const nls: Record<"en" | "fr", Record<string, string>> = { en: JSON.parse(read("package.nls.json")), fr: JSON.parse(read("package.nls.fr.json")) };
const clientSources = readdirSync(join(ROOT, "client/src"))
  .map((file) => read(`client/src/${file}`))
  .join("\n");

/** Every `%key%` that VS Code replaces from package.nls*.json. */
function nlsKeys(value: unknown, keys = new Set<string>()): Set<string> {
  if (typeof value === "string") {
    const match = /^%([^%\s]+)%$/.exec(value);
    if (match) keys.add(match[1]);
  } else if (Array.isArray(value)) value.forEach((item) => nlsKeys(item, keys));
  else if (value && typeof value === "object") Object.values(value).forEach((item) => nlsKeys(item, keys));
  return keys;
}

/** French typography outside code spans, quoted literals and links: a space before : ; ? ! */
function typographyFaults(text: string): string[] {
  const prose = text
    .replace(/`[^`]*`/g, "")
    .replace(/« [^»]* »/g, "")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/https?:\/\/\S+/g, "");
  return [...prose.matchAll(/(\S)([:;?!])(?=\s|$)/g)].filter((match) => !/\d/.test(match[1])).map((match) => match[0]);
}

describe("package.json", () => {
  it("activates on compose and YAML documents only, never at startup", () => {
    expect(pkg.activationEvents).toEqual(["onLanguage:dockercompose", "onLanguage:yaml"]);
    expect(pkg.main).toBe("./dist/client.js");
  });

  it("targets VS Code 1.91 and later with vscode-languageclient 10 or 11", () => {
    expect(pkg.engines.vscode).toBe("^1.91.0");
    expect(pkg.devDependencies["@types/vscode"]).toMatch(/^[~^]?1\.91\./);
    // A devDependency: the client is bundled into dist/client.js, so the npm package installs nothing.
    expect({ ...pkg.dependencies, ...pkg.devDependencies }["vscode-languageclient"]).toMatch(/^\^1[01]\./);
  });

  it("supports untrusted workspaces, except for the dashboard URL", () => {
    expect(pkg.capabilities.untrustedWorkspaces).toEqual({
      supported: "limited",
      description: "%capabilities.untrustedWorkspaces%",
      restrictedConfigurations: ["elestio.dashboardUrl"],
    });
  });

  it("contributes the commands the client registers, with their menus", () => {
    const ids = pkg.contributes.commands.map((command: { command: string }) => command.command);
    expect(ids).toEqual(
      expect.arrayContaining(["elestio.openDashboardAndCopyCompose", "elestio.explainPipelineLog", "elestio.explainTerminalSelection"]),
    );
    // The ids live in protocol.ts, which client and server share; the client names each through Commands.
    expect([...ids].sort()).toEqual(Object.values(Commands).sort());
    for (const [key, id] of Object.entries(Commands)) expect(clientSources, `the client uses ${id}`).toContain(`Commands.${key}`);
    for (const [menu, items] of Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>))
      for (const item of items) expect(ids, `${menu} → ${item.command}`).toContain(item.command);
    const nlsTitle = (id: string) => nls.en[/^%(.+)%$/.exec(pkg.contributes.commands.find((c: { command: string }) => c.command === id).title)![1]];
    expect(`Elestio: ${nlsTitle("elestio.openDashboardAndCopyCompose")}`).toBe("Elestio: Copy compose file and open dashboard");
    expect(`Elestio: ${nlsTitle("elestio.explainPipelineLog")}`).toBe("Elestio: Explain a pipeline error");
    expect(pkg.contributes.menus["editor/title"]).toEqual([
      { command: "elestio.openDashboardAndCopyCompose", when: "elestio.activeIsPipelineFile", group: "navigation@90" },
    ]);
    expect(clientSources).toContain('"elestio.activeIsPipelineFile"');
  });

  it("has the walkthrough with the guide's checklist", () => {
    const [walkthrough] = pkg.contributes.walkthroughs;
    expect(nls.en[walkthrough.title.slice(1, -1)]).toBe("Deploy on Elestio without surprises");
    const steps = walkthrough.steps.map((step: { id: string }) => step.id);
    expect(steps).toEqual(["pushOnMain", "updateDashboardCopy", "noOldContainers", "variablesInDashboard", "noProxyInCompose", "explainErrors"]);
    const description = (id: string, language: "en" | "fr") =>
      nls[language][walkthrough.steps.find((step: { id: string }) => step.id === id).description.slice(1, -1)];
    for (const language of ["en", "fr"] as const) {
      expect(description("pushOnMain", language)).toMatch(/\bmain\b/);
      expect(description("updateDashboardCopy", language)).toContain("(command:elestio.openDashboardAndCopyCompose)");
      expect(description("noOldContainers", language)).toContain("docker ps -a --filter name=");
      expect(description("variablesInDashboard", language)).toMatch(/\.env\b/);
      expect(description("noProxyInCompose", language)).toMatch(/nginx.*certbot.*container_name/s);
      // Walkthrough descriptions render links, **bold**, __italic__ and ``preformatted`` text, not markdown's
      // single-backtick code spans or HTML: a lone backtick, or a `<` outside ``…``, shows as it is written.
      for (const id of steps) {
        const outsideCode = description(id, language).replace(/``[^`]*``/g, "");
        expect(outsideCode, `${id} (${language})`).not.toMatch(/[`<>]/);
      }
    }
  });

  it("shows a markdown page beside each walkthrough step, in English and French", () => {
    for (const step of pkg.contributes.walkthroughs.flatMap((walkthrough: { steps: unknown[] }) => walkthrough.steps) as { id: string; media: { markdown?: string } }[]) {
      const page = step.media.markdown;
      expect(page, `${step.id}: its media is a page of docs/walkthrough/`).toMatch(/^docs\/walkthrough\/[\w-]+\.md$/);
      // VS Code shows `<page>.nls.<locale>.md` in place of `<page>.md` when it exists.
      for (const file of [page!, page!.replace(/\.md$/, ".nls.fr.md")]) expect(existsSync(join(ROOT, file)), file).toBe(true);
    }
  });

  it("says every UI text in English and French", () => {
    const used = nlsKeys(pkg);
    for (const language of ["en", "fr"] as const) {
      expect([...used].filter((key) => !(key in nls[language])), `${language}: missing`).toEqual([]);
      expect(Object.keys(nls[language]).filter((key) => !used.has(key)), `${language}: unused`).toEqual([]);
    }
    const sameInBothLanguages = new Set(["config.title", "walkthrough.media.altText"]);
    for (const key of used) {
      if (!sameInBothLanguages.has(key)) expect(nls.fr[key], key).not.toBe(nls.en[key]);
      expect(typographyFaults(nls.fr[key]), `${key}: ${nls.fr[key]}`).toEqual([]);
    }
  });
});
