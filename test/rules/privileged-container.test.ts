import { privilegedContainer } from "../../server/src/engine/rules/privileged-container.js";
import { testRule } from "./rule-tester.js";

testRule(privilegedContainer, {
  valid: [
    { name: "privileged: false, in both forms compose casts", code: 'services:\n  a:\n    image: x\n    privileged: false\n  b:\n    image: y\n    privileged: "no"\n' },
    { name: "a variable without a default decides it", code: "services:\n  a:\n    image: x\n    privileged: ${PRIVILEGED}\n" },
    {
      name: "capabilities short of SYS_ADMIN or ALL (Elestio's templates: SYS_NICE, MKNOD; a VPN's NET_ADMIN)",
      code: "services:\n  db:\n    image: mysql:8\n    cap_add:\n      - SYS_NICE # CAP_SYS_NICE\n  office:\n    image: collabora/code\n    cap_add: [MKNOD, CAP_NET_ADMIN, SYS_PTRACE]\n",
    },
    { name: "dropping them is the opposite", code: "services:\n  a:\n    image: x\n    cap_drop:\n      - ALL\n      - SYS_ADMIN\n" },
    { name: "CAP_ALL is no capability (Docker refuses it), a variable without a default nothing known", code: "services:\n  a:\n    image: x\n    cap_add:\n      - CAP_ALL\n      - ${EXTRA_CAP}\n" },
  ],
  invalid: [
    {
      name: "privileged: true (an Elestio template's VPN)",
      code: "services:\n  pritunl:\n    image: ghcr.io/jippi/docker-pritunl:latest\n    restart: always\n    privileged: true\n",
      errors: [{ line: 5, column: 5, endLine: 5, endColumn: 21, messageId: "privileged", message: 'Service "pritunl" is privileged: it can take over the VM. Remove privileged unless the app requires it.' }],
      output: null,
    },
    {
      name: "the strings compose casts to true, and a default applied; in a file other than the pipeline's too",
      pipeline: false,
      code: 'services:\n  a:\n    privileged: "true"\n  b:\n    privileged: yes\n  c:\n    privileged: ${PRIVILEGED:-true}\n',
      errors: [
        { line: 3, column: 5, endLine: 3, endColumn: 23, messageId: "privileged" },
        { line: 5, column: 5, endLine: 5, endColumn: 20, messageId: "privileged" },
        { line: 7, column: 5, endLine: 7, endColumn: 36, messageId: "privileged" },
      ],
    },
    {
      name: "SYS_ADMIN and ALL, in any case, with or without CAP_: each list item, named as written",
      code: "services:\n  fuse:\n    image: example/fuse\n    cap_add:\n      - NET_ADMIN\n      - SYS_ADMIN\n      - cap_sys_admin\n      - \"all\"\n",
      errors: [
        { line: 6, column: 9, endLine: 6, endColumn: 18, messageId: "capability", message: 'Service "fuse" adds capability SYS_ADMIN: it can take over the VM. Add only those the app needs.' },
        { line: 7, column: 9, endLine: 7, endColumn: 22, messageId: "capability", message: 'Service "fuse" adds capability cap_sys_admin: it can take over the VM. Add only those the app needs.' },
        { line: 8, column: 9, endLine: 8, endColumn: 14, messageId: "capability" },
      ],
    },
    {
      name: "flow style, a default applied (quotes in the range)",
      code: "services:\n  a:\n    image: x\n    cap_add: [CHOWN, \"${CAP:-CAP_SYS_ADMIN}\"]\n",
      errors: [{ line: 4, column: 22, endLine: 4, endColumn: 45, messageId: "capability", message: 'Service "a" adds capability CAP_SYS_ADMIN: it can take over the VM. Add only those the app needs.' }],
    },
    {
      name: "both privileged and SYS_ADMIN: each place",
      code: "services:\n  dind:\n    image: docker:dind\n    privileged: true\n    cap_add:\n      - SYS_ADMIN\n",
      errors: [
        { line: 4, column: 5, endLine: 4, endColumn: 21, messageId: "privileged" },
        { line: 6, column: 9, endLine: 6, endColumn: 18, messageId: "capability" },
      ],
    },
    {
      name: "through a merge key: reported once, where it is written",
      code: "x-priv: &priv\n  privileged: true\nservices:\n  a:\n    <<: *priv\n    image: x\n  b:\n    <<: *priv\n    image: y\n",
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 19, messageId: "privileged" }],
    },
  ],
});
