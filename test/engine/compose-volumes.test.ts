/**
 * compose/volumes.ts: a service's volumes in the short syntax (one parser,
 * after compose-go's format.ParseVolume and its tests) and the long syntax,
 * with interpolation defaults applied and exact spans
 * (`line:column-endLine:endColumn text`, 1-based); and the top-level
 * `volumes:` declarations. A field left out of an expected row is undefined.
 */
import { describe, expect, it } from "vitest";
import { parseCompose } from "../../server/src/engine/compose/model.js";
import { cleanTarget, hostVolumeName, isBindPath, isDockerSocketPath, namedVolume, parseVolumeSpec, serviceVolumeAt, serviceVolumes, volumeDeclaration, volumeDeclarations, volumeMounts } from "../../server/src/engine/compose/volumes.js";
import { spanText } from "../helpers/spans.js";

/** The volumes of every service, each as one row of facts. */
function volumes(code: string) {
  const model = parseCompose(code);
  return model.services.flatMap((service) =>
    serviceVolumes(model, service).map((v) => ({
      form: v.form,
      type: v.type,
      source: v.source,
      target: v.target,
      readOnly: v.readOnly,
      certain: v.certain,
      bindSource: v.bindSource,
      mode: v.mode,
      propagation: v.propagation,
      selinux: v.selinux,
      nocopy: v.nocopy,
      createHostPath: v.createHostPath,
      error: v.error,
      named: namedVolume(v),
      span: spanText(model, v.span),
      sourceSpan: spanText(model, v.sourceSpan),
      targetSpan: spanText(model, v.targetSpan),
      modeSpan: spanText(model, v.modeSpan),
      typeSpan: spanText(model, v.typeSpan),
      readOnlySpan: spanText(model, v.readOnlySpan),
    })),
  );
}

/** A service with one short-syntax item, on line 4 from column 9. */
const short = (item: string) => `services:\n  web:\n    volumes:\n      - ${item}\n`;

const BIND = { form: "short", type: "bind", readOnly: false, certain: true, nocopy: false, createHostPath: true } as const;
const VOLUME = { form: "short", type: "volume", readOnly: false, certain: true, nocopy: false } as const;

