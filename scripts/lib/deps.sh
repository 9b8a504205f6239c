# Sourced by scripts/ensure-deps.sh (and by the tests that check it): what
# the gateway needs from the machine, where to find it, and how to get it.
# Plain bash 3.2 (macOS's): no associative arrays, no mapfile.

# The Chrome or Chromium the browser tests drive: CHROME_PATH when set (it
# must be an executable), else the first found on PATH, else the usual
# install places (Debian, snap, macOS). Prints its path; fails when none.
find_chrome() {
  if [ -n "${CHROME_PATH:-}" ]; then
    if [ -f "$CHROME_PATH" ] && [ -x "$CHROME_PATH" ]; then echo "$CHROME_PATH"; return 0; fi
    echo "CHROME_PATH=$CHROME_PATH is not an executable file" >&2
    return 1
  fi
  local name candidate
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" > /dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  for candidate in /usr/bin/chromium /usr/lib/chromium/chromium /snap/bin/chromium /opt/google/chrome/chrome \
    "/Applications/Chromium.app/Contents/MacOS/Chromium" "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" \
    "${HOME:-/nonexistent}/Applications/Chromium.app/Contents/MacOS/Chromium" "${HOME:-/nonexistent}/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

# True when node is Node.js 20 or later.
node_ok() {
  command -v node > /dev/null 2>&1 || return 1
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2> /dev/null) || return 1
  [ "${major:-0}" -ge 20 ] 2> /dev/null
}

# missing_tools [--for-tests]: the missing tools, one word each (node,
# redis-server, chromium, promtool). `npm start` needs node, and
# redis-server unless REDIS_URL points at a Redis of your own; the tests
# also need redis-server (they start their own), a Chrome or Chromium and
# promtool.
missing_tools() {
  local for_tests=0 missing=""
  [ "${1:-}" = "--for-tests" ] && for_tests=1
  node_ok || missing="$missing node"
  if [ "$for_tests" = 1 ] || [ -z "${REDIS_URL:-}" ]; then
    command -v redis-server > /dev/null 2>&1 || missing="$missing redis-server"
  fi
  if [ "$for_tests" = 1 ]; then
    find_chrome > /dev/null 2>&1 || missing="$missing chromium"
    command -v promtool > /dev/null 2>&1 || missing="$missing promtool"
  fi
  echo "${missing# }"
}

# True on Debian or Ubuntu (or a derivative) where apt can install: as root,
# or with sudo that needs no password or can ask for one on this terminal.
apt_usable() {
  [ -r /etc/debian_version ] && command -v apt-get > /dev/null 2>&1 || return 1
  [ "$(id -u)" -eq 0 ] && return 0
  command -v sudo > /dev/null 2>&1 || return 1
  sudo -n true 2> /dev/null || [ -t 0 ]
}

# The Debian (or Ubuntu) package that brings a tool. Ubuntu names its
# Chromium chromium-browser (a package that installs the snap).
apt_package() {
  case $1 in
    redis-server) echo redis-server ;;
    chromium) if grep -qs '^ID=ubuntu' /etc/os-release; then echo chromium-browser; else echo chromium; fi ;;
    promtool) echo prometheus ;;
    *) return 1 ;;
  esac
}

# missing_report OS TOOL...: what is missing and how to get it, for OS as
# `uname -s` names it (Darwin: Homebrew; Linux: apt or the distribution's
# packages). Nothing is installed.
missing_report() {
  local os=$1 tool
  shift
  echo "✗ missing: $*"
  for tool; do
    case "$os:$tool" in
      Darwin:node) echo "  node          Node.js 20 or later: brew install node@22 (https://brew.sh), or https://nodejs.org" ;;
      Darwin:redis-server) echo "  redis-server  brew install redis (or set REDIS_URL to a Redis of your own for npm start)" ;;
      Darwin:chromium) echo "  chromium      brew install --cask chromium, or install Google Chrome; or set CHROME_PATH to a Chrome or Chromium binary" ;;
      Darwin:promtool) echo "  promtool      brew install prometheus" ;;
      *:node) echo "  node          Node.js 20 or later: https://nodejs.org or your distribution's nodejs package" ;;
      *:redis-server) echo "  redis-server  Debian/Ubuntu: apt-get install redis-server; other distributions: their redis package (or set REDIS_URL to a Redis of your own for npm start)" ;;
      *:chromium) echo "  chromium      Debian: apt-get install chromium; other distributions: their chromium or Google Chrome; or set CHROME_PATH to a Chrome or Chromium binary" ;;
      *:promtool) echo "  promtool      Debian/Ubuntu: apt-get install --no-install-recommends prometheus; elsewhere: the prometheus release tarball (https://prometheus.io/download/) puts promtool on PATH" ;;
    esac
  done
  if [ "$os" = Linux ]; then
    echo "  On Debian or Ubuntu, run scripts/ensure-deps.sh as root or with sudo to have apt install them."
  fi
}
