"""baltmet-extract: documents about Baltic Sea Region city cooperation in, clean linked tables out."""

__version__ = "0.1.0"
