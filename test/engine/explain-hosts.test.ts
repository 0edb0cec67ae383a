import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { explainLog } from "../../server/src/engine/explain.js";
import { lint, type Finding } from "../../server/src/engine/lint.js";
import { spanText } from "../helpers/spans.js";

const MODEL = parseCompose(
  'services:\n  web:\n    image: app:1\n    ports:\n      - "8000:8000"\n    environment:\n      ALLOWED_HOSTS: example.com\n      MY_ALLOWED_HOSTS: x\n',
);

/** The port the explanation says the request came in by, directly on the VM's IP; undefined when it says none. */
function directPortOf(log: string): string | undefined {
  const problem = explainLog(log, "en", MODEL).find((p) => p.id === "disallowed-host");
  expect(problem).toBeDefined();
  return /`<ip>:(\d+)`/.exec(problem!.explanation)?.[1];
}

describe("disallowed-host", () => {
  it.each([
    ["Invalid HTTP_HOST header: '159.195.104.193:8000'. You may need to add '159.195.104.193' to ALLOWED_HOSTS.", "8000"],
    ["Invalid HTTP_HOST header: '[2001:db8::1]:8000'.", "8000"],
    ["Invalid HTTP_HOST header: '[::1]:8000'.", "8000"],
    // A name that ends like an address is a name: the request came through a domain.
    ["Invalid HTTP_HOST header: 'node1.2.3.4:8000'.", undefined],
    ["Invalid HTTP_HOST header: '1.2.3.4:8000.example.com'.", undefined],
    ["Invalid HTTP_HOST header: 'example.com'.", undefined],
    // The first direct host of the log, after a domain.
    ["Invalid HTTP_HOST header: 'example.org'.\nInvalid HTTP_HOST header: '10.0.0.1:8000'.", "8000"],
    ["Invalid HTTP_HOST header:  '10.0.0.1:8000'.", "8000"], // two spaces
  ])("%j: direct port %s", (log, port) => {
    expect(directPortOf(log)).toBe(port);
  });

  it("a bare DisallowedHost line is the failure too", () => {
    expect(explainLog("django.core.exceptions.DisallowedHost", "en", MODEL).map((p) => p.id)).toEqual(["disallowed-host"]);
  });

  // The links: the public-port-binding finding at the port the host names, and ALLOWED_HOSTS (not a variable that ends in it).
  it.each([
    ["Invalid HTTP_HOST header: '10.0.0.1:8000'.", ['5:9-5:20 "8000:8000"', "7:7-7:33 ALLOWED_HOSTS: example.com"]],
    ["Invalid HTTP_HOST header: '[2001:db8::1]:8000'.", ['5:9-5:20 "8000:8000"', "7:7-7:33 ALLOWED_HOSTS: example.com"]],
    ["Invalid HTTP_HOST header: '[2001:db8::1]:9000'.", ["7:7-7:33 ALLOWED_HOSTS: example.com"]],
  ])("%j links", (log, ranges) => {
    const [problem] = explainLog(log, "en", MODEL);
    expect(problem.ranges.map((r) => spanText(MODEL, r))).toEqual(ranges);
  });

  it("links the port's public-port-binding finding only, at exactly its range", () => {
    const real = lint(MODEL, { isPipeline: true }).find((f) => f.ruleId === "public-port-binding")!;
    const findings: Finding[] = [
      { ...real, ruleId: "loopback-port-binding" },
      { ...real, end: real.end - 1 },
      { ...real, start: real.start + 1 },
    ];
    const [problem] = explainLog("Invalid HTTP_HOST header: '10.0.0.1:8000'.", "en", MODEL, { findings });
    expect(problem.ranges.map((r) => spanText(MODEL, r))).toEqual(["7:7-7:33 ALLOWED_HOSTS: example.com"]);
  });
});

describe("bad-gateway", () => {
  it.each([
    ['10.0.0.2 - - "GET / HTTP/1.1" 502 157', true],
    ['10.0.0.2 - - "GET / HTTP/1.1"  502 157', true],
    ['10.0.0.2 - - "GET / HTTP/1.1" 200 157', false],
  ])("%j", (line, found) => {
    expect(explainLog(line, "en", MODEL).some((p) => p.id === "bad-gateway")).toBe(found);
  });
});