describe("serviceVolumes: the short syntax", () => {
  it.each([
    {
      name: "a relative bind path",
      item: "./data:/data",
      expected: { ...BIND, source: "./data", target: "/data", bindSource: "relative", span: "4:9-4:21 ./data:/data", sourceSpan: "4:9-4:15 ./data", targetSpan: "4:16-4:21 /data" },
    },
    {
      name: "`.` is a bind path too",
      item: ".:/app",
      expected: { ...BIND, source: ".", target: "/app", bindSource: "relative", span: "4:9-4:15 .:/app", sourceSpan: "4:9-4:10 .", targetSpan: "4:11-4:15 /app" },
    },
    {
      name: "a default applied, and the mode `ro`: each part where it is written",
      item: '"${DATA:-./data}:/data:ro"',
      expected: {
        ...BIND,
        source: "./data",
        target: "/data",
        readOnly: true,
        mode: "ro",
        bindSource: "relative",
        span: '4:9-4:35 "${DATA:-./data}:/data:ro"',
        sourceSpan: "4:10-4:25 ${DATA:-./data}",
        targetSpan: "4:26-4:31 /data",
        modeSpan: "4:32-4:34 ro",
      },
    },
    {
      name: "a named volume: a source that is not a path",
      item: "db:/var/lib/postgresql/data",
      expected: { ...VOLUME, source: "db", target: "/var/lib/postgresql/data", named: "db", span: "4:9-4:36 db:/var/lib/postgresql/data", sourceSpan: "4:9-4:11 db", targetSpan: "4:12-4:36 /var/lib/postgresql/data" },
    },
    {
      name: "`nocopy` on a named volume",
      item: "data:/data:nocopy",
      expected: { ...VOLUME, source: "data", target: "/data", nocopy: true, mode: "nocopy", named: "data", span: "4:9-4:26 data:/data:nocopy", sourceSpan: "4:9-4:13 data", targetSpan: "4:14-4:19 /data", modeSpan: "4:20-4:26 nocopy" },
    },
    {
      name: "an anonymous volume: a target alone",
      item: "/data",
      expected: { ...VOLUME, target: "/data", span: "4:9-4:14 /data", targetSpan: "4:9-4:14 /data" },
    },
    {
      name: "the Docker socket, read-only and relabeled (`ro,z`)",
      item: '"/var/run/docker.sock:/var/run/docker.sock:ro,z"',
      expected: {
        ...BIND,
        source: "/var/run/docker.sock",
        target: "/var/run/docker.sock",
        readOnly: true,
        mode: "ro,z",
        selinux: "z",
        bindSource: "absolute",
        span: '4:9-4:57 "/var/run/docker.sock:/var/run/docker.sock:ro,z"',
        sourceSpan: "4:10-4:30 /var/run/docker.sock",
        targetSpan: "4:31-4:51 /var/run/docker.sock",
        modeSpan: "4:52-4:56 ro,z",
      },
    },
    {
      name: "the home folder, a target cleaned as compose cleans it (`/y/` is `/y`), `rw` after nothing, nocopy and a propagation",
      item: '"~/x:/y/:rw,nocopy,rslave"',
      expected: {
        ...BIND,
        source: "~/x",
        target: "/y",
        mode: "rw,nocopy,rslave",
        propagation: "rslave",
        nocopy: true,
        bindSource: "home",
        span: '4:9-4:35 "~/x:/y/:rw,nocopy,rslave"',
        sourceSpan: "4:10-4:13 ~/x",
        targetSpan: "4:14-4:17 /y/",
        modeSpan: "4:18-4:34 rw,nocopy,rslave",
      },
    },
    {
      name: "`ro,rw`: the last wins; `RO` is not a mode compose knows (ignored)",
      item: "./a:/a:ro,rw,RO",
      expected: { ...BIND, source: "./a", target: "/a", mode: "ro,rw,RO", bindSource: "relative", span: "4:9-4:24 ./a:/a:ro,rw,RO", sourceSpan: "4:9-4:12 ./a", targetSpan: "4:13-4:15 /a", modeSpan: "4:16-4:24 ro,rw,RO" },
    },
    {
      name: "a Windows drive letter: its colon does not separate",
      item: "'C:\\x:/y'",
      expected: { ...BIND, source: "C:\\x", target: "/y", bindSource: "windows", span: "4:9-4:18 'C:\\x:/y'", sourceSpan: "4:10-4:14 C:\\x", targetSpan: "4:15-4:17 /y" },
    },
    {
      name: "an escape: the values are known, where the parts are written is not",
      item: '"C:\\\\x:/y"',
      expected: { ...BIND, source: "C:\\x", target: "/y", bindSource: "windows", span: '4:9-4:19 "C:\\\\x:/y"' },
    },
    {
      name: "`a:/b`: a lone letter before a colon is a drive letter for compose-go, so this is an anonymous volume's target",
      item: '"a:/b"',
      expected: { ...VOLUME, target: "a:/b", span: '4:9-4:15 "a:/b"', targetSpan: "4:10-4:14 a:/b" },
    },
    {
      name: "a spec of two characters is a target",
      item: "ab",
      expected: { ...VOLUME, target: "ab", span: "4:9-4:11 ab", targetSpan: "4:9-4:11 ab" },
    },
    {
      name: "a default holding the colons: compose's fields, no offsets to point at",
      item: '"${VOLUME:-./a:/b}"',
      expected: { ...BIND, source: "./a", target: "/b", bindSource: "relative", span: '4:9-4:28 "${VOLUME:-./a:/b}"' },
    },
    {
      name: "a variable without a default as the source: its type is not known, the target is",
      item: '"${SRC}:/data"',
      expected: { form: "short", readOnly: false, certain: false, nocopy: false, source: "", target: "/data", span: '4:9-4:23 "${SRC}:/data"', sourceSpan: "4:10-4:16 ${SRC}", targetSpan: "4:17-4:22 /data" },
    },
    {
      name: "a variable without a default after literal text: the text tells a bind path",
      item: '"./${DIR}/x:/d"',
      expected: { ...BIND, certain: false, source: ".//x", target: "/d", bindSource: "relative", span: '4:9-4:24 "./${DIR}/x:/d"', sourceSpan: "4:10-4:20 ./${DIR}/x", targetSpan: "4:21-4:23 /d" },
    },
    {
      name: "a whole spec from a variable: nothing is known",
      item: '"${VOLUME}"',
      expected: { form: "short", readOnly: false, certain: false, nocopy: false, target: "", span: '4:9-4:20 "${VOLUME}"', targetSpan: "4:10-4:19 ${VOLUME}" },
    },
    {
      name: "a mode from a variable: read-only or not is not known",
      item: '"./a:/a:${MODE}"',
      expected: { ...BIND, certain: false, readOnly: undefined, source: "./a", target: "/a", mode: "", bindSource: "relative", span: '4:9-4:25 "./a:/a:${MODE}"', sourceSpan: "4:10-4:13 ./a", targetSpan: "4:14-4:16 /a", modeSpan: "4:17-4:24 ${MODE}" },
    },
    {
      name: "an empty section: compose's error",
      item: "/a::ro",
      expected: { ...BIND, source: "/a", bindSource: "absolute", error: "empty section between colons", span: "4:9-4:15 /a::ro", sourceSpan: "4:9-4:11 /a" },
    },
    {
      // A UNC path: a Windows host path, not a volume named `\\server\share`.
      name: "a UNC bind path",
      item: "'\\\\server\\share:/data'",
      expected: { ...BIND, source: "\\\\server\\share", target: "/data", bindSource: "windows", span: "4:9-4:31 '\\\\server\\share:/data'", sourceSpan: "4:10-4:24 \\\\server\\share", targetSpan: "4:25-4:30 /data" },
    },
    {
      // Each interpolation's `:-` is inside it: the one colon between them separates.
      name: "source and target each a variable with a default",
      item: '"${SRC:-./src}:${DST:-/app}"',
      expected: { ...BIND, source: "./src", target: "/app", bindSource: "relative", span: '4:9-4:37 "${SRC:-./src}:${DST:-/app}"', sourceSpan: "4:10-4:23 ${SRC:-./src}", targetSpan: "4:24-4:36 ${DST:-/app}" },
    },
    {
      // The default adds the mode field: as written there are two fields, so where each is written is not known.
      name: "a default that adds the mode",
      item: '"data:/data${MODE:-:ro}"',
      expected: { ...VOLUME, source: "data", target: "/data", readOnly: true, mode: "ro", named: "data", span: '4:9-4:33 "data:/data${MODE:-:ro}"' },
    },
    {
      // Empty once its default applies: compose's error, and no field to point at.
      name: "a default that leaves the spec empty",
      item: '"${VOL:-}"',
      expected: { ...VOLUME, error: "invalid empty volume spec", span: '4:9-4:19 "${VOL:-}"' },
    },
    {
      name: "four fields: compose's error",
      item: "/a:/b:ro:x",
      expected: { ...BIND, source: "/a", target: "/b", bindSource: "absolute", error: "too many colons", span: "4:9-4:19 /a:/b:ro:x", sourceSpan: "4:9-4:11 /a", targetSpan: "4:12-4:14 /b" },
    },
  ])("$name: $item", ({ item, expected }) => {
    expect(volumes(short(item))).toEqual([expected]);
  });
});

