#!/bin/sh
# apachectl for this server root only (Debian's apachectl drives the system's Apache).
# Usage: ./apachectl start|stop|restart|graceful|graceful-stop|configtest [httpd options]
#        ./apachectl [httpd options], e.g. ./apachectl -D FrameworkDebug -k start
ROOT="{{ s.server_root }}"
case "$1" in
    start|stop|restart|graceful|graceful-stop) action=$1; shift; set -- -k "$action" "$@" ;;
    configtest) shift; set -- -t "$@" ;;
esac
# C.UTF-8 exists everywhere; the daemons take their locale from WSGIDaemonProcess anyway.
LANG=C.UTF-8 exec "{{ s.httpd }}" -d "$ROOT" -f "$ROOT/httpd.conf" "$@"
