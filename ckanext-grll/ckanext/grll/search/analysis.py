"""Text preparation shared by indexing and querying.

Solr's ``text`` type splits words on every non-alphanumeric character
(WordDelimiterGraphFilter) and also indexes the joined form, so ``wi-fi``,
``data.csv`` or ``a@b.org`` are found by their parts and ``wifi`` finds
``wi-fi``. PostgreSQL's parser would instead keep hosts, files and e-mails as
single tokens, so the text is split here before it reaches ``to_tsvector``;
stemming and accent folding stay with the text search configuration.
"""
from __future__ import annotations

import re
import unicodedata

_DELIMITERS = re.compile(r"[\W_]+")
#: A token of two or more words (``wi-fi``, ``data.csv``).
_COMPOUND = re.compile(r"[^\W_][\W_]+[^\W_]")


def index_text(text: str) -> str:
    joined = [_DELIMITERS.sub("", token) for token in text.split()
              if _COMPOUND.search(token)]
    return " ".join([_DELIMITERS.sub(" ", text)] + joined)


def query_text(text: str) -> str:
    return _DELIMITERS.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower case without accents, as the text search configurations do."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                   if not unicodedata.combining(c))
