# Shell functions shared by scripts/demo and deploy/provision.sh (sourced, not run).
#
# Each is idempotent: a second call finds the work done and changes nothing.

# demo_say MESSAGE: progress on stderr, prefixed like the callers' own messages.
demo_say() { printf '%s: %s\n' "${DEMO_LOG_PREFIX:-demo}" "$*" >&2; }

# demo_pg_database PGPORT ROLE DATABASE PASSWORD_FILE
#   Create the login role and the database it owns, unless they exist; the role's
#   password is generated once into PASSWORD_FILE (mode 600). Runs psql as postgres.
#   Prints the password.
demo_pg_database() {
    local port=$1 role=$2 db=$3 pwfile=$4 pw exists
    if [ ! -s "$pwfile" ]; then
        (umask 077 && /usr/bin/python3 -c 'import secrets; print(secrets.token_hex(16))' >"$pwfile")
    fi
    pw=$(cat "$pwfile")
    exists=$(runuser -u postgres -- psql -X -q -t -A -p "$port" -d postgres \
        -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")
    if [ "$exists" = 1 ]; then
        demo_say "PostgreSQL: role '$role' present"
    else
        demo_say "PostgreSQL: creating the role '$role'"
        runuser -u postgres -- psql -X -q -p "$port" -d postgres -v ON_ERROR_STOP=1 \
            -c "CREATE ROLE \"$role\" LOGIN PASSWORD '$pw'" >/dev/null
    fi
    # Keep the stored password and the role's in step (a removed password file is renewed).
    runuser -u postgres -- psql -X -q -p "$port" -d postgres -v ON_ERROR_STOP=1 \
        -c "ALTER ROLE \"$role\" PASSWORD '$pw'" >/dev/null
    exists=$(runuser -u postgres -- psql -X -q -t -A -p "$port" -d postgres \
        -c "SELECT 1 FROM pg_database WHERE datname = '$db'")
    if [ "$exists" = 1 ]; then
        demo_say "PostgreSQL: database '$db' present"
    else
        demo_say "PostgreSQL: creating the database '$db' owned by '$role'"
        runuser -u postgres -- createdb -p "$port" -O "$role" "$db"
    fi
}

# demo_superuser PYTHON PASSWORD_FILE [USERNAME]
#   (in the project directory) Create the admin superuser with createsuperuser --noinput
#   and the password kept in PASSWORD_FILE (generated once), or, when the user exists,
#   make sure its password is that one. Prints nothing on stdout.
demo_superuser() {
    local python=$1 pwfile=$2 username=${3:-admin} pw output
    if [ ! -s "$pwfile" ]; then
        (umask 077 && "$python" -c 'import secrets; print(secrets.token_urlsafe(12))' >"$pwfile")
    fi
    pw=$(cat "$pwfile")
    if output=$(FRAMEWORK_SUPERUSER_USERNAME=$username \
        FRAMEWORK_SUPERUSER_EMAIL="$username@newsroom.invalid" \
        FRAMEWORK_SUPERUSER_PASSWORD=$pw \
        "$python" manage.py createsuperuser --noinput 2>&1); then
        demo_say "created the superuser '$username'"
    elif [[ "$output" == *"already taken"* ]]; then
        DEMO_ADMIN_USERNAME=$username DEMO_ADMIN_PASSWORD=$pw "$python" manage.py shell -c "
import os
from framework.contrib.auth import get_user_model
user = get_user_model().objects.get(username=os.environ['DEMO_ADMIN_USERNAME'])
if not user.check_password(os.environ['DEMO_ADMIN_PASSWORD']):
    user.set_password(os.environ['DEMO_ADMIN_PASSWORD'])
    user.save(update_fields=['password'])
    print('superuser password reset to the stored one')
" >&2
        demo_say "superuser '$username' present"
    else
        printf '%s\n' "$output" >&2
        return 1
    fi
}
