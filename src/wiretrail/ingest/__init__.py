"""Ingest: any input (files, directories, globs, URLs, feeds, OPML, URL lists, WARC, stdin) to raw documents.

The one entry point is :func:`read_inputs`; it yields :class:`RawDocument` records (cleaning comes
later) and :class:`~wiretrail.model.InputFailure` records for whatever could not be read, and never
raises for one bad input. (The one-off ``fetch()`` function lives in :mod:`wiretrail.ingest.fetch`;
it is not re-exported here, where its name would hide the module.)

>>> import io
>>> from wiretrail.ingest import read_inputs
>>> [doc.format for doc in read_inputs(["-"], stdin=io.BytesIO(b"<html><p>Breaking</p></html>"))]
['stdin']
"""

from wiretrail.ingest.decode import BinaryContentError, DecodeError, EmptyContentError, decode_bytes
from wiretrail.ingest.fetch import Fetcher, FetchError, FetchResult
from wiretrail.ingest.raw import IngestOptions, RawDocument
from wiretrail.ingest.sources import read_inputs

__all__ = [
    "BinaryContentError", "DecodeError", "EmptyContentError", "FetchError", "FetchResult", "Fetcher",
    "IngestOptions", "RawDocument", "decode_bytes", "read_inputs",
]
