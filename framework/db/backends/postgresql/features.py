"""What PostgreSQL can do."""

from __future__ import annotations

from framework.db.backends.base.features import BaseDatabaseFeatures


class DatabaseFeatures(BaseDatabaseFeatures):
    can_return_columns_from_insert = True
    can_return_rows_from_bulk_insert = True
    has_native_uuid_field = True
    has_native_duration_field = True
    has_native_json_field = True
    can_defer_constraint_checks = True
    has_select_for_update = True
    has_select_for_update_nowait = True
    has_select_for_update_of = True
    has_select_for_update_skip_locked = True
    supports_select_for_update = True
    supports_timezones = True
    supports_aggregate_filter_clause = True
    supports_frame_range_fixed_distance = True
    supports_deferrable_unique_constraints = True
    supports_covering_indexes = True
    supports_server_side_cursors = True
    supports_comments = True
    supports_unlimited_charfield = True
    nulls_order_largest = True
    max_query_params = None
