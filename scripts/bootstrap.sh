#!/usr/bin/env bash
# Bring a Debian 12 machine to the state the project needs: Debian packages, a running
# PostgreSQL with a role for the current user, and the virtual environment .venv.
#
# Idempotent: a second run with everything in place installs nothing and takes a second or
# two. Every change it makes is printed first, as a line starting with "bootstrap:".
#
#   scripts/bootstrap.sh            run every step
#   source scripts/bootstrap.sh     define the steps only (scripts/test, scripts/demo do this)
#
# Environment:
#   FRAMEWORK_TEST_PG   when set, tests use that PostgreSQL server: the local one is neither
#                       installed nor started.
#   FRAMEWORK_PG_CLUSTER  the local cluster to start (default: main)

set -euo pipefail

FRAMEWORK_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian's interpreter, not a pyenv build on PATH: Apache's www-data must be able to read it.
FRAMEWORK_SYSTEM_PYTHON=/usr/bin/python3

# What a bare Debian 12 (python3, ca-certificates, curl, git, procps) lacks. build-essential
# rather than gcc alone: --no-install-recommends would leave out libc6-dev, which mod_wsgi's
# build needs. psycopg2-binary bundles libpq, and C.UTF-8 ships with libc, so neither libpq-dev
# nor locales is needed (postgresql pulls locales in anyway). Chromium gets a font through
# fontconfig-config. postgresql is added below unless FRAMEWORK_TEST_PG names another server.
FRAMEWORK_DEBIAN_PACKAGES=(
    python3-venv python3-dev build-essential
    apache2 apache2-dev
    chromium
    wrk
    memcached
    sqlmap
)

say() { printf 'bootstrap: %s\n' "$*" >&2; }

die() {
    printf 'bootstrap: error: %s\n' "$*" >&2
    exit 1
}

# Commands that need root go through as_root: plain when root, sudo otherwise.
FRAMEWORK_SUDO=()
bootstrap_require_root() {
    if [ "$(id -u)" -eq 0 ]; then
        FRAMEWORK_SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
        FRAMEWORK_SUDO=(sudo)
    else
        die "not running as root and sudo is not installed: run this as root, or install sudo and give $(id -un) the right to use it"
    fi
}

as_root() { "${FRAMEWORK_SUDO[@]}" "$@"; }

# Run a command as another user from /, so that it does not complain about an unreadable cwd.
as_user() {
    local user=$1
    shift
    (cd / && as_root runuser -u "$user" -- "$@")
}

debian_package_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

