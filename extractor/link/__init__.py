"""Stage 4 — link: records built from recognised pieces (officials, meetings, indicators)."""
from . import meetings  # noqa: F401  (registers vngov_meetings)
from . import indicators  # noqa: F401  (registers vngov_indicators)
from . import officials  # noqa: F401  (registers vngov_officials)
