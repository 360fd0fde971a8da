"""The query tree and its compiler."""

from framework.db.models.sql.query import Query as Query
from framework.db.models.sql.query import RawQuery as RawQuery
from framework.db.models.sql.subqueries import AggregateQuery as AggregateQuery
from framework.db.models.sql.subqueries import DeleteQuery as DeleteQuery
from framework.db.models.sql.subqueries import InsertQuery as InsertQuery
from framework.db.models.sql.subqueries import UpdateQuery as UpdateQuery
from framework.db.models.sql.where import AND as AND
from framework.db.models.sql.where import OR as OR
from framework.db.models.sql.where import XOR as XOR
