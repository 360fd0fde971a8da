"""A custom KEY_FUNCTION for the tests."""


def reversed_key(key, key_prefix, version):
    return f"{key[::-1]}:{key_prefix}:{version}"
