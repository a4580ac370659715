"""Streamlit-side helpers shared by the pages: session state, page chrome and widgets.

This is the only layer besides app.py and pages/ that imports streamlit.
"""