describe("serviceVolumes: the long syntax", () => {
  const LONG = { form: "long", readOnly: false, certain: true, nocopy: false } as const;
  it.each([
    {
      name: "a bind mount of a file, flow style, read-only",
      code: "services:\n  web:\n    volumes:\n      - {type: bind, source: ./config.yml, target: /etc/app/config.yml, read_only: true}\n",
      expected: [
        {
          ...LONG,
          type: "bind",
          source: "./config.yml",
          target: "/etc/app/config.yml",
          readOnly: true,
          bindSource: "relative",
          span: "4:9-4:89 {type: bind, source: ./config.yml, target: /etc/app/config.yml, read_only: true}",
          typeSpan: "4:16-4:20 bind",
          sourceSpan: "4:30-4:42 ./config.yml",
          targetSpan: "4:52-4:71 /etc/app/config.yml",
          readOnlySpan: "4:73-4:88 read_only: true",
        },
      ],
    },
    {
      name: "bind options: create_host_path, propagation, selinux; a bare relative source",
      code: "services:\n  web:\n    volumes:\n      - type: bind\n        source: data\n        target: /data\n        bind:\n          create_host_path: false\n          propagation: rshared\n          selinux: Z\n",
      expected: [
        {
          ...LONG,
          type: "bind",
          source: "data",
          target: "/data",
          bindSource: "relative",
          createHostPath: false,
          propagation: "rshared",
          selinux: "Z",
          span: "4:9-10:21 type: bind\n        source: data\n        target: /data\n        bind:\n          create_host_path: false\n          propagation: rshared\n          selinux: Z",
          typeSpan: "4:15-4:19 bind",
          sourceSpan: "5:17-5:21 data",
          targetSpan: "6:17-6:22 /data",
        },
      ],
    },
    {
      name: "a named volume with nocopy; a tmpfs without a source; `read_only: \"yes\"` (compose's boolean cast)",
      code: 'services:\n  web:\n    volumes:\n      - type: volume\n        source: db\n        target: /var/lib/db\n        volume: {nocopy: true}\n      - type: tmpfs\n        target: /tmp\n        read_only: "yes"\n',
      expected: [
        { ...LONG, type: "volume", source: "db", target: "/var/lib/db", nocopy: true, named: "db", span: "4:9-7:31 type: volume\n        source: db\n        target: /var/lib/db\n        volume: {nocopy: true}", typeSpan: "4:15-4:21 volume", sourceSpan: "5:17-5:19 db", targetSpan: "6:17-6:28 /var/lib/db" },
        { ...LONG, type: "tmpfs", target: "/tmp", readOnly: true, span: '8:9-10:25 type: tmpfs\n        target: /tmp\n        read_only: "yes"', typeSpan: "8:15-8:20 tmpfs", targetSpan: "9:17-9:21 /tmp", readOnlySpan: '10:9-10:25 read_only: "yes"' },
      ],
    },
    {
      name: "defaults applied to type and source; `read_only` from a variable is not known",
      code: "services:\n  web:\n    volumes:\n      - type: ${KIND:-volume}\n        source: ${DB:-pgdata}\n        target: /data\n        read_only: ${RO}\n",
      expected: [
        {
          ...LONG,
          type: "volume",
          source: "pgdata",
          target: "/data",
          readOnly: undefined,
          named: "pgdata",
          span: "4:9-7:25 type: ${KIND:-volume}\n        source: ${DB:-pgdata}\n        target: /data\n        read_only: ${RO}",
          typeSpan: "4:15-4:30 ${KIND:-volume}",
          sourceSpan: "5:17-5:30 ${DB:-pgdata}",
          targetSpan: "6:17-6:22 /data",
          readOnlySpan: "7:9-7:25 read_only: ${RO}",
        },
      ],
    },
    {
      name: "a type from a variable without a default; a type compose does not know; no type",
      code: "services:\n  web:\n    volumes:\n      - {type: $KIND, source: x, target: /x}\n      - {type: disk, target: /y}\n      - {target: /z}\n",
      expected: [
        { ...LONG, certain: false, source: "x", target: "/x", span: "4:9-4:45 {type: $KIND, source: x, target: /x}", typeSpan: "4:16-4:21 $KIND", sourceSpan: "4:31-4:32 x", targetSpan: "4:42-4:44 /x" },
        { ...LONG, target: "/y", span: "5:9-5:33 {type: disk, target: /y}", typeSpan: "5:16-5:20 disk", targetSpan: "5:30-5:32 /y" },
        { ...LONG, target: "/z", span: "6:9-6:21 {target: /z}", targetSpan: "6:18-6:20 /z" },
      ],
    },
    {
      name: "npipe, cluster and image mounts",
      code: "services:\n  web:\n    volumes:\n      - {type: npipe, source: '\\\\.\\pipe\\docker_engine', target: '\\\\.\\pipe\\docker_engine'}\n      - {type: cluster, source: csi, target: /c}\n      - {type: image, source: 'alpine:3', target: /i}\n",
      expected: [
        { ...LONG, type: "npipe", source: "\\\\.\\pipe\\docker_engine", target: "\\\\.\\pipe\\docker_engine", span: "4:9-4:90 {type: npipe, source: '\\\\.\\pipe\\docker_engine', target: '\\\\.\\pipe\\docker_engine'}", typeSpan: "4:16-4:21 npipe", sourceSpan: "4:31-4:55 '\\\\.\\pipe\\docker_engine'", targetSpan: "4:65-4:89 '\\\\.\\pipe\\docker_engine'" },
        { ...LONG, type: "cluster", source: "csi", target: "/c", span: "5:9-5:49 {type: cluster, source: csi, target: /c}", typeSpan: "5:16-5:23 cluster", sourceSpan: "5:33-5:36 csi", targetSpan: "5:46-5:48 /c" },
        { ...LONG, type: "image", source: "alpine:3", target: "/i", span: "6:9-6:54 {type: image, source: 'alpine:3', target: /i}", typeSpan: "6:16-6:21 image", sourceSpan: "6:31-6:41 'alpine:3'", targetSpan: "6:51-6:53 /i" },
      ],
    },
    {
      // A colon inside a relative path is no drive letter.
      name: "a relative bind source holding a colon",
      code: "services:\n  web:\n    volumes:\n      - {type: bind, source: ./a:b, target: /x}\n",
      expected: [{ ...LONG, type: "bind", source: "./a:b", target: "/x", bindSource: "relative", span: "4:9-4:48 {type: bind, source: ./a:b, target: /x}", typeSpan: "4:16-4:20 bind", sourceSpan: "4:30-4:35 ./a:b", targetSpan: "4:45-4:47 /x" }],
    },
    {
      // No target written is no variable left: the mount is known (compose's schema requires a target).
      name: "a volume without a target",
      code: "services:\n  web:\n    volumes:\n      - {type: volume, source: data}\n",
      expected: [{ ...LONG, type: "volume", source: "data", named: "data", span: "4:9-4:37 {type: volume, source: data}", typeSpan: "4:16-4:22 volume", sourceSpan: "4:32-4:36 data" }],
    },
    {
      // `bind${S}` reads as `bind` with S unset, but S decides the type.
      name: "a type a variable without a default completes",
      code: 'services:\n  web:\n    volumes:\n      - {type: "bind${S}", source: /a, target: /b}\n',
      expected: [{ ...LONG, source: "/a", target: "/b", certain: false, span: '4:9-4:51 {type: "bind${S}", source: /a, target: /b}', typeSpan: '4:16-4:26 "bind${S}"', sourceSpan: "4:36-4:38 /a", targetSpan: "4:48-4:50 /b" }],
    },
  ])("$name", ({ code, expected }) => {
    expect(volumes(code)).toEqual(expected);
  });
});

