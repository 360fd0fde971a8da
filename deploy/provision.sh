#!/usr/bin/env bash
# Provision the demo news site: Apache + mod_wsgi (daemon mode) + PostgreSQL, idempotently.
#
# Run as root on Debian 12 (the Vagrantfile runs it in the VM; the test suite runs it on
# the host with its own directory, port and database). A second run changes nothing and
# leaves the site serving; a run after the sources changed reinstalls and reloads.
#
# Environment (defaults in brackets):
#   NEWSROOM_SOURCE    the repository to install from [the checkout holding this script]
#   NEWSROOM_DIR       install directory: src/, venv/, data/, apache/, etc/ [/srv/newsroom]
#   NEWSROOM_HOST      address Apache listens on [127.0.0.1]
#   NEWSROOM_PORT      port Apache listens on [8000]
#   NEWSROOM_DB        PostgreSQL database, also the name of its owner role [newsroom]
#   NEWSROOM_PGPORT    port of the local PostgreSQL cluster [5432]
#   NEWSROOM_ALLOWED_HOSTS  extra host names, comma-separated (e.g. the VM's name) []
#   NEWSROOM_APT=0     never run apt-get (fail instead when a package is missing) [1]
#   NEWSROOM_SEED_SCALE  fraction of the demo articles seed_demo creates [1]
#
# What it does: installs the Debian packages that are missing; starts PostgreSQL if it is
# down; creates the role and database; copies the project into $NEWSROOM_DIR/src and
# pip-installs it into $NEWSROOM_DIR/venv (only when the sources changed); writes the
# deployment settings; runs `manage.py apache setup`, `collectstatic`, `migrate`,
# `seed_demo`, creates the 'admin' superuser, and starts the project's own httpd (or
# reloads it after a change). The admin password is printed at the end.

set -euo pipefail
umask 022

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(cd "${NEWSROOM_SOURCE:-$here/..}" && pwd)
# shellcheck source=demo-lib.sh
source "$source_dir/deploy/demo-lib.sh"
DEMO_LOG_PREFIX=provision

dir=${NEWSROOM_DIR:-/srv/newsroom}
host=${NEWSROOM_HOST:-127.0.0.1}
port=${NEWSROOM_PORT:-8000}
db=${NEWSROOM_DB:-newsroom}
pgport=${NEWSROOM_PGPORT:-5432}
seed_scale=${NEWSROOM_SEED_SCALE:-1}
packages=(apache2 apache2-dev python3-venv python3-dev build-essential postgresql rsync)

die() {
    demo_say "error: $*"
    exit 1
}

