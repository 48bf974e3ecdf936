# Sourced by bin/* launchers and .ci/run: selects a JDK 25 or newer into JAVA_HOME.
#
# Order: $JAVA_HOME when it is 25 or newer; otherwise the newest JDK >= 25 under /usr/lib/jvm.
# Fails with a clear message when there is none.

stoker_java_feature() { # prints the feature release of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/java" ] && [ -f "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

stoker_select_java() {
  local v best="" best_v=0 dir
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(stoker_java_feature "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then
      export JAVA_HOME
      return 0
    fi
  fi
  for dir in /usr/lib/jvm/*; do
    [ -d "$dir" ] && [ ! -L "$dir" ] || continue
    v=$(stoker_java_feature "$dir")
    if [ -n "$v" ] && [ "$v" -ge 25 ] && [ "$v" -gt "$best_v" ]; then
      best="$dir"
      best_v="$v"
    fi
  done
  if [ -z "$best" ]; then
    echo "stoker: no JDK 25 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, nothing >= 25 under /usr/lib/jvm)." >&2
    echo "stoker: install one (for example Temurin 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