describe("serviceVolumes: merges, aliases and flow style", () => {
  it.each([
    {
      name: "`volumes` merged with `<<`: the items where the anchor writes them",
      code: "x-base: &base\n  volumes:\n    - ./data:/data\nservices:\n  web:\n    <<: *base\n    image: nginx\n",
      expected: [{ ...BIND, source: "./data", target: "/data", bindSource: "relative", span: "3:7-3:19 ./data:/data", sourceSpan: "3:7-3:13 ./data", targetSpan: "3:14-3:19 /data" }],
    },
    {
      name: "an aliased item, and a long-syntax item that merges its options",
      code: "x-sock: &sock /var/run/docker.sock:/var/run/docker.sock\nx-bind: &bind {type: bind, read_only: true}\nservices:\n  web:\n    volumes:\n      - *sock\n      - <<: *bind\n        source: ./a\n        target: /a\n",
      expected: [
        { ...BIND, source: "/var/run/docker.sock", target: "/var/run/docker.sock", bindSource: "absolute", span: "1:15-1:56 /var/run/docker.sock:/var/run/docker.sock", sourceSpan: "1:15-1:35 /var/run/docker.sock", targetSpan: "1:36-1:56 /var/run/docker.sock" },
        { form: "long", type: "bind", source: "./a", target: "/a", readOnly: true, certain: true, nocopy: false, bindSource: "relative", span: "7:9-9:19 <<: *bind\n        source: ./a\n        target: /a", typeSpan: "2:22-2:26 bind", sourceSpan: "8:17-8:20 ./a", targetSpan: "9:17-9:19 /a", readOnlySpan: "2:28-2:43 read_only: true" },
      ],
    },
    {
      name: "a flow list, an aliased list",
      code: 'x-vols: &vols ["db:/db"]\nservices:\n  web:\n    volumes: [./a:/a, "db:/db"]\n  worker:\n    volumes: *vols\n',
      expected: [
        { ...BIND, source: "./a", target: "/a", bindSource: "relative", span: "4:15-4:21 ./a:/a", sourceSpan: "4:15-4:18 ./a", targetSpan: "4:19-4:21 /a" },
        { ...VOLUME, source: "db", target: "/db", named: "db", span: '4:23-4:31 "db:/db"', sourceSpan: "4:24-4:26 db", targetSpan: "4:27-4:30 /db" },
        { ...VOLUME, source: "db", target: "/db", named: "db", span: '1:16-1:24 "db:/db"', sourceSpan: "1:17-1:19 db", targetSpan: "1:20-1:23 /db" },
      ],
    },
  ])("$name", ({ code, expected }) => {
    expect(volumes(code)).toEqual(expected);
  });

  it("is computed once per service; lists every service's; finds the volume written around a span", () => {
    const model = parseCompose("services:\n  web:\n    volumes:\n      - ./a:/a\n      - {type: tmpfs, target: /t}\n  db:\n    volumes: [db:/db]\n");
    const [web, db] = model.services;
    expect(serviceVolumes(model, web)).toBe(serviceVolumes(model, web));
    expect(volumeMounts(model).map((v) => [v.service.name, v.target])).toEqual([["web", "/a"], ["web", "/t"], ["db", "/db"]]);
    const target = model.text.indexOf("/t}");
    expect(serviceVolumeAt(model, web, { start: target, end: target + 2 })?.type).toBe("tmpfs");
    expect(serviceVolumeAt(model, db, { start: target, end: target + 2 })).toBeUndefined();
    // The item's own span: from its first character to its last.
    const item = model.text.indexOf("./a:/a");
    expect(serviceVolumeAt(model, web, { start: item, end: item + 6 })?.target).toBe("/a");
  });
});

