"""adatlas: an atlas of air- and missile-defense deployments in Europe and Central Asia.

The public surface is small: :func:`load_dataset`, :func:`as_of`, :func:`members`.
"""

from adatlas.dataset import Dataset, DatasetError, load_dataset
from adatlas.query import Filters, as_of, members

__all__ = ["Dataset", "DatasetError", "Filters", "as_of", "load_dataset", "members"]
