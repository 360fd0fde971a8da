"""View decorators: http, cache, gzip, clickjacking, debug, common."""
