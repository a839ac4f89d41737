#!/usr/bin/env bash
# access.sh BASALT — SQL access control over HTTP, as @clickhouse/client's
# read_only_user and role tests use it: `default` creates users (sha256
# passwords, DEFAULT DATABASE, SETTINGS readonly) and roles, grants
# privileges on databases and tables and roles to users; each user then
# authenticates and gets exactly what it was granted (ACCESS_DENIED 497
# otherwise), `role` parameters and SET ROLE choose its current roles
# (currentRoles()), partial revokes and REVOKE take privileges away, and
# everything survives a restart of the server (access/entities.sql).
# Prints "ok NAME" / "not ok NAME" per check (run-tests.sh counts them).
set -u
B=${1:?usage: access.sh BASALT}
work=$(mktemp -d /tmp/basalt-access.XXXXXX)
chmod 755 "$work"   # a server started as root runs as 65532 (server/sandbox.c): it must reach its data
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT

check() {  # check NAME EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then echo "ok $1"; else echo "not ok $1"; printf '  expected: %q\n  actual:   %q\n' "$2" "$3"; fi
}
. "$(dirname "$0")/lib.sh"
start_server "$B" "$work/data" "$work/log"
[ -n "$pid" ] || { echo "not ok access_server_start"; cat "$work/log"; exit 0; }
U="http://127.0.0.1:$port"
# q USER:PASSWORD SQL [NAME=VALUE ...]: POSTs SQL with those URL parameters;
# prints the body, or "code NAME" of an error
q() {
    local auth=$1 sql=$2 url="$U/?" out
    shift 2
    for kv in "$@"; do url+="$(printf '%s' "${kv%%=*}")=$(printf '%s' "${kv#*=}" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')&"; done
    out=$(curl -s -m 10 -u "$auth" "$url" --data-binary "$sql")
    if [[ "$out" == Code:* ]]; then printf '%s' "$out" | sed -E 's/^Code: ([0-9]+)\..*\(([A-Z_]+)\) \(version.*$/\1 \2/' | head -1
    else printf '%s' "$out"; fi
}
A="default:"

# without --http-options-response a CORS preflight gets no Access-Control
# headers, so a browser page from elsewhere cannot send queries
check preflight_closed_by_default "HTTP/1.1 204 No Content|" \
    "$(curl -s -m 10 -D - -o /dev/null -X OPTIONS -H 'Origin: http://x' -H 'Access-Control-Request-Method: POST' $U/ | tr -d '\r' | grep -E '^HTTP|^Access-Control' | tr '\n' '|')"

# ---- users and roles made by default ----
q $A "CREATE DATABASE d1" >/dev/null
q $A "CREATE TABLE d1.t (id UInt64, name String) ENGINE = MergeTree ORDER BY id" >/dev/null
q $A "INSERT INTO d1.t VALUES (42, 'hello')" >/dev/null
q $A "CREATE TABLE default.other (x UInt8) ENGINE = Memory" >/dev/null
check create_reader "" "$(q $A "CREATE USER reader IDENTIFIED WITH sha256_password BY 'r;pw' DEFAULT DATABASE d1 SETTINGS readonly = 1")"
check grant_reader "" "$(q $A "GRANT SHOW TABLES, SELECT ON d1.* TO reader")"
check create_exists "493 ACCESS_ENTITY_ALREADY_EXISTS" "$(q $A "CREATE USER reader")"
check create_if_not_exists "" "$(q $A "CREATE USER IF NOT EXISTS reader")"
check create_default_clash "493 ACCESS_ENTITY_ALREADY_EXISTS" "$(q $A "CREATE USER default")"
check show_grants "GRANT SHOW TABLES, SELECT ON d1.* TO reader" "$(q $A "SHOW GRANTS FOR reader")"

# ---- the read-only user ----
R="reader:r;pw"
check reader_wrong_password "516 AUTHENTICATION_FAILED" "$(q "reader:nope" "SELECT 1")"
check reader_select "42	hello" "$(q "$R" "SELECT id, name FROM t")"
check reader_default_database "d1" "$(q "$R" "SELECT currentDatabase()")"
check reader_current_user "reader" "$(q "$R" "SELECT currentUser()")"
check reader_no_create "497 ACCESS_DENIED" "$(q "$R" "CREATE TABLE d1.n (x UInt8) ENGINE = Memory")"
check reader_no_insert "497 ACCESS_DENIED" "$(q "$R" "INSERT INTO t VALUES (43, 'x')")"
check reader_message "reader: Not enough privileges. To execute this query, it's necessary to have the grant INSERT ON d1.t" \
    "$(curl -s -m 10 -u "$R" "$U/" --data-binary "INSERT INTO t VALUES (43, 'x')" | sed -E 's/^Code: 497\. DB::Exception: //; s/\. \(ACCESS_DENIED\).*//')"
check reader_other_db "497 ACCESS_DENIED" "$(q "$R" "SELECT * FROM default.other")"
check reader_system_users "497 ACCESS_DENIED" "$(q "$R" "SELECT * FROM system.users LIMIT 5")"
check reader_system_one "0" "$(q "$R" "SELECT dummy FROM system.one")"
check reader_databases "INFORMATION_SCHEMA d1 information_schema system" "$(q "$R" "SHOW DATABASES" | tr '\n' ' ' | sed 's/ $//')"
check reader_tables_hidden "0" "$(q "$R" "SELECT count() FROM system.tables WHERE database = 'default'")"
check reader_tables_own "t" "$(q "$R" "SHOW TABLES FROM d1")"
check reader_describe_denied "497 ACCESS_DENIED" "$(q "$R" "DESCRIBE TABLE default.other")"
check reader_describe_own "id	UInt64" "$(q "$R" "DESCRIBE TABLE t" | cut -f1,2 | head -1)"
check reader_readonly_setting "164 READONLY" "$(q "$R" "SELECT 1" "max_threads=2")"
check reader_no_grant "497 ACCESS_DENIED" "$(q "$R" "GRANT SELECT ON d1.* TO reader")"
check reader_no_create_user "497 ACCESS_DENIED" "$(q "$R" "CREATE USER x")"

# ---- roles: the role parameter, SET ROLE, currentRoles() ----
q $A "CREATE USER writer IDENTIFIED BY 'wpw' DEFAULT DATABASE d1" >/dev/null
q $A "CREATE ROLE IF NOT EXISTS r_insert" >/dev/null
q $A "CREATE ROLE IF NOT EXISTS r_none" >/dev/null
check grant_roles "" "$(q $A "GRANT r_insert, r_none TO writer")"
check grant_insert "" "$(q $A "GRANT INSERT ON d1.* TO r_insert")"
check grant_create "" "$(q $A "GRANT CREATE TABLE ON * TO r_insert")"
W="writer:wpw"
check roles_default_all "['r_insert','r_none']" "$(q "$W" "SELECT arraySort(currentRoles())")"
check role_param_one "['r_insert']" "$(q "$W" "SELECT currentRoles()" "role=r_insert")"
check role_param_two "['r_insert','r_none']" "$(q "$W" "SELECT arraySort(currentRoles())" role=r_insert role=r_none)"
check role_param_insert "" "$(q "$W" "INSERT INTO t VALUES (1, 'a')" "role=r_insert")"
check role_param_denied "497 ACCESS_DENIED" "$(q "$W" "INSERT INTO t VALUES (2, 'b')" "role=r_none")"
check role_param_create "" "$(q "$W" "CREATE TABLE d1.made (x UInt8) ENGINE = Memory" "role=r_insert")"
check role_param_create_denied "497 ACCESS_DENIED" "$(q "$W" "CREATE TABLE d1.made2 (x UInt8) ENGINE = Memory" "role=r_none")"
check role_unknown "511 UNKNOWN_ROLE" "$(q "$W" "SELECT 1" "role=nosuch")"
check role_not_granted "512 SET_NON_GRANTED_ROLE" "$(q "$R" "SELECT 1" "role=r_insert")"
check writer_select_denied "497 ACCESS_DENIED" "$(q "$W" "SELECT count() FROM t")"
check default_sees_insert "2" "$(q $A "SELECT count() FROM d1.t")"
sid="s$RANDOM"
q "$W" "SET ROLE r_none" "session_id=$sid" >/dev/null
check set_role_session "['r_none']" "$(q "$W" "SELECT currentRoles()" "session_id=$sid")"
check set_role_session_denied "497 ACCESS_DENIED" "$(q "$W" "INSERT INTO t VALUES (3, 'c')" "session_id=$sid")"
check set_role_none "[]" "$(q "$W" "SET ROLE NONE" "session_id=$sid"; q "$W" "SELECT currentRoles()" "session_id=$sid")"
check enabled_roles "['r_insert']" "$(q "$W" "SELECT enabledRoles()" "role=r_insert")"

# ---- revokes ----
q $A "GRANT SELECT ON *.* TO writer" >/dev/null
check select_everywhere "2" "$(q "$W" "SELECT count() FROM d1.t")"
check partial_revoke "" "$(q $A "REVOKE SELECT ON d1.t FROM writer")"
check partial_revoke_denied "497 ACCESS_DENIED" "$(q "$W" "SELECT count() FROM d1.t")"
check partial_revoke_rest "0" "$(q "$W" "SELECT count() FROM default.other")"
check writer_grants "GRANT SELECT ON *.* TO writer|REVOKE SELECT ON d1.t FROM writer|GRANT r_insert TO writer|GRANT r_none TO writer" \
    "$(q $A "SHOW GRANTS FOR writer" | tr '\n' '|' | sed 's/|$//')"
q $A "REVOKE r_insert FROM writer" >/dev/null
check revoked_role "497 ACCESS_DENIED" "$(q "$W" "INSERT INTO t VALUES (4, 'd')")"
check show_users "default reader writer" "$(q $A "SHOW USERS" | tr '\n' ' ' | sed 's/ $//')"
check system_roles "r_insert	local_directory r_none	local_directory" "$(q $A "SELECT name, storage FROM system.roles ORDER BY name" | tr '\n' ' ' | sed 's/ $//')"

# ---- persistence: the same after a restart ----
kill -TERM $pid
for i in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
pid=""
start_server "$B" "$work/data" "$work/log2"
[ -n "$pid" ] || { echo "not ok access_restart"; cat "$work/log2"; exit 0; }
U="http://127.0.0.1:$port"
check restart_reader_select "42	hello" "$(q "$R" "SELECT id, name FROM d1.t WHERE id = 42")"
check restart_reader_denied "497 ACCESS_DENIED" "$(q "$R" "INSERT INTO d1.t VALUES (5, 'e')")"
check restart_reader_readonly "164 READONLY" "$(q "$R" "SELECT 1" "max_threads=2")"
check restart_writer_grants "GRANT SELECT ON *.* TO writer|REVOKE SELECT ON d1.t FROM writer|GRANT r_none TO writer" \
    "$(q $A "SHOW GRANTS FOR writer" | tr '\n' '|' | sed 's/|$//')"
check restart_wrong_password "516 AUTHENTICATION_FAILED" "$(q "writer:x" "SELECT 1")"
check drop_user "" "$(q $A "DROP USER reader")"
check dropped_login "516 AUTHENTICATION_FAILED" "$(q "$R" "SELECT 1")"
check drop_role "" "$(q $A "DROP ROLE r_none, r_insert")"
check drop_role_gone "[]" "$(q "$W" "SELECT currentRoles()")"
check drop_unknown "192 UNKNOWN_USER" "$(q $A "DROP USER nosuch")"
check drop_if_exists "" "$(q $A "DROP USER IF EXISTS nosuch")"

kill -TERM $pid
for i in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
pid=""