describe("parseVolumeSpec: compose-go's ParseVolume", () => {
  it.each([
    // TestParseVolumeSplitCases: whether compose-go finds a source.
    { spec: "C:\\foo:d:", source: "C:\\foo", target: "d:" },
    { spec: "/foo:/bar:ro", source: "/foo", target: "/bar", mode: "ro" },
    { spec: "C:\\foo\\:/foo", source: "C:\\foo\\", target: "/foo" },
    { spec: "d:\\", target: "d:\\" },
    { spec: "d:", target: "d:" },
    { spec: "d:\\path with space", target: "d:\\path with space" },
    { spec: "d:\\pathandmode:rw", source: "d:\\pathandmode", target: "rw" },
    { spec: "c:\\windows:d:\\s p a c e:RW", source: "c:\\windows", target: "d:\\s p a c e", mode: "RW" },
    { spec: "0123456789name:d:", source: "0123456789name", target: "d:" },
    { spec: "name:D::rW", source: "name", target: "D:", mode: "rW" },
    { spec: "c:/:d:/forward/slashes/are/good/too", source: "c:/", target: "d:/forward/slashes/are/good/too" },
    { spec: "..\\", target: "..\\" },
    { spec: "c:\\:d:\\:xyzzy", source: "c:\\", target: "d:\\", mode: "xyzzy" },
    { spec: "/tmp/x/y:/foo/x/y", source: "/tmp/x/y", target: "/foo/x/y" },
    { spec: "\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\inside", source: "\\\\.\\pipe\\docker_engine", target: "\\\\.\\pipe\\inside" },
    // TestParseVolumeMissingSource, TestParseVolumeTooManyColons, TestParseVolumeInvalidEmptySpec.
    { spec: ":foo", error: "empty section between colons" },
    { spec: "/foo::ro", source: "/foo", error: "empty section between colons" },
    { spec: "/foo:/foo:ro:foo", source: "/foo", target: "/foo", error: "too many colons" },
    { spec: "", error: "invalid empty volume spec" },
    // A spec of one or two bytes is a target, whatever it holds: `:a` is, `:é` (three bytes) is split.
    { spec: ":a", target: ":a" },
    { spec: ":é", error: "empty section between colons" },
    // U+0080 is the first code point of two bytes.
    { spec: ":\u0080", error: "empty section between colons" },
  ])("$spec", ({ spec, ...expected }) => {
    const parsed = parseVolumeSpec(spec);
    expect({ source: parsed.source, target: parsed.target, mode: parsed.mode, error: parsed.error }).toEqual(expected);
  });

  it.each([
    // TestParseVolumeBindMount, TestParseVolumeWindowsNamedPipe, TestIsFilePath, TestParseVolumeWithVolumeOptions.
    { source: "./foo", bind: true },
    { source: "~/thing", bind: true },
    { source: "../other", bind: true },
    { source: "/home/user", bind: true },
    { source: "D:\\path", bind: true },
    { source: "\\\\.\\pipe\\docker_engine", bind: true },
    { source: "a界", bind: false },
    { source: "name", bind: false },
    { source: "", bind: false },
    // A colon first is no drive letter.
    { source: ":data", bind: false },
  ])("isBindPath($source) is $bind", ({ source, bind }) => {
    expect(isBindPath(source)).toBe(bind);
  });

  it("reads the options of the mode: ro/rw, nocopy, a propagation, SELinux (TestParseVolumeWithBindOptions...)", () => {
    expect(parseVolumeSpec("/source:/target:ro,Z")).toMatchObject({ type: "bind", readOnly: true, selinux: "Z" });
    expect(parseVolumeSpec("/source:/target:slave")).toMatchObject({ type: "bind", readOnly: false, propagation: "slave" });
    expect(parseVolumeSpec("name:/target:nocopy")).toMatchObject({ type: "volume", nocopy: true });
    expect(parseVolumeSpec("name:/target:bogus")).toMatchObject({ type: "volume", error: undefined });
  });

  it("cleans a target as Go's path.Clean does", () => {
    expect(["/data/", "/a/./b/..", "//x", "/", "rel/", "d:\\target"].map(cleanTarget)).toEqual(["/data", "/a", "/x", "/", "rel", "d:\\target"]);
  });

  it("tells the Docker socket", () => {
    expect(["/var/run/docker.sock", "/run/docker.sock", "//var/run/./docker.sock", "/var/run/docker.sock/", "./docker.sock", "/var/run/docker.sock.bak", "/var/run/docker.sock ", " /var/run/docker.sock"].map(isDockerSocketPath)).toEqual([true, true, true, true, false, false, true, false]);
  });
});

