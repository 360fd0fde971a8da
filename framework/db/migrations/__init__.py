"""Migrations: schema history as Python files, applied by ``manage.py migrate``.

Migration files say ``from framework.db import migrations, models`` and subclass
``migrations.Migration``; the operations below are what they list.
"""

from framework.db.migrations.migration import Migration as Migration
from framework.db.migrations.migration import swappable_dependency as swappable_dependency
from framework.db.migrations.operations import AddConstraint as AddConstraint
from framework.db.migrations.operations import AddField as AddField
from framework.db.migrations.operations import AddIndex as AddIndex
from framework.db.migrations.operations import AlterField as AlterField
from framework.db.migrations.operations import AlterModelManagers as AlterModelManagers
from framework.db.migrations.operations import AlterModelOptions as AlterModelOptions
from framework.db.migrations.operations import AlterModelTable as AlterModelTable
from framework.db.migrations.operations import AlterUniqueTogether as AlterUniqueTogether
from framework.db.migrations.operations import CreateModel as CreateModel
from framework.db.migrations.operations import DeleteModel as DeleteModel
from framework.db.migrations.operations import RemoveConstraint as RemoveConstraint
from framework.db.migrations.operations import RemoveField as RemoveField
from framework.db.migrations.operations import RemoveIndex as RemoveIndex
from framework.db.migrations.operations import RenameField as RenameField
from framework.db.migrations.operations import RenameIndex as RenameIndex
from framework.db.migrations.operations import RenameModel as RenameModel
from framework.db.migrations.operations import RunPython as RunPython
from framework.db.migrations.operations import RunSQL as RunSQL
from framework.db.migrations.operations import SeparateDatabaseAndState as SeparateDatabaseAndState
