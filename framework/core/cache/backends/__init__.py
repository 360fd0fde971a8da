"""Cache backends: locmem, db, filebased, dummy, redis, memcached."""