describe("volumeDeclarations", () => {
  it("reads external (compose's cast, the legacy `{name}` form, a variable), name with defaults, and spans", () => {
    const code =
      "services:\n  web:\n    image: nginx\nvolumes:\n  db:\n  ext:\n    external: true\n  legacy:\n    external:\n      name: real_data\n  named:\n    name: ${VOL_NAME:-app_data}\n  unknown:\n    external: ${EXT}\n  cast:\n    external: \"yes\"\n";
    const model = parseCompose(code);
    expect(
      volumeDeclarations(model).map((v) => ({
        key: v.key,
        external: v.external,
        name: v.name,
        nameCertain: v.nameCertain,
        host: hostVolumeName(v),
        keySpan: spanText(model, v.keySpan),
        externalSpan: spanText(model, v.externalSpan),
        nameSpan: spanText(model, v.nameSpan),
      })),
    ).toEqual([
      { key: "db", external: false, nameCertain: true, keySpan: "5:3-5:5 db" },
      { key: "ext", external: true, nameCertain: true, host: "ext", keySpan: "6:3-6:6 ext", externalSpan: "7:5-7:19 external: true" },
      { key: "legacy", external: true, name: "real_data", nameCertain: true, host: "real_data", keySpan: "8:3-8:9 legacy", externalSpan: "9:5-10:22 external:\n      name: real_data", nameSpan: "10:13-10:22 real_data" },
      { key: "named", external: false, name: "app_data", nameCertain: true, host: "app_data", keySpan: "11:3-11:8 named", nameSpan: "12:11-12:32 ${VOL_NAME:-app_data}" },
      { key: "unknown", external: undefined, nameCertain: true, keySpan: "13:3-13:10 unknown", externalSpan: "14:5-14:21 external: ${EXT}" },
      { key: "cast", external: true, nameCertain: true, host: "cast", keySpan: "15:3-15:7 cast", externalSpan: '16:5-16:20 external: "yes"' },
    ]);
    expect(volumeDeclaration(model, "ext")?.external).toBe(true);
    expect(volumeDeclaration(model, "missing")).toBeUndefined();
  });

  it("reads declarations merged with `<<` and across documents", () => {
    const model = parseCompose("x-vol: &vol\n  external: true\nvolumes:\n  a:\n    <<: *vol\n---\nvolumes:\n  b: {name: bee}\n");
    expect(volumeDeclarations(model).map((v) => [v.key, v.external, hostVolumeName(v), spanText(model, v.externalSpan)])).toEqual([
      ["a", true, "a", "2:3-2:17 external: true"],
      ["b", false, "bee", undefined],
    ]);
  });
});
