"""Stage 3 — recognise: one module per kind of thing, each a registered spaCy component."""
from . import numbers  # noqa: F401  (registers vngov_money, vngov_percentages, vngov_quantities)
from . import dates  # noqa: F401  (registers vngov_dates, vngov_periods)
from . import places  # noqa: F401  (registers vngov_places, vngov_organisations)
from . import documents  # noqa: F401  (registers vngov_documents)
