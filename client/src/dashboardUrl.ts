/**
 * Which dashboard URL the copy command may open. The user is about to paste
 * a compose file, secrets and all, into that page, and a workspace setting
 * comes with a cloned repository: so a workspace may only point at Elestio's
 * own dashboard (https, elest.io or a subdomain). The user's own settings may
 * name any web page. No vscode import: unit-tested as is.
 */
export const DEFAULT_DASHBOARD_URL = "https://dash.elest.io/";

/** The values of `elestio.dashboardUrl` per scope, as `WorkspaceConfiguration.inspect` gives them. */
export interface DashboardUrlValues {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export type DashboardUrlScope = "user" | "workspace" | "workspaceFolder";

export interface ResolvedDashboardUrl {
  url: string;
  /** Where the URL comes from (`default` when no setting applies). */
  source: DashboardUrlScope | "default";
  /** Settings that were ignored, most specific first, with why. */
  rejected: { scope: DashboardUrlScope; value: string; reason: "not-elestio" | "not-web-url" }[];
}

function parse(value: string): URL | undefined {
  try {
    return new URL(value.trim());
  } catch {
    return undefined;
  }
}

/** An http(s) URL with no user name or password in it. */
function isWebUrl(value: string): boolean {
  const url = parse(value);
  return url !== undefined && (url.protocol === "https:" || url.protocol === "http:") && url.username === "" && url.password === "";
}

/** An https URL on elest.io or one of its subdomains, without credentials. */
export function isElestioDashboardUrl(value: string): boolean {
  const url = parse(value);
  if (!url || url.protocol !== "https:" || url.username !== "" || url.password !== "") return false;
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  return host === "elest.io" || host.endsWith(".elest.io");
}

export function resolveDashboardUrl(values: DashboardUrlValues): ResolvedDashboardUrl {
  const rejected: ResolvedDashboardUrl["rejected"] = [];
  const candidates: [DashboardUrlScope, unknown][] = [
    ["workspaceFolder", values.workspaceFolderValue],
    ["workspace", values.workspaceValue],
    ["user", values.globalValue],
  ];
  for (const [scope, raw] of candidates) {
    if (typeof raw !== "string" || raw.trim() === "") continue;
    const value = raw.trim();
    if (scope === "user") {
      if (isWebUrl(value)) return { url: value, source: scope, rejected };
      rejected.push({ scope, value, reason: "not-web-url" });
    } else {
      if (isElestioDashboardUrl(value)) return { url: value, source: scope, rejected };
      rejected.push({ scope, value, reason: "not-elestio" });
    }
  }
  return { url: DEFAULT_DASHBOARD_URL, source: "default", rejected };
}
