"""Server entry: ``streamlit run serve.py`` serves app.py and warms the model at start."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st


@asynccontextmanager
async def _warm(_app: st.App) -> AsyncIterator[None]:
    from ui import models

    models.warm_in_background()
    yield


app = st.App("app.py", lifespan=_warm)