bootstrap_packages() {
    local packages=("${FRAMEWORK_DEBIAN_PACKAGES[@]}") missing=() package
    if [ -z "${FRAMEWORK_TEST_PG:-}" ]; then
        packages+=(postgresql)
    fi
    for package in "${packages[@]}"; do
        debian_package_installed "$package" || missing+=("$package")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "Debian packages: all present"
        return
    fi
    say "Debian packages: installing ${missing[*]}"
    say "running apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    say "running apt-get install -y --no-install-recommends ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Newest PostgreSQL major version installed (from /etc/postgresql, else /usr/lib/postgresql).
postgresql_version() {
    local dir
    for dir in /etc/postgresql /usr/lib/postgresql; do
        if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
            find "$dir" -mindepth 1 -maxdepth 1 -printf "%f\n" | sort -V | tail -n 1
            return
        fi
    done
}

bootstrap_postgresql() {
    if [ -n "${FRAMEWORK_TEST_PG:-}" ]; then
        say "PostgreSQL: FRAMEWORK_TEST_PG is set, tests use that server; the local one is left alone"
        return
    fi
    local version port='' status='' user exists tries cluster=${FRAMEWORK_PG_CLUSTER:-main}
    version=$(postgresql_version)
    [ -n "$version" ] || die "PostgreSQL is not installed (no /etc/postgresql/<version>): install the Debian package postgresql"
    if [ ! -f "/etc/postgresql/$version/$cluster/postgresql.conf" ]; then
        say "PostgreSQL $version: creating the cluster '$cluster' (pg_createcluster $version $cluster)"
        as_root pg_createcluster "$version" "$cluster" >/dev/null
    fi
    read -r port status < <(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3, $4 }') || true
    [ -n "${port:-}" ] || die "pg_lsclusters does not list the cluster $version/$cluster"
    if [[ "$status" != online* ]]; then
        say "PostgreSQL $version/$cluster is $status: starting it (pg_ctlcluster --skip-systemctl-redirect $version $cluster start)"
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start
    fi
    tries=0
    until as_user postgres pg_isready -q -p "$port"; do
        tries=$((tries + 1))
        if [ "$tries" -ge 30 ]; then
            die "PostgreSQL $version/$cluster does not accept connections on port $port after 30 s: see /var/log/postgresql/postgresql-$version-$cluster.log"
        fi
        [ "$tries" -eq 1 ] && say "PostgreSQL: waiting for the server to accept connections (30 s at most)"
        sleep 1
    done
    # libpq (and so the tests' Unix-socket connection) finds a cluster off 5432 through PGPORT.
    if [ "$port" != 5432 ] && [ -z "${PGPORT:-}" ]; then
        say "PostgreSQL $version/$cluster listens on port $port: exporting PGPORT=$port"
        export PGPORT=$port
    fi
    user=$(id -un)
    exists=$(as_user postgres psql -X -q -t -A -p "$port" -d postgres \
        -c "SELECT 1 FROM pg_roles WHERE rolname = '$user'")
    if [ "$exists" = 1 ]; then
        say "PostgreSQL $version/$cluster: running on port $port, role '$user' present"
    else
        say "PostgreSQL: creating the superuser role '$user' (peer authentication through the Unix socket)"
        as_user postgres psql -X -q -p "$port" -d postgres -c "CREATE ROLE \"$user\" SUPERUSER LOGIN" >/dev/null
    fi
}

# Fingerprint of the files that decide what the venv holds.
venv_fingerprint() {
    cat "$FRAMEWORK_REPO/pyproject.toml" "$FRAMEWORK_REPO/setup.py" | sha256sum | cut -d' ' -f1
}

bootstrap_venv() {
    local venv="$FRAMEWORK_REPO/.venv" stamp want
    stamp="$venv/.bootstrap-stamp"
    # www-data reads the venv under mod_wsgi, whatever this shell's umask.
    umask 022
    if [ -x "$venv/bin/python" ] && grep -qx 'home = /usr/bin' "$venv/pyvenv.cfg" 2>/dev/null; then
        :
    else
        if [ -e "$venv" ]; then
            say "virtual environment: $venv was not built from $FRAMEWORK_SYSTEM_PYTHON, rebuilding it"
            rm -rf "$venv"
        fi
        say "virtual environment: creating $venv from $FRAMEWORK_SYSTEM_PYTHON"
        "$FRAMEWORK_SYSTEM_PYTHON" -m venv --upgrade-deps "$venv"
    fi
    want=$(venv_fingerprint)
    if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
        say "virtual environment: up to date ($venv)"
        return
    fi
    # --no-cache-dir: a cached mod_wsgi wheel may be linked against another libpython.
    say "virtual environment: pip install --no-cache-dir -e '.[test,postgresql,apache]'"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-cache-dir \
        -e "${FRAMEWORK_REPO}[test,postgresql,apache]"
    echo "$want" >"$stamp"
}

# First directory from / down to $1 that www-data cannot search, if any.
first_closed_parent() {
    local path=$1 prefix="" part
    local -a parts
    IFS=/ read -r -a parts <<<"${path#/}"
    for part in "${parts[@]}"; do
        prefix="$prefix/$part"
        if ! as_user www-data test -x "$prefix"; then
            echo "$prefix"
            return
        fi
    done
}

# True when Apache's www-data can read the checkout (the editable install points at it) and,
# once it exists, the venv. Prints why not on failure.
www_data_can_read() {
    local repo=${1:-$FRAMEWORK_REPO} closed
    if ! id www-data >/dev/null 2>&1; then
        say "the user www-data does not exist (it comes with the Debian package apache2)"
        return 1
    fi
    closed=$(first_closed_parent "$repo")
    if [ -n "$closed" ]; then
        say "Apache's user www-data cannot enter $closed (mode $(stat -c %a "$closed")), so it cannot read the checkout $repo"
        return 1
    fi
    if ! as_user www-data test -r "$repo/framework/__init__.py"; then
        say "Apache's user www-data cannot read $repo/framework/__init__.py"
        return 1
    fi
    if [ -e "$repo/.venv/bin/python" ] && ! as_user www-data test -x "$repo/.venv/bin/python"; then
        say "Apache's user www-data cannot run $repo/.venv/bin/python"
        return 1
    fi
}

# Every step; scripts that need www-data's access check it themselves (they differ in what
# they do about it).
bootstrap_all() {
    bootstrap_require_root
    bootstrap_packages
    bootstrap_postgresql
    bootstrap_venv
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    bootstrap_all
    if www_data_can_read "$FRAMEWORK_REPO"; then
        say "Apache's user www-data can read the checkout and the venv"
    else
        say "warning: Apache/mod_wsgi cannot serve from this checkout; scripts/test runs from a readable copy instead"
    fi
    say "done"
fi
