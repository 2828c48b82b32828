"""What tests share, and the bench and Lighthouse runs too (docs/testing.md).

No test module imports another test module: helpers live here, fixtures in
the conftest.py files.
"""
