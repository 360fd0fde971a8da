"""What SQLite can do."""

from __future__ import annotations

from framework.db.backends.base.features import BaseDatabaseFeatures


class DatabaseFeatures(BaseDatabaseFeatures):
    autocommits_when_autocommit_is_off = True
    can_return_columns_from_insert = True
    can_return_rows_from_bulk_insert = True
    can_defer_constraint_checks = True
    supports_timezones = False
    max_query_params = 999
    supports_transactional_ddl = True
    supports_aggregate_filter_clause = True
    supports_frame_range_fixed_distance = True
    supports_json_field_contains = False
    has_json_object_function = True
    order_by_nulls_first = True
    supports_unlimited_charfield = True
    supports_select_for_update = False
    test_db_allows_multiple_connections = False
    supports_deferrable_unique_constraints = False
    supports_covering_indexes = False
