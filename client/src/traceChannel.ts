/**
 * The LSP trace output, steered by `elestio.trace.server`. vscode-languageclient
 * traces only while its trace channel's log level is Trace, which a user sets
 * through "Developer: Set Log Level…", not in settings. This channel reports
 * Trace while the setting is on and writes the trace into the "Elestio
 * Compose" channel at info level, so the setting alone turns tracing on and off.
 */
import * as vscode from "vscode";
import { SETTINGS_SECTION } from "../../server/src/protocol.js";

const TRACE_SETTING = `${SETTINGS_SECTION}.trace.server`;

function traceEnabled(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>("trace.server", "off") !== "off";
}

export function createTraceChannel(target: vscode.LogOutputChannel): vscode.LogOutputChannel {
  const levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  const level = () => (traceEnabled() ? vscode.LogLevel.Trace : target.logLevel);
  const subscriptions = [
    levelChanged,
    target.onDidChangeLogLevel(() => levelChanged.fire(level())),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(TRACE_SETTING)) levelChanged.fire(level());
    }),
  ];
  return {
    name: target.name,
    get logLevel() {
      return level();
    },
    onDidChangeLogLevel: levelChanged.event,
    trace: (message, ...args: unknown[]) => (traceEnabled() ? target.info(message, ...args) : target.trace(message, ...args)),
    debug: (message, ...args: unknown[]) => target.debug(message, ...args),
    info: (message, ...args: unknown[]) => target.info(message, ...args),
    warn: (message, ...args: unknown[]) => target.warn(message, ...args),
    error: (error, ...args: unknown[]) => target.error(error, ...args),
    append: (value) => target.append(value),
    appendLine: (value) => target.appendLine(value),
    replace: (value) => target.replace(value),
    clear: () => target.clear(),
    show: (preserveFocus?: boolean | vscode.ViewColumn, maybePreserve?: boolean) =>
      typeof preserveFocus === "boolean" || preserveFocus === undefined ? target.show(preserveFocus) : target.show(preserveFocus, maybePreserve),
    hide: () => target.hide(),
    dispose: () => {
      for (const subscription of subscriptions) subscription.dispose();
    },
  };
}
