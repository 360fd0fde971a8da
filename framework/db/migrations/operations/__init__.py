"""The operations a migration file lists: ``migrations.CreateModel(...)`` and friends."""

from framework.db.migrations.operations.fields import AddField as AddField
from framework.db.migrations.operations.fields import AlterField as AlterField
from framework.db.migrations.operations.fields import RemoveField as RemoveField
from framework.db.migrations.operations.fields import RenameField as RenameField
from framework.db.migrations.operations.models import AddConstraint as AddConstraint
from framework.db.migrations.operations.models import AddIndex as AddIndex
from framework.db.migrations.operations.models import AlterModelManagers as AlterModelManagers
from framework.db.migrations.operations.models import AlterModelOptions as AlterModelOptions
from framework.db.migrations.operations.models import AlterModelTable as AlterModelTable
from framework.db.migrations.operations.models import AlterUniqueTogether as AlterUniqueTogether
from framework.db.migrations.operations.models import CreateModel as CreateModel
from framework.db.migrations.operations.models import DeleteModel as DeleteModel
from framework.db.migrations.operations.models import RemoveConstraint as RemoveConstraint
from framework.db.migrations.operations.models import RemoveIndex as RemoveIndex
from framework.db.migrations.operations.models import RenameIndex as RenameIndex
from framework.db.migrations.operations.models import RenameModel as RenameModel
from framework.db.migrations.operations.special import RunPython as RunPython
from framework.db.migrations.operations.special import RunSQL as RunSQL
from framework.db.migrations.operations.special import (
    SeparateDatabaseAndState as SeparateDatabaseAndState,
)
