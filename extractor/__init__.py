"""vngov-extractor: structured records from Vietnamese government news and reports.

    >>> import extractor
    >>> result = extractor.extract(text, published="2020-10-15")
    >>> result.to_dict()["money"]

The pipeline (normalise -> segment -> recognise -> link -> records -> write) is a spaCy
pipeline: ``extractor.get_nlp()`` returns it, and ``nlp.add_pipe("vngov")`` adds every stage
to a pipeline of your own.
"""
from .api import Article, ArticleResult, extract, extract_many
from .pipeline import STAGES, get_nlp, make_nlp
from .records import SCHEMA, SCHEMA_VERSION
from .rules import RulesError, load_rules
from .tables import to_frames

__version__ = "0.1.0"

__all__ = ["Article", "ArticleResult", "extract", "extract_many", "get_nlp", "make_nlp", "STAGES",
           "SCHEMA", "SCHEMA_VERSION", "load_rules", "RulesError", "to_frames", "__version__"]
