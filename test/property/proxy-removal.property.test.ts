/**
 * Removing a proxy leaves a valid compose project: no-tls-proxy-service's
 * fix takes every reference to the service it removes with it (depends_on in
 * both forms, links, volumes_from, `network_mode`/`ipc`/`pid: service:`), so
 * that after fix-all, and after each of its quick fixes alone, the
 * undefined-reference rule finds no service that it did not find before (a
 * reference already broken is not the fix's), and the removals are as safe
 * as every fix (support.ts: comments kept, no other node changed). On every file (the project's
 * in `npm test`, the corpus folder's in `npm run test:corpus`), and on
 * generated files (test/generators/compose.ts's, with proxies of every kind
 * inserted and named in every way by other services, and comments and blank
 * lines anywhere).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { fixAll } from "../../server/src/engine/fixes.js";
import { lint, type Finding } from "../../server/src/engine/lint.js";
import { RULES_BY_ID } from "../../server/src/engine/rules/index.js";
import { applyEdits } from "../../server/src/engine/text.js";
import { generateCompose } from "../generators/compose.js";
import { benignMutationsArb, corpus, corpusLabel, editViolations, excerpt, fixAllPasses, fixViolations, floorFor, FUZZ, lintStrict, mutateAll, SEED } from "./support.js";

const RULE_ID = "no-tls-proxy-service";
const PIPELINE = { isPipeline: true };

/** The undefined-reference rule's messages about a service that is not defined. */
const UNDEFINED_SERVICE = new Set(["undefinedService", "undefinedServiceSuggestion", "extendsOtherDocument"]);

/** The names of undefined services the undefined-reference rule reports, as written, with how often. */
function undefinedServices(text: string): Map<string, number> {
  const errors: unknown[] = [];
  const findings = lint(parseCompose(text), { ...PIPELINE, rules: [RULES_BY_ID.get("undefined-reference")!], onRuleError: (_, error) => errors.push(error) });
  if (errors.length > 0) throw errors[0];
  const names = new Map<string, number>();
  for (const finding of findings) {
    if (!UNDEFINED_SERVICE.has(finding.messageId)) continue;
    const name = text.slice(finding.start, finding.end);
    names.set(name, (names.get(name) ?? 0) + 1);
  }
  return names;
}

/** The undefined services `after` has more of than `before`: the references a fix broke. */
function newlyUndefined(before: string, after: string): string[] {
  const was = undefinedServices(before);
  return [...undefinedServices(after)].filter(([name, count]) => count > (was.get(name) ?? 0)).map(([name]) => name);
}

interface Tally {
  files: number;
  /** Files where the rule offered a fix. */
  withProxies: number;
  quickFixes: number;
}

