import { inactiveProfiles } from "../../server/src/engine/rules/inactive-profiles.js";
import { testRule } from "./rule-tester.js";

const WEB = 'services:\n  web:\n    build: .\n    profiles: ["web"]\n    ports:\n      - "172.17.0.1:8000:8000"\n';

testRule(inactiveProfiles, {
  valid: [
    { name: "an empty profile name says nothing of when the service starts", code: 'services:\n  web:\n    image: app:1\n    profiles: [""]\n    ports:\n      - "172.17.0.1:8000:8000"\n' },
    { name: "no profiles", code: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n' },
    { name: "COMPOSE_PROFILES among the dashboard's variables", code: WEB, dashboardVariables: ["COMPOSE_PROFILES", "SECRET_KEY"] },
    { name: "COMPOSE_PROFILES in the .env beside the file", code: WEB, files: { ".env": "COMPOSE_PROFILES=web\n" } },
    {
      name: "workers and tools without ports (nickjj's assets, worker, postgres)",
      code: 'services:\n  web:\n    build: .\n    ports:\n      - "172.17.0.1:8000:8000"\n  worker:\n    build: .\n    profiles: ["worker"]\n  js:\n    build: .\n    profiles: ["assets"]\n  db:\n    image: postgres:16\n    profiles: ["postgres"]\n',
    },
    { name: "a database that publishes its port: a local one, kept out of production", code: 'services:\n  db:\n    image: postgres:16\n    profiles: ["local-db"]\n    ports:\n      - "5432:5432"\n' },
    { name: "a database port of an unknown image", code: 'services:\n  cache:\n    image: my/cache\n    profiles: [cache]\n    ports:\n      - "6379:6379"\n' },
    { name: "UDP only: not the site", code: 'services:\n  dns:\n    image: coredns/coredns\n    profiles: [dns]\n    ports:\n      - "53:53/udp"\n' },
    { name: "an empty profiles list: the service starts", code: 'services:\n  web:\n    build: .\n    profiles: []\n    ports:\n      - "8000:8000"\n' },
    { name: "a profile a variable without a default names: not known", code: 'services:\n  web:\n    build: .\n    profiles: ["${WEB_PROFILE}"]\n    ports:\n      - "8000:8000"\n' },
    { name: "a file the pipeline does not deploy", pipeline: false, code: WEB },
  ],
  invalid: [
    {
      name: "the dashboard lists its variables, without COMPOSE_PROFILES: on the profiles key",
      code: WEB,
      dashboardVariables: ["SECRET_KEY"],
      errors: [
        {
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 13,
          messageId: "notInDashboard",
          message: 'Service "web" never starts: the dashboard has no COMPOSE_PROFILES. Add COMPOSE_PROFILES=web.',
        },
      ],
      output: null,
    },
    {
      name: "the project lists no dashboard variables: still reported, saying to set it",
      code: WEB,
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 13, messageId: "dashboardUnknown", message: 'Service "web" starts only if the dashboard sets COMPOSE_PROFILES=web. Make sure it does.' }],
    },
    {
      name: "bolt.diy: every variant of the app has profiles, each reported with its first profile",
      code:
        "services:\n  app-prod:\n    image: bolt-ai:production\n    ports:\n      - '5173:5173'\n    profiles:\n      - production\n" +
        "  app-dev:\n    image: bolt-ai:development\n    ports:\n      - '5173:5173'\n    profiles: ['development', 'default']\n",
      errors: [
        { line: 6, column: 5, endLine: 6, endColumn: 13, messageId: "dashboardUnknown", message: 'Service "app-prod" starts only if the dashboard sets COMPOSE_PROFILES=production. Make sure it does.' },
        { line: 12, column: 5, endLine: 12, endColumn: 13, messageId: "dashboardUnknown", message: 'Service "app-dev" starts only if the dashboard sets COMPOSE_PROFILES=development. Make sure it does.' },
      ],
    },
    {
      name: "a port on the VM's loopback, with its address from a variable's default (nickjj's web)",
      code: 'services:\n  web:\n    build: .\n    ports:\n      - "${DOCKER_WEB_PORT_FORWARD:-127.0.0.1:8000}:${PORT:-8000}"\n    profiles: ["web"]\n',
      errors: [{ line: 6, column: 5, endLine: 6, endColumn: 13, messageId: "dashboardUnknown" }],
    },
    {
      name: "a .env without COMPOSE_PROFILES, a long form port, a long service name",
      code: "services:\n  python-middleware:\n    build: .\n    profiles: [production]\n    ports:\n      - target: 8000\n        published: 18000\n        host_ip: 172.17.0.1\n",
      files: { ".env": "SECRET_KEY=x\n" },
      dashboardVariables: [],
      errors: [
        {
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 13,
          messageId: "notInDashboard",
          message: 'Service "python-middleware" never starts: the dashboard has no COMPOSE_PROFILES. Add COMPOSE_PROFILES=production.',
        },
      ],
    },
    {
      name: "profiles through a merge key: reported once, where they are written",
      code: 'x-app: &app\n  build: .\n  profiles: ["app"]\n  ports:\n    - "8000:8000"\nservices:\n  web:\n    <<: *app\n  web2:\n    <<: *app\n',
      errors: [{ line: 3, column: 3, endLine: 3, endColumn: 11, messageId: "dashboardUnknown", message: 'Service "web" starts only if the dashboard sets COMPOSE_PROFILES=app. Make sure it does.' }],
    },
  ],
});
