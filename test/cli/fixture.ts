/** A project with one finding of every severity, and a syntax error in a second compose file. */
export const PIPELINE_FILE = [
  'version: "3.8"',
  "services:",
  "  web:",
  "    image: ghcr.io/acme/web:1",
  "    container_name: acme_web",
  "    ports:",
  '      - "8000:8000"',
  '      - "127.0.0.1:9000:9000"',
  "    environment:",
  "      SITE_URL: ${SITE_URL}",
  "",
].join("\n");

const DEV_FILE = ["services:", "  a:", "    image: x", "    healthcheck:", '      test: ["CMD", "curl -f http://localhost || exit 1"]', "  b: [", ""].join("\n");

export const PROJECT = { "docker-compose.yml": PIPELINE_FILE, "deploy/compose.dev.yaml": DEV_FILE };

/** What the CLI finds in PROJECT: file, rule, severity, 1-based start and end. */
export const FINDINGS = [
  ["deploy/compose.dev.yaml", "healthcheck-exec-shell", "error", 5, 13, 5, 58],
  ["deploy/compose.dev.yaml", "yaml-syntax", "error", 6, 6, 6, 7],
  ["docker-compose.yml", "obsolete-version", "warning", 1, 1, 1, 15],
  ["docker-compose.yml", "no-container-name", "error", 5, 5, 5, 29],
  ["docker-compose.yml", "public-port-binding", "warning", 7, 9, 7, 20],
  ["docker-compose.yml", "loopback-port-binding", "info", 8, 9, 8, 30],
  ["docker-compose.yml", "undefined-variable", "hint", 10, 17, 10, 28],
] as const;
