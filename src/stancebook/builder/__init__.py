"""The builder layer: the project's paths (``project``), fingerprints and the quick no-change check
(``fingerprint``, ``quick``), the build lock (``lock``), the cache (``cache``), planning and rendering the
chapter notebooks (``plan``), executing them (``worker``, ``executors``, ``run``), compiling and publishing the
HTML book (``publish``, ``sphinx_ext``) and printing it (``pdf``).

This module imports nothing: ``stancebook build`` with nothing to do must answer before pandas is loaded.
"""
