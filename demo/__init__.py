"""The demo site: the seed texts of every app, built by `load_demo_content`.

A leaf: the demo imports the apps, and nothing but the tests imports the demo.
"""
