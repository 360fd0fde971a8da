"""One node of the multi-node test topology: PostgreSQL primary + replica, Redis."""

from pathlib import Path

from mnsite.node import CACHE_PREFIX, DBNAME, PRIMARY_PORT, REDIS_URL, REPLICA_PORT

BASE_DIR = Path(__file__).resolve().parent.parent
# Identical on every node: sessions and signed values must verify anywhere.
SECRET_KEY = "multinode-e2e-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "mnsite.urls"
INSTALLED_APPS = ["mnsite"]
MIDDLEWARE = [
    "framework.db.pinning.PinPrimaryMiddleware",
    "framework.contrib.sessions.middleware.SessionMiddleware",
]
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
USE_TZ = True


def _db(port):
    return {
        "ENGINE": "framework.db.backends.postgresql",
        "NAME": DBNAME,
        "USER": "postgres",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "CONN_MAX_AGE": 60,
    }


DATABASES = {"default": _db(PRIMARY_PORT), "replica": _db(REPLICA_PORT)}
DATABASE_REPLICAS = ["replica"]
DATABASE_ROUTERS = ["framework.db.routers.PrimaryReplicaRouter"]
CACHES = {
    "default": {
        "BACKEND": "framework.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": CACHE_PREFIX,
    }
}
SESSION_ENGINE = "framework.contrib.sessions.backends.cache"
