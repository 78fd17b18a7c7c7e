#!/usr/bin/env bash
# Slipway bootstrap: find dotnet, compile the build only when its sources changed, run it.
#   ./build.sh [targets…] [--options…]      (./build.sh --help lists targets and parameters)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMP="$ROOT/.nuke/temp"
BIN="$TEMP/bin"
STAMP_FILE="$TEMP/build.stamp"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "build.sh: $*" >&2; exit 1; }

find_dotnet() {
  if command -v dotnet >/dev/null 2>&1; then command -v dotnet
  elif [[ -n "${DOTNET_ROOT:-}" && -x "$DOTNET_ROOT/dotnet" ]]; then echo "$DOTNET_ROOT/dotnet"
  elif [[ -x "$HOME/.dotnet/dotnet" ]]; then echo "$HOME/.dotnet/dotnet"
  else fail "dotnet was not found on PATH, in \$DOTNET_ROOT or in ~/.dotnet. Install the .NET SDK named in global.json."
  fi
}

SOURCES=(build src/Slipway.Engine src/Slipway.Delivery src/Slipway.LocalStack src/Packaging.props
         charts/slipway-component global.json Directory.Build.props nuget.config)
# A repository that adopted Slipway has only some of these: its build takes Slipway as packages.
present=()
for source in "${SOURCES[@]}"; do if [[ -e "$ROOT/$source" ]]; then present+=("$source"); fi; done
SOURCES=("${present[@]}")

