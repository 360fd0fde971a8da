"""Database functions (``framework.db.models.functions``)."""

from framework.db.models.functions.comparison import Cast as Cast
from framework.db.models.functions.comparison import Coalesce as Coalesce
from framework.db.models.functions.comparison import Collate as Collate
from framework.db.models.functions.comparison import Greatest as Greatest
from framework.db.models.functions.comparison import Least as Least
from framework.db.models.functions.comparison import NullIf as NullIf
from framework.db.models.functions.datetime import Extract as Extract
from framework.db.models.functions.datetime import ExtractDay as ExtractDay
from framework.db.models.functions.datetime import ExtractHour as ExtractHour
from framework.db.models.functions.datetime import ExtractIsoWeekDay as ExtractIsoWeekDay
from framework.db.models.functions.datetime import ExtractIsoYear as ExtractIsoYear
from framework.db.models.functions.datetime import ExtractMinute as ExtractMinute
from framework.db.models.functions.datetime import ExtractMonth as ExtractMonth
from framework.db.models.functions.datetime import ExtractQuarter as ExtractQuarter
from framework.db.models.functions.datetime import ExtractSecond as ExtractSecond
from framework.db.models.functions.datetime import ExtractWeek as ExtractWeek
from framework.db.models.functions.datetime import ExtractWeekDay as ExtractWeekDay
from framework.db.models.functions.datetime import ExtractYear as ExtractYear
from framework.db.models.functions.datetime import Now as Now
from framework.db.models.functions.datetime import Trunc as Trunc
from framework.db.models.functions.datetime import TruncDate as TruncDate
from framework.db.models.functions.datetime import TruncDay as TruncDay
from framework.db.models.functions.datetime import TruncHour as TruncHour
from framework.db.models.functions.datetime import TruncMinute as TruncMinute
from framework.db.models.functions.datetime import TruncMonth as TruncMonth
from framework.db.models.functions.datetime import TruncQuarter as TruncQuarter
from framework.db.models.functions.datetime import TruncSecond as TruncSecond
from framework.db.models.functions.datetime import TruncTime as TruncTime
from framework.db.models.functions.datetime import TruncWeek as TruncWeek
from framework.db.models.functions.datetime import TruncYear as TruncYear
from framework.db.models.functions.text import MD5 as MD5
from framework.db.models.functions.text import Concat as Concat
from framework.db.models.functions.text import ConcatPair as ConcatPair
from framework.db.models.functions.text import Left as Left
from framework.db.models.functions.text import Length as Length
from framework.db.models.functions.text import Lower as Lower
from framework.db.models.functions.text import LPad as LPad
from framework.db.models.functions.text import LTrim as LTrim
from framework.db.models.functions.text import Replace as Replace
from framework.db.models.functions.text import Reverse as Reverse
from framework.db.models.functions.text import Right as Right
from framework.db.models.functions.text import RPad as RPad
from framework.db.models.functions.text import RTrim as RTrim
from framework.db.models.functions.text import StrIndex as StrIndex
from framework.db.models.functions.text import Substr as Substr
from framework.db.models.functions.text import Trim as Trim
from framework.db.models.functions.text import Upper as Upper
from framework.utils.deferred import module_getattr

# The math and window functions register no lookups: they load on first use. The
# comparison, date and text ones stay eager (aggregates use Coalesce; the date and text
# modules register transforms such as ``__year`` and ``__lower`` on the fields).
__getattr__ = module_getattr(
    __name__,
    globals(),
    {
        "Abs": "framework.db.models.functions.math",
        "Ceil": "framework.db.models.functions.math",
        "Floor": "framework.db.models.functions.math",
        "Mod": "framework.db.models.functions.math",
        "Power": "framework.db.models.functions.math",
        "Random": "framework.db.models.functions.math",
        "Round": "framework.db.models.functions.math",
        "Sqrt": "framework.db.models.functions.math",
        "CumeDist": "framework.db.models.functions.window",
        "DenseRank": "framework.db.models.functions.window",
        "FirstValue": "framework.db.models.functions.window",
        "Lag": "framework.db.models.functions.window",
        "LastValue": "framework.db.models.functions.window",
        "Lead": "framework.db.models.functions.window",
        "NthValue": "framework.db.models.functions.window",
        "Ntile": "framework.db.models.functions.window",
        "PercentRank": "framework.db.models.functions.window",
        "Rank": "framework.db.models.functions.window",
        "RowNumber": "framework.db.models.functions.window",
    },
)
