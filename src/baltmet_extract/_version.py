"""The package version, in a module of its own so that any layer may name it without importing the
package's `__init__` (which reaches the public API, the top layer)."""

__version__ = "0.1.0"
