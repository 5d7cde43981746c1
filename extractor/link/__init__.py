"""Stage 4 — link: records built from recognised pieces (officials, meetings, indicators)."""
from . import indicators  # noqa: F401  (registers vngov_indicators)
from . import officials  # noqa: F401  (registers vngov_officials)
