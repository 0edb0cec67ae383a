#!/usr/bin/env bash
# Installs what the end-to-end tests need, from the npm registry and Debian's
# packages only: code-server (VS Code for the browser) into DEST, and Debian's
# chromium, ripgrep and the Kerberos headers code-server's native modules build
# against. Run by test/e2e/global-setup.ts when DEST holds no finished install;
# run it by hand to prepare a machine:
#
#   bash scripts/install-e2e-tools.sh [DEST]
#
# DEST defaults to ~/.cache/elestio-compose-e2e/code-server-$VERSION. Why the
# extra steps: code-server's own postinstall downloads ripgrep from outside the
# package registries and refuses to run as root, so scripts are skipped, the
# native modules are rebuilt here and ripgrep comes from Debian.
# code-server 4.100.3 (VS Code 1.100.3) is the newest release that runs on Node 20.
set -euo pipefail
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
DEST="${1:-$HOME/.cache/elestio-compose-e2e/code-server-$VERSION}"
MARKER="$DEST/.elestio-e2e-installed"

missing=()
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v make >/dev/null 2>&1 || missing+=(build-essential)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "install-e2e-tools: needs the Debian packages ${missing[*]} (run as root, or install them first)" >&2
    exit 1
  fi
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo)
  echo "install-e2e-tools: installing Debian packages: ${missing[*]}"
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -f "$MARKER" ] && [ -f "$DEST/node_modules/code-server/out/node/entry.js" ]; then
  echo "install-e2e-tools: code-server $VERSION already in $DEST"
  exit 0
fi

echo "install-e2e-tools: installing code-server $VERSION into $DEST (a few minutes, once)"
rm -f "$MARKER"
mkdir -p "$DEST"
cd "$DEST"
[ -f package.json ] || echo '{"name":"elestio-compose-e2e-code-server","private":true}' > package.json
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# node-gyp builds the native modules against the running node's headers: those installed with it
# (Debian's nodejs ships them in /usr/include/node), never a download from outside the registries.
node_prefix="$(dirname "$(dirname "$(command -v node)")")"
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/node_api.h" ]; then
  export npm_config_nodedir="$node_prefix"
fi
npm install --ignore-scripts --no-save "code-server@$VERSION" >/dev/null
npm rebuild argon2 >/dev/null
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts >/dev/null
npm rebuild kerberos node-pty @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd extensions && npm install --omit=dev --ignore-scripts >/dev/null)
date -u +%FT%TZ > "$MARKER"
echo "install-e2e-tools: code-server $VERSION installed: node $DEST/node_modules/code-server/out/node/entry.js"
