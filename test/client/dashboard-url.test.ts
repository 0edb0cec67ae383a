import { describe, expect, it } from "vitest";
import { DEFAULT_DASHBOARD_URL, isElestioDashboardUrl, resolveDashboardUrl } from "../../client/src/dashboardUrl.js";

describe("which dashboard URL the copy command opens", () => {
  it.each([
    ["https://dash.elest.io/", true],
    ["https://dash.elest.io/deploy?pipeline=42#compose", true],
    ["https://elest.io/", true],
    ["https://DASH.ELEST.IO./projects", true],
    ["https://dash.elest.io:8443/", true],
    ["http://dash.elest.io/", false],
    ["https://elest.io.evil.example/", false],
    ["https://evilelest.io/", false],
    ["https://dash.elest.io@evil.example/", false],
    ["https://user:pw@dash.elest.io/", false],
    ["https://evil.example/?next=dash.elest.io", false],
    ["javascript:alert(1)//elest.io", false],
    ["file:///etc/passwd", false],
    ["dash.elest.io", false],
    ["", false],
  ])("%s is an Elestio dashboard address: %s", (url, expected) => {
    expect(isElestioDashboardUrl(url)).toBe(expected);
  });

  it("defaults to the dashboard", () => {
    expect(resolveDashboardUrl({})).toEqual({ url: DEFAULT_DASHBOARD_URL, source: "default", rejected: [] });
    expect(resolveDashboardUrl({ globalValue: "  " }).url).toBe(DEFAULT_DASHBOARD_URL);
  });

  it("a workspace may name a pipeline's page on elest.io, and wins over the user's setting", () => {
    expect(
      resolveDashboardUrl({ globalValue: "https://dash.elest.io/", workspaceValue: "https://dash.elest.io/pipelines/7" }),
    ).toEqual({ url: "https://dash.elest.io/pipelines/7", source: "workspace", rejected: [] });
    expect(
      resolveDashboardUrl({ workspaceValue: "https://dash.elest.io/a", workspaceFolderValue: "https://dash.elest.io/b" }).url,
    ).toBe("https://dash.elest.io/b");
  });

  it("a workspace cannot send the compose file elsewhere: its value is ignored, the user's or the default applies", () => {
    expect(resolveDashboardUrl({ workspaceValue: "https://collect.evil.example/paste" })).toEqual({
      url: DEFAULT_DASHBOARD_URL,
      source: "default",
      rejected: [{ scope: "workspace", value: "https://collect.evil.example/paste", reason: "not-elestio" }],
    });
    expect(
      resolveDashboardUrl({ globalValue: "https://my-proxy.example/elestio", workspaceFolderValue: "http://dash.elest.io/" }),
    ).toEqual({
      url: "https://my-proxy.example/elestio",
      source: "user",
      rejected: [{ scope: "workspaceFolder", value: "http://dash.elest.io/", reason: "not-elestio" }],
    });
  });

  it("the user's own setting may name any web page, but nothing else", () => {
    expect(resolveDashboardUrl({ globalValue: "http://localhost:8080/" }).url).toBe("http://localhost:8080/");
    expect(resolveDashboardUrl({ globalValue: "command:workbench.action.reloadWindow" })).toEqual({
      url: DEFAULT_DASHBOARD_URL,
      source: "default",
      rejected: [{ scope: "user", value: "command:workbench.action.reloadWindow", reason: "not-web-url" }],
    });
  });
});
