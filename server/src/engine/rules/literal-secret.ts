import { serviceBuild } from "../compose/build.js";
import { serviceCommandWords, type CommandScriptWord } from "../compose/commandScripts.js";
import { serviceEnvironment, type EnvironmentVariable } from "../compose/environment.js";
import { findInterpolations, resolveDefaults, type Interpolation } from "../compose/interpolation.js";
import { serviceLabels } from "../compose/labels.js";
import { serviceModelFact, type ComposeModel, type Service, type Span } from "../compose/model.js";
import { contentStart } from "../compose/scalars.js";
import type { OffsetEdit } from "../text.js";
import type { Rule } from "./types.js";

const SECRET_SEGMENT = /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|APIKEY|PRIVATEKEY/;
/** Segments that name a secret only at the end of a name, after another: `SMTP_PASS`, `MYSQL_PWD`, `RABBITMQ_ERLANG_COOKIE` (not `PASS_HOST_HEADER`, `COOKIE_DOMAIN`, the shell's `PWD`). */
const LAST_SECRET_SEGMENT = new Set(["PASS", "PWD", "COOKIE"]);
/** Words after the secret one that make the name a setting about the secret, not the secret: `ACCESS_TOKEN_EXPIRE_MINUTES`, `PASSWORD_MIN_LENGTH`, `password_encryption`. */
const QUALIFIER = new Set(["EXPIRE", "EXPIRES", "EXPIRY", "EXPIRATION", "TTL", "LIFETIME", "TIMEOUT", "LENGTH", "ALGORITHM", "ENABLED", "REQUIRED", "POLICY", "URL", "URI", "ENDPOINT", "PATH", "TYPE", "HEADER", "NAME", "ENCRYPTION"]);
/** Flags and public halves: `MYSQL_ALLOW_EMPTY_PASSWORD`, `MYSQL_RANDOM_ROOT_PASSWORD`, `S3_ACCESS_KEY` (the key's id, paired with a secret key), `STRIPE_PUBLISHABLE_KEY`. */
const NOT_SECRET = /ALLOW_EMPTY|RANDOM_ROOT_PASSWORD|^ACCESS_KEY$|(?<!SECRET)_ACCESS_KEY$|(?:^|_)(?:PUBLIC|PUBLISHABLE)_KEY$/;

/**
 * A variable name that says it holds a secret: `DB_PASSWORD`, `JWT_SECRET`,
 * `GITHUB_TOKEN`, `STRIPE_API_KEY`, `SSH_PRIVATE_KEY`, `APP_KEY`,
 * `GPG_PASSPHRASE`, and at the end of a name `SMTP_PASS`, `MYSQL_PWD`,
 * `RABBITMQ_ERLANG_COOKIE`; not `*_FILE` (a path to the secret) nor `*_KEY_ID`.
 */
export function isSecretName(name: string): boolean {
  let answer = secretNames.get(name);
  if (answer === undefined) {
    // Files repeat the same few names in every service: each is judged once (the memo is reset if a file has very many).
    if (secretNames.size > 10_000) secretNames.clear();
    answer = judgeSecretName(name);
    secretNames.set(name, answer);
  }
  return answer;
}

const secretNames = new Map<string, boolean>();

function judgeSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (upper.endsWith("_FILE") || upper.endsWith("_KEY_ID") || NOT_SECRET.test(upper)) return false;
  const segments = upper.split("_");
  const lastIndex = segments.length - 1;
  if (lastIndex > 0 && LAST_SECRET_SEGMENT.has(segments[lastIndex])) return true;
  let last = -1;
  segments.forEach((segment, i) => {
    const key = segment === "KEY" && i > 0 && (i === lastIndex || segments[i - 1] === "API" || segments[i - 1] === "PRIVATE");
    if (key || SECRET_SEGMENT.test(segment)) last = i;
  });
  return last >= 0 && !segments.slice(last + 1).some((s) => QUALIFIER.has(s));
}

