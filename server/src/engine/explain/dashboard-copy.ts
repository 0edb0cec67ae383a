/**
 * `Creating docker compose file`: the pipeline overwrote the repository's
 * compose file with the dashboard's copy. Nothing in the file causes it.
 */
import { dashboardNote } from "../i18n/explain-texts.js";
import { firstMatch, type Explainer } from "./explainer.js";

export const dashboardCopy: Explainer = {
  id: "dashboard-copy",
  detect: (line) => firstMatch(/creating docker compose file/i, line).map(({ index }) => ({ index })),
  text: () => dashboardNote(true),
  ranges: () => [],
};
