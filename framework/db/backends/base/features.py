"""Capability flags; backends override them as class data."""

from __future__ import annotations

from typing import Any


class BaseDatabaseFeatures:
    """What a backend can do; the ORM branches on these flags, never on vendor names."""

    allows_group_by_select_index = True
    empty_fetchmany_value: Any = []
    update_can_self_select = True
    interprets_empty_strings_as_nulls = False
    supports_nullable_unique_constraints = True
    can_use_chunked_reads = True
    can_return_columns_from_insert = False
    can_return_rows_from_bulk_insert = False
    has_bulk_insert = True
    uses_savepoints = True
    can_release_savepoints = True
    supports_transactions = True
    supports_foreign_keys = True
    can_defer_constraint_checks = False
    supports_select_for_update = False
    has_select_for_update = False
    has_select_for_update_nowait = False
    has_select_for_update_skip_locked = False
    has_select_for_update_of = False
    supports_timezones = False
    has_zoneinfo_database = True
    has_native_uuid_field = False
    has_native_duration_field = False
    has_native_json_field = False
    supports_json_field = True
    supports_json_field_contains = True
    has_json_object_function = True
    supports_regex_backreferencing = True
    supports_over_clause = True
    supports_frame_range_fixed_distance = False
    supports_aggregate_filter_clause = False
    supports_boolean_expr_in_select_clause = True
    supports_partial_indexes = True
    supports_expression_indexes = True
    supports_covering_indexes = False
    supports_deferrable_unique_constraints = False
    supports_table_check_constraints = True
    supports_column_check_constraints = True
    supports_comments = False
    supports_transactional_ddl = True
    can_rollback_ddl = True
    requires_literal_defaults = False
    supports_default_keyword_in_insert = True
    supports_default_keyword_in_bulk_insert = True
    supports_ignore_conflicts = True
    supports_update_conflicts = True
    supports_update_conflicts_with_target = True
    supports_paramstyle_pyformat = True
    supports_slicing_ordering_in_compound = True
    supports_select_union = True
    supports_select_intersection = True
    supports_select_difference = True
    supports_server_side_cursors = False
    supports_temporal_subtraction = True
    supports_collation_on_charfield = True
    supports_order_by_nulls_modifier = True
    order_by_nulls_first = False
    nulls_order_largest = False
    supports_unlimited_charfield = False
    supports_default_in_lead_lag = True
    supports_subqueries_in_group_by = True
    connection_persists_old_columns = False
    max_query_params: int | None = None
    test_db_allows_multiple_connections = True

    def __init__(self, connection: Any):
        self.connection = connection
