/**
 * The hover of a `ports` item whose parts a variable without a default
 * decides: it names the part the variable decides (the address, the
 * container port, the protocol or the host port) and shows a container port as written,
 * never as the empty text compose reads when the variable is unset.
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { hover } from "../../server/src/engine/hover/index.js";
import type { Language } from "../../server/src/engine/i18n/index.js";

const CODE = 'services:\n  web:\n    image: app:1\n    ports:\n      - "8080:${APP_PORT}"\n      - "${BIND}:8081:80"\n      - "${HOST_PORT}:80"\n      - "8082:80/${PROTO}"\n      - "${PORT_PREFIX}8083:80/tcp"\n';

/** The hover's first sentences, on the item holding `at`. */
function opening(at: string, language: Language, sentences: number): string | undefined {
  const model = parseCompose(CODE);
  // The last item's `:80` for the host port's case: its variable has a hover of its own.
  const result = hover(model, [], at === ':80"' ? CODE.lastIndexOf(at) : CODE.indexOf(at), language, { isPipeline: true });
  return result?.markdown.split(/(?<=\.) /).slice(0, sentences).join(" ");
}

describe("a ports item a variable decides", () => {
  it.each([
    [
      "8080:",
      "en",
      "**Publishes host port 8080** → container port ${APP_PORT}, on every interface. The container port comes from a variable without a default: on the pipeline, its value is set in **Dashboard → Environment variables**; unset, compose refuses the port.",
    ],
    [
      "8080:",
      "fr",
      "**Publie le port hôte 8080** → port ${APP_PORT} du conteneur, sur toutes les interfaces. Le port du conteneur vient d'une variable sans valeur par défaut : sur le pipeline, sa valeur se définit dans **Dashboard → Environment variables** ; si elle manque, compose refuse le port.",
    ],
    [
      "8081",
      "en",
      "**Publishes host port 8081** → container port 80, on every interface. The address comes from a variable without a default: on the pipeline, its value is set in **Dashboard → Environment variables**; unset, the port is open on every interface.",
    ],
    [
      "8081",
      "fr",
      "**Publie le port hôte 8081** → port 80 du conteneur, sur toutes les interfaces. L'adresse vient d'une variable sans valeur par défaut : sur le pipeline, sa valeur se définit dans **Dashboard → Environment variables** ; si elle manque, le port est ouvert sur toutes les interfaces.",
    ],
    [":80\"", "en", "The host port comes from a variable without a default: on the pipeline, its value is set in **Dashboard → Environment variables**."],
    [
      "8082",
      "en",
      "**Publishes host port 8082** → container port 80, on every interface. The protocol comes from a variable without a default: on the pipeline, its value is set in **Dashboard → Environment variables**; unset, the port is TCP.",
    ],
    [
      // The variable before the digits is unset: the host port reads 8083, and the protocol is written out.
      "8083",
      "en",
      "**Publishes host port 8083** → container port 80, on every interface. The host port comes from a variable without a default: on the pipeline, its value is set in **Dashboard → Environment variables**.",
    ],
    [
      "8082",
      "fr",
      "**Publie le port hôte 8082** → port 80 du conteneur, sur toutes les interfaces. Le protocole vient d'une variable sans valeur par défaut : sur le pipeline, sa valeur se définit dans **Dashboard → Environment variables** ; si elle manque, le port est en TCP.",
    ],
  ] as const)("%s (%s)", (at, language, expected) => {
    expect(opening(at, language, at === ':80"' ? 1 : 2)).toBe(expected);
  });

  it.each([
    ["en", "**No container port**: the entry names no port inside the container (`target: 8000`)."],
    ["fr", "**Aucun port du conteneur** : l'entrée ne nomme aucun port à l'intérieur du conteneur (`target: 8000`)."],
  ] as const)("an entry without a container port says so, not an empty port (%s)", (language, expected) => {
    const text = "services:\n  web:\n    image: app:1\n    ports:\n      - protocol: tcp\n      - \"8000:\"\n";
    const model = parseCompose(text);
    for (const at of ["protocol", "8000:"]) expect(hover(model, [], text.indexOf(at) + 1, language, { isPipeline: true })?.markdown, at).toBe(expected);
  });

  it("the way to keep it private keeps the container port's variable", () => {
    const model = parseCompose(CODE);
    expect(hover(model, [], CODE.indexOf("8080:"), "en", { isPipeline: true })?.markdown).toContain('To keep it private: `"172.17.0.1:8080:${APP_PORT}"`.');
  });
});
