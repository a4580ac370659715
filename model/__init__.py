"""Sahayak's logic: quiz scoring, texts, money formatting and charts. Never imports streamlit."""
