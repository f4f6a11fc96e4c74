"""wiretrail: trace every claim in the news back to where it came from.

>>> from wiretrail import Corpus
>>> corpus = Corpus.open(":memory:")  # doctest: +SKIP
"""

__version__ = "0.1.0"

__all__ = ["Corpus", "__version__"]


def __getattr__(name: str):  # lazy: nothing heavy happens at import
    if name == "Corpus":
        from wiretrail.corpus import Corpus

        return Corpus
    raise AttributeError(name)