# A fingerprint of everything the build is compiled from. In a git checkout: each file's content id (git's, from the
# index for unchanged files, hashed for changed and untracked ones), so the same content gives the same stamp on any
# machine and across commits (a CI job reuses the build an earlier job compiled). Elsewhere: paths, sizes and times.
stamp() {
  cd "$ROOT"
  local changed
  # changed and untracked files, by path from here (also when this folder is not the top of its git repository)
  if changed="$(git -c core.quotePath=false ls-files --modified --others --exclude-standard -- "${SOURCES[@]}" \
                2>/dev/null)"; then
    {
      git ls-files -s -- "${SOURCES[@]}" | awk -F'\t' '{ split($1, f, " "); print $2 "\t" f[2] }'
      if [[ -n "$changed" ]]; then
        local files
        files="$(LC_ALL=C sort -u <<< "$changed")"
        while IFS= read -r file; do [[ -f "$file" ]] || printf '%s\tdeleted\n' "$file"; done <<< "$files"
        paste <(while IFS= read -r file; do [[ -f "$file" ]] && echo "$file"; done <<< "$files") \
              <(while IFS= read -r file; do [[ -f "$file" ]] && echo "$file"; done <<< "$files" | git hash-object --stdin-paths)
      fi
    } | awk -F'\t' '{ id[$1] = $2 } END { for (p in id) if (id[p] != "deleted") print p "\t" id[p] }' \
      | LC_ALL=C sort | cksum | cut -d' ' -f1
    return
  fi
  {
    find "${SOURCES[@]}" \( -name bin -o -name obj -o -name Properties \) -prune -o -type f \( -name '*.cs' -o \
      -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' -o -name '*.config' -o -name '*.sh' \
      -o -name '*.go' -o -name '*.yaml' -o -name '*.tpl' \) -printf '%p %s %T@\n'
  } | sort | cksum | cut -d' ' -f1
}

# global.json names a version and rollForward latestFeature: any SDK of the same major.minor, feature band at least as high.
check_sdk() {
  [[ -f "$ROOT/global.json" ]] || return 0  # none yet (a repository adopting Slipway): any SDK
  local wanted installed
  wanted="$(sed -n 's/.*"version" *: *"\([0-9.]*\)".*/\1/p' "$ROOT/global.json" | head -1)"
  installed="$("$1" --list-sdks 2>/dev/null | cut -d' ' -f1 | sort -V)"
  local major_minor="${wanted%.*}" band="${wanted##*.}"
  while read -r version; do
    [[ "${version%.*}" == "$major_minor" && "${version##*.}" =~ ^[0-9]+$ && "${version##*.}" -ge "$band" ]] && return 0
  done <<< "$installed"
  fail "global.json needs .NET SDK $major_minor.x (at least $wanted); found: ${installed:-none}. Install it, or point DOTNET_ROOT at one."
}

# crossgen skips an assembly whose precompiled copy is newer than it; NuGet keeps archive dates, so after a package
# change the old version's precompiled copy would be published: when the restored packages change, start afresh.
forget_stale_precompiled() {
  local obj="$TEMP/bootstrap/obj" stamp="$TEMP/bootstrap/packages.stamp" packages
  packages="$(cat "$obj"/*/project.assets.json 2>/dev/null | sha256sum | cut -c1-16)"
  if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$packages" ]]; then
    find "$obj" -type d -name R2R -prune -exec rm -rf {} + 2>/dev/null || true
    echo "$packages" > "$stamp"
  fi
}

compile() {
  local dotnet="$1" current="$2"
  mkdir -p "$TEMP"
  # The lock is held only while compiling (in a subshell), so nothing the build starts later inherits it.
  (
    flock 9
    # Another build.sh may have compiled while this one waited.
    if [[ -f "$STAMP_FILE" && "$(cat "$STAMP_FILE")" == "$current" && -f "$BIN/_build.dll" ]]; then exit 0; fi
    check_sdk "$dotnet"
    echo "Compiling the build (its sources changed)…" >&2
    local project="$ROOT/build/_build.csproj" log="$TEMP/build-compile.log"
    # SlipwayBootstrap keeps this compile's obj/ and bin/ in .nuke/temp (Directory.Build.props), apart from IDE and test builds.
    local common=(--nologo -v quiet -clp:ErrorsOnly -p:UseSharedCompilation=false -p:SlipwayBootstrap=true)
    # A fresh output folder, swapped in whole: copying over the old one keeps a package's file when the new version's
    # is older on disk (NuGet keeps archive dates), and would rewrite files a running build has mapped.
    local NEXT="$BIN.next"
    rm -rf "$NEXT"
    local rid
    rid="$("$dotnet" --info 2>/dev/null | awk '$1 == "RID:" { print $2; exit }')"
    # ReadyToRun (precompiled) starts faster than JIT; it needs the SDK's crossgen package, else a plain build is used.
    if [[ -n "$rid" ]] && "$dotnet" restore "$project" -r "$rid" -p:PublishReadyToRun=true "${common[@]}" >"$log" 2>&1; then
      forget_stale_precompiled
      "$dotnet" publish "$project" --no-restore -r "$rid" --self-contained false -p:PublishReadyToRun=true --output "$NEXT" "${common[@]}" >"$log" 2>&1 \
        || { cat "$log" >&2; fail "compiling build/_build.csproj failed (full log: .nuke/temp/build-compile.log)."; }
      rm -f "$TEMP/build-compile-r2r.log"
    else
      cp "$log" "$TEMP/build-compile-r2r.log" 2>/dev/null || true
      echo "ReadyToRun is unavailable (no crossgen package for ${rid:-this platform}; .nuke/temp/build-compile-r2r.log): compiling without it." >&2
      "$dotnet" build "$project" --output "$NEXT" "${common[@]}" >"$log" 2>&1 \
        || { cat "$log" >&2; fail "compiling build/_build.csproj failed (full log: .nuke/temp/build-compile.log)."; }
    fi
    rm -rf "$BIN.old"
    if [[ -d "$BIN" ]]; then mv "$BIN" "$BIN.old"; fi
    mv "$NEXT" "$BIN"
    echo "$current" > "$STAMP_FILE"
  ) 9>"$TEMP/build.lock"
}

DOTNET="$(find_dotnet)"
CURRENT="$(stamp)"
if [[ ! -f "$STAMP_FILE" || "$(cat "$STAMP_FILE")" != "$CURRENT" || ! -f "$BIN/_build.dll" ]]; then
  compile "$DOTNET" "$CURRENT"
fi
exec "$DOTNET" "$BIN/_build.dll" "$@"