/**
 * Values that hold no secret: empty quotes, booleans, `none`, `null`, `0`
 * (placeholders that say "no value"), a path to a secret file, and a `$$VAR`
 * escape, which leaves the variable to the container. `changeme` and the like
 * are committed secrets: the app uses them as they are.
 */
const NOT_SECRET_VALUE = /^(?:true|false|yes|no|on|off|none|null|nil|0|""|''|\/[\w./-]+|\$\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)$/i;

export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return trimmed === "" || NOT_SECRET_VALUE.test(trimmed);
}

/** Text outside the interpolations: what stays literal whatever the variables hold. */
function literalPart(text: string, interpolations: readonly Interpolation[]): string {
  let literal = "";
  let cursor = 0;
  for (const item of interpolations) {
    literal += text.slice(cursor, item.start);
    cursor = item.end;
  }
  return (literal + text.slice(cursor)).trim();
}

/** A written text without interpolation, as compose reads it (`$$` is `$`); undefined when a variable takes part. */
function literalValue(text: string): string | undefined {
  return findInterpolations(text).length === 0 ? text.replace(/\$\$/g, "$") : undefined;
}

/** The text with each interpolation blanked out (same length): separators inside `${...}` are not syntax of the value. */
function maskInterpolations(text: string): string {
  let masked = "";
  let cursor = 0;
  for (const item of findInterpolations(text)) {
    masked += text.slice(cursor, item.start) + "\u0000".repeat(item.end - item.start);
    cursor = item.end;
  }
  return masked + text.slice(cursor);
}

export interface UrlPassword {
  /** Offsets of the password in the scanned text, between `user:` and `@`. */
  start: number;
  end: number;
  scheme: string;
}

const SCHEME = /([A-Za-z][A-Za-z0-9+.-]*):\/\//g;

/**
 * The passwords of the URLs in a value (`postgres://user:pass@host/db`,
 * `redis://:pass@redis:6379`), as offsets into it: the authority runs to the
 * first `/`, `?`, `#`, space or quote, and its user information to its last
 * `@` (an `@` in a password should be `%40`, but is often not). Separators
 * inside `${...}` do not count. A URL without a password (`user@host`,
 * `https://host`) has none.
 */