/** The problems of one text: references broken by fix-all (every rule), or by one of the rule's quick fixes alone. */
function check(name: string, text: string, tally: Tally): string[] {
  tally.files++;
  const lintAll = (current: string) => lintStrict(current, PIPELINE);
  const findings = lintAll(text).filter((f: Finding) => f.ruleId === RULE_ID && f.fix);
  if (findings.length === 0) return [];
  tally.withProxies++;
  const problems: string[] = [];
  const mustParse = parseCompose(text).syntaxErrors.length === 0;
  const { text: fixed, passes } = fixAllPasses(text, lintAll);
  for (const broken of newlyUndefined(text, fixed)) problems.push(`${name}: fix-all leaves a reference to the removed service "${broken}"`);
  // And the removals are as safe as every fix (support.ts): comments kept, nothing else changed.
  for (const [index, pass] of passes.entries()) for (const problem of editViolations(pass.before, pass.edits, mustParse)) problems.push(`${name}: fix-all pass ${index + 1}: ${problem}`);
  for (const finding of findings) {
    tally.quickFixes++;
    const after = applyEdits(text, finding.fix!.edits);
    const proxy = text.slice(finding.start, finding.end);
    for (const broken of newlyUndefined(text, after)) problems.push(`${name}: the quick fix of ${proxy} leaves a reference to "${broken}"`);
    for (const problem of fixViolations(text, finding, PIPELINE, mustParse)) problems.push(`${name}: the quick fix of ${proxy}: ${problem}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Generated files: proxies of every kind, named in every way.

/** A proxy (or certbot, or companion) service named `name`, as the rule knows them. */
const PROXIES: readonly ((name: string) => string[])[] = [
  (name) => [`  ${name}:`, "    image: nginx:1.27", "    ports:", '      - "80:80"'],
  (name) => [`  ${name}:`, "    image: traefik:v3.1", "    command:", '      - "--certificatesresolvers.le.acme.email=ops@example.com"', '    ports: ["172.17.0.1:8080:80"]'],
  (name) => [`  ${name}:`, "    image: certbot/certbot", "    volumes:", "      - ./certbot/conf:/etc/letsencrypt"],
  (name) => [`  ${name}:`, "    image: steveltn/https-portal:1", "    environment:", "      DOMAINS: 'example.com -> http://app:8000'"],
  (name) => [`  ${name}:`, "    image: caddy:2", "    network_mode: host"],
  (name) => [`  ${name}:`, "    image: caddy:2", '    ports: ["8443:443"]', "    volumes:", "      - ./caddy:/data"],
  (name) => [`  ${name}:`, "    image: bunkerity/bunkerweb-scheduler:1.6", "    environment:", "      - AUTO_LETS_ENCRYPT=yes"],
  (name) => [`  ${name}:`, "    image: jwilder/nginx-proxy", "    ports:", '      - "443:443"', "    volumes:", "      - certs:/etc/nginx/certs"],
  (name) => [`  ${name}:`, "    image: nginxproxy/acme-companion:2.6"],
  (name) => [`  ${name}:`, "    image: traefik:v3.1", '    ports: ["172.17.0.1:8081:80"]', "    labels:", `      - traefik.http.routers.${name}.tls.certresolver=le`],
  (name) => [`  ${name}:`, "    image: httpd:2.4", '    network_mode: "host"'],
];

/** A key of a referencing service, written for the proxies it names (and `ref-db`, which stays); at most one of each `key` per service. */
const REFERENCE_KEYS: readonly { key: string; lines: (names: readonly string[], choose: () => boolean) => string[] }[] = [
  { key: "depends_on", lines: (names) => ["    depends_on:", ...names.map((n) => `      - ${n}`), "      - ref-db"] },
  { key: "depends_on", lines: (names) => ["    depends_on:", ...names.flatMap((n) => [`      ${n}:`, "        condition: service_started"])] },
  { key: "depends_on", lines: (names) => [`    depends_on: [${names.join(", ")}]`] },
  { key: "links", lines: (names, choose) => ["    links:", ...names.map((n) => (choose() ? `      - ${n}:alias-${n}` : `      - "${n}"`))] },
  { key: "links", lines: (names) => [`    links: [${[...names, "ref-db"].join(", ")}]`] },
  { key: "volumes_from", lines: (names, choose) => ["    volumes_from:", ...names.map((n) => (choose() ? `      - ${n}:ro` : `      - ${n}`)), "      - container:outside"] },
  { key: "volumes_from", lines: (names) => ["    volumes_from:", ...names.map((n) => `      - service:${n}:rw`)] },
  { key: "network_mode", lines: (names) => [`    network_mode: "service:${names[0]}"`] },
  { key: "ipc", lines: (names) => [`    ipc: service:${names[0]}`, `    pid: service:${names[names.length - 1]}`] },
];

const plantArb = fc.record({
  base: fc.record({ lines: fc.integer({ min: 10, max: 120 }), seed: fc.integer(), faults: fc.boolean() }),
  proxies: fc.array(fc.nat({ max: PROXIES.length - 1 }), { minLength: 1, maxLength: 4 }),
  referencing: fc.array(fc.array(fc.nat({ max: REFERENCE_KEYS.length - 1 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
  anchored: fc.boolean(),
  crlf: fc.boolean(),
  /** Which proxies each key names, and how (an alias or not, a mode or not): read in turn. */
  choices: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
  /** Comments and blank lines anywhere, or none: fixes must step around them. */
  mutations: fc.oneof(fc.constant([]), benignMutationsArb),
});

type Plan = typeof plantArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * generateCompose's file with the proxies and the services naming them
 * inserted at the top of `services:`, and, when `anchored`, a `depends_on`
 * naming them shared through an `x-` anchor.
 */
function plant(plan: Plan): string {
  let pick = 0;
  const choose = () => plan.choices[pick++ % plan.choices.length];
  const base = generateCompose(plan.base);
  const names = plan.proxies.map((_, i) => `px-${i}`);
  const lines: string[] = [];
  plan.proxies.forEach((kind, i) => lines.push(...PROXIES[kind](names[i])));
  plan.referencing.forEach((keys, i) => {
    lines.push(`  ref-${i}:`, "    image: app");
    const written = new Set<string>();
    for (const index of keys) {
      const { key, lines: write } = REFERENCE_KEYS[index];
      if (written.has(key)) continue;
      written.add(key);
      const named = names.filter(() => choose());
      lines.push(...write(named.length > 0 ? named : [names[0]], choose));
    }
  });
  if (plan.anchored) lines.push("  ref-shared:", "    image: app", "    depends_on: *proxy-deps");
  lines.push("  ref-db:", "    image: postgres:16");
  const anchor = plan.anchored ? ["x-proxy-deps: &proxy-deps", ...names.map((n) => `  - ${n}`), "  - ref-db", ""] : [];
  const text = base.replace(/^services:\n/m, () => `${anchor.join("\n")}services:\n${lines.join("\n")}\n`);
  return mutateAll(plan.crlf ? text.replace(/\n/g, "\r\n") : text, plan.mutations);
}

describe("removing a proxy leaves no reference to it", () => {
  it("on every file: after fix-all and after each quick fix alone, no service is newly undefined", () => {
    const tally: Tally = { files: 0, withProxies: 0, quickFixes: 0 };
    const problems: string[] = [];
    for (const file of corpus()) problems.push(...check(file.rel, file.text, tally));
    console.info(`[reliability] proxy removal on ${corpusLabel()}: ${tally.withProxies} files with a proxy removed, ${tally.quickFixes} quick fixes`);
    expect(problems).toEqual([]);
    // 13 quick fixes on the project's files and 38 on the shared corpus when set: a file set that lost its proxies fails.
    expect(tally.quickFixes, corpusLabel()).toBeGreaterThan(floorFor({ project: 8, shared: 30 }));
  });

  it("on generated files with proxies of every kind named in every way, in both line endings", () => {
    const tally: Tally = { files: 0, withProxies: 0, quickFixes: 0 };
    fc.assert(
      fc.property(plantArb, (plan) => {
        const text = plant(plan);
        // A comment or blank line inserted in a block scalar's place may break it: those files say nothing here.
        if (parseCompose(text).syntaxErrors.length > 0) return;
        const problems = check(`planted(${JSON.stringify(plan)})`, text, tally);
        expect(problems, excerpt(text, 4000)).toEqual([]);
        // Not vacuous: every planted proxy goes.
        const fixed = fixAll(text, (current) => lintStrict(current, PIPELINE)).text;
        const left = parseCompose(fixed).services.filter((s) => s.name.startsWith("px-")).map((s) => s.name);
        expect(left, excerpt(fixed, 4000)).toEqual([]);
      }),
      { numRuns: FUZZ ? 500 : 40, seed: SEED },
    );
    console.info(`[reliability] planted proxies: ${tally.files} files, ${tally.quickFixes} quick fixes`);
    expect(tally.withProxies).toBe(tally.files);
    expect(tally.files).toBeGreaterThan(FUZZ ? 250 : 20);
  });
});