[ "$(id -u)" = 0 ] || die "run me as root (sudo $0): I install packages and start services"
[[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || die "NEWSROOM_DB=$db: use lower-case letters, digits and _"
[[ "$port" =~ ^[0-9]+$ ]] || die "NEWSROOM_PORT=$port is not a port number"
[ -f "$source_dir/demo/manage.py" ] || die "NEWSROOM_SOURCE=$source_dir holds no demo/manage.py"

# ---------------------------------------------------------------- Debian packages
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    [ "${NEWSROOM_APT:-1}" != 0 ] || die "missing Debian packages: ${missing[*]} (NEWSROOM_APT=0)"
    demo_say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    demo_say "Debian packages: all present"
fi

# ---------------------------------------------------------------- PostgreSQL
pg_version=$(pg_lsclusters -h | awk -v p="$pgport" '$3 == p { print $1; exit }')
pg_cluster=$(pg_lsclusters -h | awk -v p="$pgport" '$3 == p { print $2; exit }')
[ -n "$pg_version" ] || die "no PostgreSQL cluster listens on port $pgport (pg_lsclusters)"
if ! runuser -u postgres -- pg_isready -q -p "$pgport"; then
    demo_say "PostgreSQL $pg_version/$pg_cluster is down: starting it"
    pg_ctlcluster --skip-systemctl-redirect "$pg_version" "$pg_cluster" start
    for _ in $(seq 30); do
        runuser -u postgres -- pg_isready -q -p "$pgport" && break
        sleep 1
    done
fi
runuser -u postgres -- pg_isready -q -p "$pgport" || die "PostgreSQL does not answer on $pgport"
mkdir -p "$dir/etc" "$dir/data"
chmod 755 "$dir" "$dir/data"
chmod 700 "$dir/etc"
demo_pg_database "$pgport" "$db" "$db" "$dir/etc/db-password"

# ---------------------------------------------------------------- sources and venv
# Only what the project needs (the package, its Apache layer and templates, the demo):
# no .git, virtual environments, tests, caches or local data.
mkdir -p "$dir/src"
rsync -a --omit-dir-times --delete --checksum --itemize-changes \
    --exclude=__pycache__ --exclude='*.pyc' --exclude=/demo/var \
    --filter='protect /demo/newsroom/deploy_settings.py' \
    --exclude=/demo/newsroom/deploy_settings.py \
    --include='/framework/***' --include='/apache/***' --include='/conf/***' \
    --include='/demo/***' --include='/deploy/***' --include=/pyproject.toml \
    --include=/setup.py --include=/README.md --include=/MANIFEST.in --include='/LICENSE*' \
    --exclude='*' \
    "$source_dir/" "$dir/src/" >"$dir/etc/rsync.log"
if [ -s "$dir/etc/rsync.log" ]; then
    demo_say "sources: $(wc -l <"$dir/etc/rsync.log") changes copied into $dir/src"
else
    demo_say "sources: $dir/src is up to date"
fi
stamp=$( (cat "$dir/src/pyproject.toml" "$dir/src/setup.py" 2>/dev/null; find "$dir/src/framework" "$dir/src/apache" "$dir/src/conf" -type f -name '*' ! -path '*/__pycache__/*' -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16)
code_changed=
if [ ! -x "$dir/venv/bin/python" ]; then
    demo_say "virtual environment: creating $dir/venv from /usr/bin/python3"
    /usr/bin/python3 -m venv "$dir/venv"
fi
if [ "$(cat "$dir/etc/venv.stamp" 2>/dev/null)" != "$stamp" ]; then
    # --no-cache-dir: a cached mod_wsgi wheel may be linked against another libpython.
    demo_say "virtual environment: pip install $dir/src[postgresql,apache] (builds mod_wsgi)"
    "$dir/venv/bin/pip" install -q --disable-pip-version-check --no-cache-dir \
        "$dir/src[postgresql,apache]"
    rm -rf "$dir/src/build" "$dir/src/"*.egg-info  # pip's in-tree build leftovers
    # Optional: the Rust sanitiser; the demo falls back to its own without it.
    "$dir/venv/bin/pip" install -q --disable-pip-version-check nh3 ||
        demo_say "nh3 not installed: article bodies use the html.parser sanitiser"
    echo "$stamp" >"$dir/etc/venv.stamp"
    code_changed=1
else
    demo_say "virtual environment: up to date"
fi
[ -s "$dir/etc/rsync.log" ] && code_changed=1

# ---------------------------------------------------------------- settings
if [ ! -s "$dir/etc/secret-key" ]; then
    (umask 077 && /usr/bin/python3 -c 'import secrets; print(secrets.token_urlsafe(50))' >"$dir/etc/secret-key")
fi
settings_file="$dir/src/demo/newsroom/deploy_settings.py"
new_settings=$(
    cat <<PY
"""Deployment settings written by deploy/provision.sh: PostgreSQL, DEBUG off, Apache."""

from newsroom.settings import *  # noqa: F403

DEBUG = False
SECRET_KEY = "$(cat "$dir/etc/secret-key")"
DATABASES = {
    "default": {
        "ENGINE": "framework.db.backends.postgresql",
        "NAME": "$db",
        "USER": "$db",
        "PASSWORD": "$(cat "$dir/etc/db-password")",
        "HOST": "127.0.0.1",
        "PORT": "$pgport",
        "CONN_MAX_AGE": 60,
    }
}
STATIC_ROOT = "$dir/data/static"
ALLOWED_HOSTS = ALLOWED_HOSTS + [h for h in "${NEWSROOM_ALLOWED_HOSTS:-}".split(",") if h]  # noqa: F405
APACHE_HOST = "$host"
APACHE_PORT = $port
APACHE_SERVER_ROOT = "$dir/apache"
APACHE_EVICTION_TIMEOUT = 30
PY
)
if [ "$(cat "$settings_file" 2>/dev/null)" != "$new_settings" ]; then
    printf '%s\n' "$new_settings" >"$settings_file"
    chgrp www-data "$settings_file" && chmod 640 "$settings_file"
    demo_say "settings: wrote $settings_file"
    code_changed=1
else
    demo_say "settings: up to date"
fi

# ---------------------------------------------------------------- the project
cd "$dir/src/demo"
export FRAMEWORK_SETTINGS_MODULE=newsroom.deploy_settings
python="$dir/venv/bin/python"
demo_say "manage.py apache setup"
"$python" manage.py apache setup >"$dir/etc/apache-setup.log" || {
    cat "$dir/etc/apache-setup.log" >&2
    die "manage.py apache setup failed"
}
demo_say "manage.py collectstatic"
"$python" manage.py collectstatic --noinput -v 0
demo_say "manage.py migrate"
"$python" manage.py migrate --noinput -v 0
demo_say "manage.py seed_demo"
"$python" manage.py seed_demo --scale "$seed_scale"
demo_superuser "$python" "$dir/etc/admin-password" admin

if "$python" manage.py apache status >/dev/null 2>&1; then
    if [ -n "$code_changed" ]; then
        demo_say "manage.py apache graceful (new code or settings)"
        "$python" manage.py apache graceful
    else
        demo_say "Apache: running, nothing to reload"
    fi
else
    demo_say "manage.py apache start"
    "$python" manage.py apache start
fi

cat >&2 <<MSG

  The news site:   http://$host:$port/          (Host 127.0.0.1)
  The sport site:  http://localhost:$port/     (Host localhost)
  The admin:       http://$host:$port/admin/    user 'admin', password '$(cat "$dir/etc/admin-password")'
  Stop it:         cd $dir/src/demo && FRAMEWORK_SETTINGS_MODULE=newsroom.deploy_settings $python manage.py apache stop

MSG