export function urlPasswords(text: string): UrlPassword[] {
  const masked = maskInterpolations(text);
  const found: UrlPassword[] = [];
  SCHEME.lastIndex = 0;
  for (let match = SCHEME.exec(masked); match; match = SCHEME.exec(masked)) {
    const authorityStart = match.index + match[0].length;
    let authorityEnd = authorityStart;
    while (authorityEnd < masked.length && !/[\s/?#'"]/.test(masked[authorityEnd])) authorityEnd++;
    SCHEME.lastIndex = Math.max(SCHEME.lastIndex, authorityEnd);
    const authority = masked.slice(authorityStart, authorityEnd);
    const at = authority.lastIndexOf("@");
    const colon = at < 0 ? -1 : authority.slice(0, at).indexOf(":");
    if (colon < 0) continue;
    found.push({ start: authorityStart + colon + 1, end: authorityStart + at, scheme: match[1].toLowerCase() });
  }
  return found;
}

/** Segments of a connection variable's name that say "URL", dropped to name its password. */
const URL_SEGMENTS = new Set(["URL", "URI", "URLS", "DSN", "CONNECTION", "CONN", "STRING", "CONNSTR"]);

/**
 * The variable a URL's password moves to, named after the URL's variable:
 * `DATABASE_URL` → `DATABASE_PASSWORD`, `CELERY_BROKER_URL` →
 * `CELERY_BROKER_PASSWORD`, `DB_CONNECTION_URI` → `DB_PASSWORD`; a name that
 * is all URL words (`URL`) keeps them: `URL_PASSWORD`. Lower-case names get
 * `_password`.
 */
export function passwordVariableName(name: string): string {
  const suffix = name === name.toLowerCase() ? "password" : "PASSWORD";
  const kept = name.split("_").filter((s) => s !== "" && !URL_SEGMENTS.has(s.toUpperCase()));
  return kept.length === 0 ? `${name}_${suffix}` : [...kept, suffix].join("_");
}

/** An `environment` variable or a build argument: a name, its value, where it is written. */
interface ValueItem {
  name: string;
  value: string | undefined;
  form: "list" | "map";
  node: EnvironmentVariable["node"];
  valueSpan: Span;
  raw: string;
  editable: boolean;
  flow: boolean;
  /** The whole entry (`KEY: value`, `KEY=value`). */
  span: Span;
  /** `build.args` rather than `environment`. */
  buildArg: boolean;
}

/** The service's environment variables and build args, once per service of a parse. */
function valueItems(model: ComposeModel, service: Service): readonly ValueItem[] {
  return serviceModelFact(model, service, readValueItems);
}

function readValueItems(model: ComposeModel, service: Service): ValueItem[] {
  return [...environmentItems(model, service), ...buildArgItems(model, service)];
}

function environmentItems(model: ComposeModel, service: Service): ValueItem[] {
  return serviceEnvironment(model, service).map((v) => ({ ...v, buildArg: false }));
}

function buildArgItems(model: ComposeModel, service: Service): ValueItem[] {
  return (serviceBuild(model, service)?.args ?? []).map((arg) => {
    const block = arg.node?.type === "BLOCK_LITERAL" || arg.node?.type === "BLOCK_FOLDED";
    return { name: arg.name, value: arg.value, form: arg.form, node: arg.node, span: arg.span, valueSpan: arg.valueSpan, raw: arg.raw, editable: !!arg.node && !block && !/[\r\n]/.test(arg.raw), flow: arg.flow, buildArg: true };
  });
}

function referenceEdit(item: ValueItem, start: number, end: number, reference: string): OffsetEdit[] | undefined {
  if (!item.editable || !item.node) return undefined;
  if (item.node.type === "PLAIN" && item.flow) {
    // `{` and `}` would end a plain scalar in a flow collection: the new value is double-quoted whole.
    const [nodeStart, nodeEnd] = item.node.range!;
    const value = item.raw.slice(0, start - item.valueSpan.start) + reference + item.raw.slice(end - item.valueSpan.start);
    const prefix = item.form === "list" ? `${item.name}=` : "";
    return [{ start: nodeStart, end: nodeEnd, newText: JSON.stringify(prefix + value) }];
  }
  return [{ start, end, newText: reference }];
}

/**
 * A committed secret's value, and the variable that should hold it in the
 * dashboard (the name its own fix references): copies of the value elsewhere
 * in the file reference the same variable.
 */
interface KnownSecret {
  value: string;
  /** The dashboard variable: `${name}` is what replaces the value. */
  name: string;
}

/** Command-line options whose value is a password: `-padmin` (mysql), `--password=admin`, `--db-root-password "admin"`, `--requirepass admin`. */
const PASSWORD_OPTION = /(?:^|[\s'"])(?:-p|--?[A-Za-z-]*pass(?:word|wd|phrase)?(?:=|\s+))['"]?$/i;
/** `PGPASSWORD=admin psql ...`: an assignment to a secret name. */
const ASSIGNMENT = /(?:^|[\s;&|('"])([A-Za-z_][A-Za-z0-9_]*)=$/;
/** `postgres://user:` before the value, `@` after it. */
const URL_USERINFO = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/?#@'"]*:$/;
/** `curl -u user:admin`, `curl -u "user:admin"`. */
const USER_PASSWORD_OPTION = /(?:^|\s)(?:-u|--user)(?:=|\s+)['"]?[^\s:'"]+:$/;
/** `redis-cli -a admin`: -a is redis-cli's only after redis-cli (`mytool -a admin && redis-cli ping` is not). */
const REDIS_AUTH_OPTION = /\s-a\s+['"]?$/;
/** Options whose value is a user name, not a password: `pg_isready -U postgres`. */
const USER_OPTION = /(?:^|\s)(?:-U|-u|--user|--username|--login)(?:=|\s+)$/;
/** What may follow a value: the end of a word. */
const WORD_END = /^(?:$|[\s'"@;&|)(,`\\])/;
/** What may precede a value that stands as a word of its own. */
const WORD_START = /(?:^|[\s'"=:(,;])$/;

/**
 * Whether the occurrence of a secret's value at `index` of a command word is
 * the secret: as the value of a password option, a secret assignment or a
 * URL's password; or, for a value long and odd enough not to be a common
 * word (`s3cr3t-2024`, not `postgres`, nor a value the file gives a
 * non-secret variable), as a word of its own.
 */
function isSecretOccurrence(text: string, index: number, value: string, distinctive: boolean): boolean {
  const before = text.slice(0, index);
  const after = text.slice(index + value.length);
  if (URL_USERINFO.test(before)) return after.startsWith("@");
  if (!WORD_END.test(after)) return false;
  if (PASSWORD_OPTION.test(before) || USER_PASSWORD_OPTION.test(before)) return true;
  const assignment = ASSIGNMENT.exec(before);
  if (assignment) return isSecretName(assignment[1]) || distinctive;
  if (REDIS_AUTH_OPTION.test(before) && /redis-cli/.test(before)) return true;
  return distinctive && WORD_START.test(before) && !USER_OPTION.test(before);
}

/** Whether a shell reading `script` sees its offset `index` inside single quotes (`''`), double quotes (`""`), or neither; undefined after a backslash. */
function shellQuoting(script: string, index: number): "single" | "double" | "none" | undefined {
  let state: "single" | "double" | "none" = "none";
  for (let i = 0; i < index; i++) {
    const c = script[i];
    if (state === "single") {
      if (c === "'") state = "none";
      continue;
    }
    if (c === "\\") {
      i++;
      if (i >= index) return undefined;
      continue;
    }
    if (state === "double") {
      if (c === '"') state = "none";
    } else if (c === "'") state = "single";
    else if (c === '"') state = "double";
  }
  return state;
}

/**
 * The edit that makes a shell script read the container's variable instead
 * of the value at `start`..`end`: `$${NAME}` inside double quotes, `"$${NAME}"`
 * elsewhere (a word of its own, whatever the new value holds); none inside
 * single quotes, where the shell expands nothing, nor where the scalar's
 * text is not written as it is read (escapes, folded lines).
 */
function shellReferenceEdit(target: CommandScriptWord, start: number, end: number, variable: string): OffsetEdit | undefined {
  const { word } = target;
  if (!target.shell || target.plainInFlow || !word.scalar || word.source !== word.node || word.text === undefined) return undefined;
  const content = contentStart(word.scalar, word.text);
  if (content === undefined) return undefined;
  const quoting = shellQuoting(word.text, start - content);
  if (quoting === undefined || quoting === "single") return undefined;
  const reference = quoting === "double" ? `$\${${variable}}` : `"$\${${variable}}"`;
  if (word.scalar.type === "QUOTE_DOUBLE") return { start, end, newText: reference.replace(/"/g, '\\"') };
  // A plain scalar cannot start with a quote (at the script's start, outside quotes, the reference is `"$${NAME}"`).
  if (word.scalar.type === "PLAIN" && start === content) return undefined;
  return { start, end, newText: reference };
}

const BASIC_AUTH_HASH = /(?<=^|[\s,])([^\s:,]+):((?:\$\$?(?:apr1|2[abxy]|[156])\$\$?|\{SHA\})[^\s,]+)/g;

export const literalSecret: Rule = {
  meta: {
    id: "literal-secret",
    severity: "warning",
    scope: "pipeline",
    fixable: true,
    docs: {
      title: {
        en: "A secret written in the compose file",
        fr: "Un secret écrit dans le fichier compose",
      },
      description: {
        en: "The pipeline's compose file is in your Git repository, and Elestio's dashboard keeps a copy of it: a password, token or key written there (as a value, a default `${DB_PASSWORD:-admin123}`, the password of a URL, a build argument, a basic-auth hash in a label) can be read by anyone with access to either, history included. Variables set under **Dashboard → Environment variables** are written to `.env` on the VM at each deploy, where `${DB_PASSWORD}` reads them; a copy of the value in a command or healthcheck breaks as soon as the secret changes.",
        fr: "Le compose du pipeline est versionné dans Git et le dashboard d'Elestio en garde une copie : un mot de passe, un jeton ou une clé qui y est écrit en clair (comme valeur, comme valeur par défaut `${DB_PASSWORD:-admin123}`, dans une URL, en argument de build, en hachage basic-auth dans un label) est lisible par quiconque a accès à l'un ou à l'autre, historique compris. Les variables définies dans **Dashboard → Environment variables** sont écrites dans `.env` sur la VM à chaque déploiement, où `${DB_PASSWORD}` les lit ; une copie de la valeur dans une commande ou un healthcheck échoue dès que le secret change.",
      },
      fix: { en: "Reference `${NAME}`", fr: "Référencer `${NAME}`" },
      manualFix: {
        en: "Set the value under **Dashboard → Environment variables** and write `${NAME}` in its place. In a URL, replace the password only, with the variable that already holds it, else one named after the URL's (`DATABASE_URL` → `${DATABASE_PASSWORD}`); in a command run by a shell, `$${NAME}` reads the container's variable.",
        fr: "Définissez la valeur dans **Dashboard → Environment variables** et écrivez `${NAME}` à sa place. Dans une URL, remplacez le seul mot de passe, par la variable qui le contient déjà, sinon par une variable nommée d'après celle de l'URL (`DATABASE_URL` → `${DATABASE_PASSWORD}`) ; dans une commande lancée par un shell, `$${NAME}` lit la variable du conteneur.",
      },
      example: {
        invalid:
          "services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: admin123\n    healthcheck:\n      test: mysqladmin ping -h localhost -padmin123\n  web:\n    image: app\n    environment:\n      DATABASE_URL: mysql://root:admin123@db:3306/app\n",
        valid:
          'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD}\n    healthcheck:\n      test: mysqladmin ping -h localhost -p"$${MYSQL_ROOT_PASSWORD}"\n  web:\n    image: app\n    environment:\n      DATABASE_URL: mysql://root:${MYSQL_ROOT_PASSWORD}@db:3306/app\n',
      },
    },
    messages: {
      // The reference names the variable: one name only, so that long names still fit.
      plainValue: {
        en: "Secret in plain text, committed to Git: write {{reference}} and set it in the dashboard.",
        fr: "Secret en clair, versionné dans Git : écrivez {{reference}} et définissez-le dans le dashboard.",
      },
      plainDefault: {
        en: "Secret in plain text as a default, committed to Git: write {{reference}} and set it in the dashboard.",
        fr: "Secret en clair en valeur par défaut, versionné dans Git : écrivez {{reference}} et définissez-le dans le dashboard.",
      },
      urlPassword: {
        en: "URL password in plain text, committed to Git: write {{reference}} and set it in the dashboard.",
        fr: "Mot de passe d'URL en clair, versionné dans Git : écrivez {{reference}} et définissez-le dans le dashboard.",
      },
      buildArg: {
        en: "Secret in plain text in a build arg, committed to Git: write {{reference}} and set it in the dashboard.",
        fr: "Secret en clair dans un argument de build, versionné dans Git : écrivez {{reference}} et définissez-le dans le dashboard.",
      },
      labelHash: {
        en: 'Password hash of "{{user}}" in a label, committed to Git, where it can be cracked: move it to the dashboard.',
        fr: "Hachage du mot de passe de « {{user}} » dans un label, versionné dans Git, où il peut être cassé : déplacez-le dans le dashboard.",
      },
      // A copy of a secret's value: the fix reads the container's variable where a shell runs the command.
      repeatedShell: {
        en: "Secret copied into {{place}}: it fails once the secret changes. Write {{reference}} to read the variable.",
        fr: "Secret recopié dans {{place}}, qui échoue dès que le secret change : écrivez {{reference}} pour lire la variable.",
      },
      repeated: {
        en: "Secret copied into {{place}}: it fails once the secret changes. Write {{reference}}, set in the dashboard.",
        fr: "Secret recopié dans {{place}}, qui échoue dès que le secret change : écrivez {{reference}} et définissez-le dans le dashboard.",
      },
    },
  },
  check({ model, report }) {
    /** Committed secrets by value, first written first: the URLs and commands that repeat one reference its variable. */
    const known = new Map<string, KnownSecret>();
    const remember = (value: string | undefined, name: string) => {
      if (value !== undefined && !isPlaceholder(value) && !/[\r\n]/.test(value) && !known.has(value)) known.set(value, { value, name });
    };
    /** Values the file gives variables that are not secrets (user and database names): a copy of one in a command is no evidence. */
    const publicValues = new Set<string>(model.services.map((s) => s.name));
    /** The names the file gives a value, and those given to URL passwords: a URL's password gets a variable of its own only under a name that holds none. */
    const namedValues = new Set<string>();
    const urls: { item: ValueItem; password: UrlPassword }[] = [];
    const items = model.services.map((service) => ({ service, items: valueItems(model, service) }));
    // A value reached through an alias (`KEY: *password`) is reported once, where it is written: under the name written there.
    const aliased = (item: ValueItem) => item.valueSpan.start < item.span.start || item.valueSpan.end > item.span.end;
    const all = items.flatMap((s) => s.items);

    for (const item of [...all.filter((i) => !aliased(i)), ...all.filter(aliased)]) {
      if (item.value === undefined || item.value.trim() === "") continue;
      const written = literalValue(item.value);
      namedValues.add(item.name);
      const secretKey = isSecretName(item.name);
      const interpolations = findInterpolations(item.raw);
      if (secretKey && literalPart(item.raw, interpolations) !== "") {
        if (isPlaceholder(item.value)) continue;
        const reference = `\${${item.name}}`;
        const edits = referenceEdit(item, item.valueSpan.start, item.valueSpan.end, reference);
        report({
          ...item.valueSpan,
          messageId: item.buildArg ? "buildArg" : "plainValue",
          data: { reference },
          fix: edits && { title: { en: `Reference ${reference}`, fr: `Référencer ${reference}` }, edits },
        });
        remember(written, item.name);
        continue;
      }
      if (!secretKey) {
        // An empty value is added too, harmlessly: no known secret is empty.
        publicValues.add(resolveDefaults(item.raw).value.trim());
      }
      const passwords = urlPasswords(item.raw);
      // A default is checked in any value: `postgres://app:${DB_PASSWORD:-admin}@db/app` holds one too, and so does any URL's password.
      for (const interpolation of interpolations) {
        if (interpolation.operator !== ":-" && interpolation.operator !== "-") continue;
        const inPassword = passwords.some((p) => p.start <= interpolation.start && interpolation.end <= p.end);
        if (!secretKey && !inPassword && !isSecretName(interpolation.name)) continue;
        // An operator always comes with its argument (possibly empty).
        const argument = interpolation.argument!;
        const literal = literalPart(argument, findInterpolations(argument));
        if (isPlaceholder(literal)) continue;
        const start = item.valueSpan.start + interpolation.argumentStart!;
        const reference = `\${${interpolation.name}}`;
        const edits = referenceEdit(item, item.valueSpan.start + interpolation.start, item.valueSpan.start + interpolation.end, reference);
        report({
          start,
          end: start + argument.length,
          // The default's own variable: the one to set in the dashboard (`POSTGRES_PASSWORD: ${DB_PASSWORD:-admin}` names DB_PASSWORD).
          messageId: "plainDefault",
          data: { reference },
          fix: edits && { title: { en: `Remove the default: ${reference}`, fr: `Supprimer la valeur par défaut : ${reference}` }, edits },
        });
        remember(literalValue(argument), interpolation.name);
      }
      // A password written with a variable is the defaults' concern (above).
      for (const password of passwords) {
        const text = item.raw.slice(password.start, password.end);
        if (literalValue(text) !== undefined && !isPlaceholder(text)) urls.push({ item, password });
      }
    }

    // URL passwords after every variable: `DATABASE_URL: postgres://app:admin@db/app` references the POSTGRES_PASSWORD that holds `admin`.
    for (const { item, password } of urls) {
      const value = literalValue(item.raw.slice(password.start, password.end))!;
      let name = known.get(value)?.name;
      if (name === undefined) {
        const candidates = [passwordVariableName(item.name), `${item.name}_PASSWORD`];
        // Both candidates are secret names: one that holds this very value was remembered above and named it already.
        // A name the file gives another value (or another URL's password) is not reused: `_2`, `_3`... follow.
        name = candidates.find((c) => !namedValues.has(c));
        for (let n = 2; name === undefined; n++) if (!namedValues.has(`${candidates[0]}_${n}`)) name = `${candidates[0]}_${n}`;
        namedValues.add(name);
        remember(value, name);
      }
      const reference = `\${${name}}`;
      const start = item.valueSpan.start + password.start;
      const edits = referenceEdit(item, start, item.valueSpan.start + password.end, reference);
      report({
        start,
        end: item.valueSpan.start + password.end,
        messageId: "urlPassword",
        data: { reference },
        fix: edits && { title: { en: `Reference ${reference}, set in the dashboard`, fr: `Référencer ${reference}, à définir dans le dashboard` }, edits },
      });
    }

    for (const service of model.services) {
      for (const label of serviceLabels(model, service)) {
        if (label.value === undefined) continue;
        publicValues.add(resolveDefaults(label.raw).value.trim());
        for (const match of label.raw.matchAll(BASIC_AUTH_HASH)) {
          const start = label.valueSpan.start + match.index + match[1].length + 1;
          report({ start, end: start + match[2].length, messageId: "labelHash", data: { user: match[1] } });
        }
      }
    }

    // Copies of a secret's value in a command line: each is reported, as the variable's own place is.
    const secrets = [...known.values()]
      .filter((s) => s.value.length >= 3)
      .map((s) => ({
        ...s,
        distinctive: s.value.length >= 8 && (/[^A-Za-z]/.test(s.value) || s.value.length >= 12) && !publicValues.has(s.value),
        // Compose reads `$$` as `$` in a command too: a copy of `pa$word` is written `pa$$word`.
        written: s.value.replace(/\$/g, "$$$$"),
      }));
    if (secrets.length === 0) return;
    for (const { service, items: serviceItems } of items) {
      const words = serviceCommandWords(model, service);
      if (words.length === 0) continue;
      /** The service's own variables by value: a shell in its container reads them. */
      const containerVariable = (value: string) => serviceItems.find((i) => !i.buildArg && i.value !== undefined && isSecretName(i.name) && resolveDefaults(i.value).value === value)?.name;
      // The earlier words of an exec list, joined as a command line: `[redis-cli, -a, admin]` reads as `redis-cli -a admin`.
      let list = { place: "", before: "" };
      for (const target of words) {
        const span = target.word.textSpan;
        if (target.place !== list.place) list = { place: target.place, before: "" };
        // A shell script is a command line of its own, and so are the words after it (its arguments).
        const before = target.shell ? "" : list.before;
        list.before = target.shell ? "" : `${before}${maskInterpolations(target.word.text ?? "")} `;
        if (!span || target.word.text === undefined) continue;
        const text = before + maskInterpolations(model.text.slice(span.start, span.end));
        for (const { value, name, written, distinctive } of secrets) {
          for (let index = text.indexOf(written, before.length); index >= 0; index = text.indexOf(written, index + written.length)) {
            if (!isSecretOccurrence(text, index, written, distinctive)) continue;
            const start = span.start + index - before.length;
            const end = start + written.length;
            const place = target.place;
            const variable = containerVariable(value);
            const edit = variable === undefined || /['"\\$`]/.test(value) ? undefined : shellReferenceEdit(target, start, end, variable);
            if (edit && variable !== undefined) {
              const reference = `$\${${variable}}`;
              report({ start, end, messageId: "repeatedShell", data: { place, reference }, fix: { title: { en: `Reference ${reference}, the container's variable`, fr: `Référencer ${reference}, la variable du conteneur` }, edits: [edit] } });
            } else {
              report({ start, end, messageId: "repeated", data: { place, reference: `\${${name}}` } });
            }
          }
        }
      }
    }
  },
};
